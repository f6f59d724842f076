import type { Span } from '../types';
import type { ModuleRef } from './crossfile';
import type { SecretsDocument } from './parser';

// What every secrets rule sees: the parsed file plus the rsyncd.conf modules that name it (empty when
// the workspace has none, or the file has no path). Messages built here never include a password.

export interface SecretsFile extends SecretsDocument {
  refs: readonly ModuleRef[];
}

/** `[debian] (rsyncd.conf)`, for messages and hovers; modules are not secret. */
export function moduleLabel(ref: ModuleRef): string {
  return `\`[${ref.module.name}]\` (${ref.confName})`;
}

export function moduleList(refs: readonly ModuleRef[]): string {
  const labels = [...new Set(refs.map(moduleLabel))];
  return labels.length <= 3 ? labels.join(', ') : `${labels.slice(0, 3).join(', ')} and ${labels.length - 3} more`;
}

/** Where a problem with the whole file goes: its first line with content, or the start. */
export function fileSpan(doc: SecretsDocument): Span {
  const line = doc.lines.find((l) => l.kind !== 'blank') ?? doc.lines[0];
  return line ? { start: line.span.start, end: line.span.end } : { start: 0, end: 0 };
}

/** A user name for a message: quoted, with invisible blanks made visible. Never a password. */
export function showName(name: string): string {
  return `\`${name.replace(/\t/g, '\\t')}\``;
}

/** Deletes a whole line, its line break included. */
export function deleteLine(doc: SecretsDocument, lineNumber: number): { start: number; end: number; newText: string } {
  const line = doc.lines[lineNumber];
  return { start: line.lineStart, end: Math.min(line.next, doc.text.length), newText: '' };
}
