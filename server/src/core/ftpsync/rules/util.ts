import type { Span } from '../../types';
import type { Assignment } from '../bash/reader';
import { finalValue, lastAssignment, valueSource, type FtpsyncDoc } from '../model';

// Shared plumbing of the ftpsync.conf rules.

/** A value for a message: in backticks, control characters made visible, long values cut. */
export function quote(value: string, max = 60): string {
  const shown = value.replace(/[\x00-\x1f\x7f]/g, (c) =>
    c === '\r'
      ? '\\r'
      : c === '\t'
        ? '\\t'
        : c === '\n'
          ? '\\n'
          : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
  const cut = shown.length > max ? `${shown.slice(0, max)}…` : shown;
  return '`' + cut.replace(/`/g, "'") + '`';
}

export interface KnownSetting {
  value: string;
  /** The assignment that gives the variable its final value. */
  assignment: Assignment;
  /** The value's source text (quotes included). */
  source: string;
}

/**
 * The value the file gives `name` when bash ends up with it for certain and the last assignment is
 * what set it (so a report on that assignment is right): undefined otherwise.
 */
export function known(doc: FtpsyncDoc, name: string): KnownSetting | undefined {
  const v = finalValue(doc, name);
  const assignment = lastAssignment(doc, name);
  if (v?.state !== 'set' || !assignment || assignment.conditional || assignment.value !== v.value) return undefined;
  return { value: v.value, assignment, source: valueSource(doc, assignment) };
}

/** The span of `word` inside an assignment's value source, when it is written there literally. */
export function wordSpan(doc: FtpsyncDoc, a: Assignment, word: string, from = 0): Span | undefined {
  const source = doc.text.slice(a.valueStart, a.end);
  const i = source.indexOf(word, from);
  return i < 0 ? undefined : { start: a.valueStart + i, end: a.valueStart + i + word.length };
}

/** The words of a value as ftpsync's unquoted `${VAR}` gives them (split on blanks). */
export function words(value: string): { word: string; index: number }[] {
  const out: { word: string; index: number }[] = [];
  const re = /[^ \t\n]+/g;
  for (let m = re.exec(value); m; m = re.exec(value)) out.push({ word: m[0], index: m.index });
  return out;
}

/** The first line of the file with content, for problems about the file as a whole. */
export function fileSpan(doc: FtpsyncDoc): Span {
  const text = doc.text;
  let start = 0;
  while (start < text.length && /\s/.test(text[start])) start++;
  if (start >= text.length) return { start: 0, end: 0 };
  let end = text.indexOf('\n', start);
  if (end < 0) end = text.length;
  if (text[end - 1] === '\r') end--;
  return { start, end: Math.max(end, start + 1) };
}

/** The span a problem with a variable's value is shown on: the value, or the name when it is empty. */
export function valueSpanOf(a: Assignment): Span {
  return a.end > a.valueStart ? { start: a.valueStart, end: a.end } : { start: a.nameStart, end: a.nameEnd };
}

/** Whether a value's source is a plain word or a plain quoted string, so an edit of its text is safe. */
export function isPlainSource(source: string): boolean {
  return /^(?:"[^"\\$`]*"|'[^']*'|[^\s"'\\$`;&|<>()]*)$/.test(source);
}

/** The value source with its text replaced, keeping the quotes it had. */
export function replaceValue(source: string, next: string): string {
  if (source.startsWith('"') || /\s/.test(next)) return `"${next}"`;
  if (source.startsWith("'")) return `'${next}'`;
  return next;
}

/** A span that shows in an editor: at least one character when the text has one there. */
export function visible(span: Span, length: number): Span {
  const start = Math.min(span.start, length);
  return { start, end: Math.min(Math.max(span.end, start + 1), length) };
}
