import type { Rule } from '../rule';
import type { CheckContext, RuleMeta, Span, TextEdit } from '../types';
import { confPathFor, readRunmirrorsConf, type RunmirrorsSettings } from './conf';
import { isMirror, type DelayEntry, type MirrorEntry, type MirrorListDocument } from './parser';

/** What the mirror-list rules see: the parsed list and, when readable, the runmirrors.conf beside it. */
export interface MirrorListFile extends MirrorListDocument {
  settings?: RunmirrorsSettings;
  /** Path of the runmirrors.conf read for `settings`. */
  confPath?: string;
}

export type MirrorRule = Rule<MirrorListFile>;

export function withSettings(doc: MirrorListDocument, ctx: CheckContext): MirrorListFile {
  if (!ctx.path || !ctx.host) return doc;
  const confPath = confPathFor(ctx.path);
  if (confPath === ctx.path) return doc;
  const text = ctx.host.readText(confPath);
  if (text === undefined) return doc;
  return { ...doc, settings: readRunmirrorsConf(text, ctx.host.homeDir, archvsyncSeed(ctx.path)), confPath };
}

/** In an archvsync home (`~/etc/runmirrors.mirror`) BASEDIR is conventionally that home. */
export function archvsyncSeed(listPath: string): Record<string, string> {
  const m = /^(.*)\/etc\/[^/]+$/.exec(listPath.replace(/\\/g, '/'));
  return m ? { BASEDIR: m[1] } : {};
}

export function mirrors(doc: MirrorListDocument): MirrorEntry[] {
  return doc.entries.filter(isMirror);
}

export function delays(doc: MirrorListDocument): DelayEntry[] {
  return doc.entries.filter((e): e is DelayEntry => e.kind === 'delay');
}

export function replace(span: Span, newText: string): TextEdit {
  return { start: span.start, end: span.end, newText };
}

export function meta(name: string, severity: RuleMeta['severity'], summary: string, docs: string[]): RuleMeta {
  return { code: `mirrors/${name}`, language: 'runmirrors-mirror', severity, summary, docs: docs.join('\n') };
}

/** Shows a value in a message, making blanks and control characters visible. */
export function show(value: string): string {
  return `\`${value.replace(/\r/g, '\\r').replace(/\t/g, '\\t')}\``;
}
