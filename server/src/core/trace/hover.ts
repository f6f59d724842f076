import type { HoverInfo } from '../service';
import { parseArchConfig } from './architectures';
import { ageBand, bandMeaning, formatDuration } from './checker';
import { parseRfc2822 } from './dates';
import { traceFieldFact } from './fields';
import {
  ftpsyncFieldValue,
  type HierarchyFile,
  type TraceDocument,
  type TraceField,
  type TraceFile,
  type TraceListFile,
} from './parser';

// Hover text for trace files: what a line means, who wrote it, and how the mirror checker and
// ftpsync read it. Times are shown in UTC with their age (the checker's colour band included).

const iso = (ms: number) => `${new Date(ms).toISOString().replace('T', ' ').slice(0, 19)} UTC`;

function age(ms: number, now: number): string {
  const a = now - ms;
  if (a < 0) return `${formatDuration(-a)} in the future`;
  const band = ageBand(a);
  return `${formatDuration(a)} ago (the checker's band age${band}: ${bandMeaning(band)})`;
}

function dateLineHover(doc: TraceFile, now: number): string {
  const line = doc.dateLine!;
  if (line.time === undefined)
    return '**Trace date line**\n\nNot `date -u` output: the mirror checker calls this trace "Invalid tracefile".';
  const what = doc.kind === 'master' ? 'ftp-master published this archive version' : 'this sync finished';
  return `**Trace date line** (\`date -u\`)\n\n${iso(line.time)}, ${age(line.time, now)}: when ${what}. The mirror checker times the trace by this line alone.`;
}

function fieldHover(doc: TraceFile, f: TraceField, now: number): string {
  const fact = traceFieldFact(f.name);
  const out = [`**${f.name}**${fact ? '' : ' (not written by ftpsync)'}`, ''];
  if (fact) out.push(fact.docs, '', `Written by ${fact.source}.`);
  if (fact?.checker) out.push('', `Mirror checker: ${fact.checker}`);
  const key = f.key.trim();
  if (key === 'date' || key === 'date-started') {
    const t = parseRfc2822(f.value);
    out.push('', t === undefined ? 'Not an RFC 2822 date.' : `${iso(t)}, ${age(t, now)}.`);
  }
  if (key === 'archive serial') {
    const read = ftpsyncFieldValue(doc, 'Archive serial');
    out.push(
      '',
      read === undefined
        ? 'ftpsync does **not** find this line (it wants exactly `Archive serial: `).'
        : `ftpsync reads \`${read}\`.`,
    );
  }
  if (key === 'architectures-configuration') {
    const c = parseArchConfig(f.value);
    if (c.mode === 'INCLUDE' || c.mode === 'EXCLUDE')
      out.push('', `${c.mode === 'INCLUDE' ? 'Only' : 'All but'}: ${c.archs.map((a) => `\`${a}\``).join(', ')}.`);
  }
  return out.join('\n');
}

function hierarchyHover(doc: HierarchyFile, offset: number): HoverInfo | undefined {
  const i = doc.hops.findIndex((h) => offset >= h.span.start && offset <= h.span.end);
  const hop = doc.hops[i];
  if (!hop) return undefined;
  const role =
    i === doc.hops.length - 1
      ? 'the mirror serving this file'
      : i === 0
        ? 'the root of the chain'
        : 'an intermediate mirror';
  const markdown = [
    `**Hop ${i + 1} of ${doc.hops.length}** (${role})`,
    '',
    `- trace file: \`${hop.traceFile}\``,
    `- MIRRORNAME: \`${hop.mirrorName}\``,
    `- TRACEHOST: \`${hop.traceHost}\``,
    `- pulls from RSYNC_HOST \`${hop.rsyncHost}\``,
    '',
    "ftpsync appends this line after copying its upstream's `_hierarchy.mirror`, so the file reads root first.",
  ].join('\n');
  return { start: hop.span.start, end: hop.span.end, markdown };
}

function traceListHover(doc: TraceListFile, offset: number): HoverInfo | undefined {
  const i = doc.names.findIndex((n) => offset >= n.start && offset <= n.end);
  const n = doc.names[i];
  if (!n) return undefined;
  const markdown = [
    `**\`${n.text}\`**: trace file ${i + 1} of ${doc.names.length}, oldest first (ftpsync writes \`ls -1rt\`).`,
    '',
    n.text === 'master'
      ? "ftp-master's trace, passed down unchanged."
      : n.text.endsWith('-stage1')
        ? 'Written after a stage-1 run; the checker leaves `-stage1` traces out of its trace set.'
        : 'A mirror on the way down from ftp-master (or this one) that wrote a trace here.',
  ].join('\n');
  return { start: n.start, end: n.end, markdown };
}

export function traceHover(doc: TraceDocument, offset: number, now: number): HoverInfo | undefined {
  if (doc.kind === 'hierarchy') return hierarchyHover(doc, offset);
  if (doc.kind === 'traces') return traceListHover(doc, offset);
  const line = doc.dateLine;
  if (line && !doc.firstLineIsField && offset >= line.start && offset <= line.end)
    return { start: line.start, end: line.end, markdown: dateLineHover(doc, now) };
  const f = doc.fields.find((x) => offset >= x.span.start && offset <= x.span.end);
  if (!f) return undefined;
  return { start: f.nameSpan.start, end: f.valueSpan.end, markdown: fieldHover(doc, f, now) };
}
