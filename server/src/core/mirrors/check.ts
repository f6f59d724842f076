import type { CheckContext, Span, TextEdit } from '../types';
import { confPathFor, readRunmirrorsConf, type RunmirrorsSettings } from './conf';
import { isMirror, type DelayEntry, type MirrorEntry, type MirrorListDocument } from './parser';

/** What the mirror-list rules see: the parsed list and, when readable, the runmirrors.conf beside it. */
export interface MirrorListFile extends MirrorListDocument {
  settings?: RunmirrorsSettings;
  /** Path of the runmirrors.conf read for `settings`. */
  confPath?: string;
  /** runmirrors' PUSHARCHIVE for this list: the conf's value, else NAME of runmirrors-NAME.mirror. */
  archive?: string;
}

export function withSettings(doc: MirrorListDocument, ctx: CheckContext): MirrorListFile {
  if (!ctx.path) return doc;
  // `runmirrors NAME` reads runmirrors-NAME.{conf,mirror} and sends PUSHARCHIVE=${PUSHARCHIVE:-NAME}.
  const listName = /(?:^|[/\\])runmirrors-([^/\\]+)\.mirror$/.exec(ctx.path)?.[1];
  const named: MirrorListFile = listName ? { ...doc, archive: listName } : doc;
  if (!ctx.host) return named;
  const confPath = confPathFor(ctx.path);
  if (confPath === ctx.path) return named;
  const text = ctx.host.readText(confPath);
  if (text === undefined) return named;
  const settings = readRunmirrorsConf(text, ctx.host.homeDir, archvsyncSeed(ctx.path));
  const archive = settings.assignments.get('PUSHARCHIVE')?.value || listName;
  return { ...doc, settings, confPath, ...(archive ? { archive } : {}) };
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

/** Shows a value in a message, making blanks, control characters and a byte order mark visible. */
export function show(value: string): string {
  return `\`${value
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')
    .replace(/\ufeff/g, '\\ufeff')}\``;
}
