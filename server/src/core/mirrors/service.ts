import { runRules } from '../rule';
import type { CompletionEntry, DocumentSymbolInfo, FoldingInfo, HoverInfo, LanguageService } from '../service';
import type { CheckContext, Span } from '../types';
import { withSettings, type MirrorListFile } from './check';
import { pushPlan, renderArgv } from './command';
import { FIELD_DOCS, SSH_FLAG_DOCS, TYPE_DOCS } from './docs';
import {
  parseMirrorList,
  pushType,
  type Field,
  type ListEntry,
  type MirrorEntry,
  type MirrorListDocument,
} from './parser';
import { MIRROR_RULES } from './rules';
import { analyzeSshOptions } from './sshopts';
import { cachedParser } from '../parse-cache';

// The runmirrors-mirror language: Debian runmirrors' list of downstream mirrors.

export const parseCached = cachedParser(parseMirrorList);

const inside = (span: Span, offset: number) => offset >= span.start && offset <= span.end;

function entryAt(doc: MirrorListDocument, offset: number): ListEntry | undefined {
  return doc.entries.find((e) => offset >= e.span.start && offset <= e.span.end);
}

function mirrorHover(doc: MirrorListFile, entry: MirrorEntry, offset: number): HoverInfo | undefined {
  const at = (span: Field | Span | undefined, markdown: string): HoverInfo | undefined =>
    span && inside(span, offset) ? { start: span.start, end: span.end, markdown } : undefined;
  const type =
    TYPE_DOCS[entry.type.value] ??
    `**${entry.type.value}** — not a push type runmirrors knows (all, staged, mhop): this line pushes nothing.`;
  const plan = pushPlan(entry, doc.settings, doc.archive ?? '');
  const command = plan.skipped
    ? `runmirrors skips this line (${plan.skipped}).`
    : plan.commands.map((c) => '```sh\n' + renderArgv([...plan.argv, ` ${c}`]) + '\n```').join('\n');
  const logs = entry.name && doc.settings ? `\n\nLog: \`${doc.settings.logDir}/${entry.name.value}.log\`` : '';
  const found =
    at(entry.type, `${type}\n\n---\nWhat runmirrors runs:\n${command}`) ??
    at(entry.name, FIELD_DOCS.name + logs) ??
    (entry.url ? at(entry.host, FIELD_DOCS.url) : at(entry.host, FIELD_DOCS.host)) ??
    (entry.url ? undefined : at(entry.user, FIELD_DOCS.user));
  if (found || entry.url) return found;
  if (entry.restKind === 'legacy')
    return at(entry.protocol, FIELD_DOCS.protocol) ?? at(entry.keyFile, FIELD_DOCS.keyFile);
  if (entry.restKind === 'options' && entry.rest) {
    const analysis = analyzeSshOptions(entry.rest);
    const dropped = analysis.dropped.find((w) => inside(w, offset));
    if (dropped) return at(dropped, `Dropped by runmirrors: only the options up to the second blank reach ssh.`);
    for (const option of analysis.options) {
      const span = { start: option.token.start, end: option.arg?.end ?? option.token.end };
      const hit = at(span, SSH_FLAG_DOCS[option.flag] ?? `\`-${option.flag}\` — see ssh(1).`);
      if (hit) return hit;
    }
    return at(entry.rest, FIELD_DOCS.options);
  }
  return undefined;
}

const TYPE_SNIPPETS: CompletionEntry[] = [
  {
    label: 'all',
    kind: 'keyword',
    detail: 'normal push',
    documentation: TYPE_DOCS.all,
    insertText: 'all ${1:shortname} ${2:host.example.org} ${3:archvsync}',
    snippet: true,
  },
  {
    label: 'staged',
    kind: 'keyword',
    detail: 'two-stage push',
    documentation: TYPE_DOCS.staged,
    insertText: 'staged ${1:shortname} ${2:host.example.org} ${3:archvsync}',
    snippet: true,
  },
  {
    label: 'mhop',
    kind: 'keyword',
    detail: 'multi-hop staged push',
    documentation: TYPE_DOCS.mhop,
    insertText: 'mhop ${1:shortname} ${2:host.example.org} ${3:archvsync}',
    snippet: true,
  },
  {
    label: 'all (URL)',
    kind: 'snippet',
    detail: 'Type ShortName ssh+ftpsync://user@host[/archive]',
    documentation: FIELD_DOCS.url,
    insertText: '${1|all,staged,mhop|} ${2:shortname} ssh+ftpsync://${3:archvsync}@${4:host.example.org}',
    snippet: true,
    filterText: 'all',
  },
  {
    label: 'DELAY',
    kind: 'keyword',
    detail: 'pause between pushes',
    documentation: TYPE_DOCS.DELAY,
    insertText: 'DELAY ${1:600}',
    snippet: true,
  },
];

const REST_COMPLETIONS: CompletionEntry[] = [
  {
    label: '-p',
    kind: 'property',
    detail: 'port',
    documentation: SSH_FLAG_DOCS.p,
    insertText: '-p ${1:22}',
    snippet: true,
  },
  {
    label: '-i',
    kind: 'property',
    detail: 'extra key (master key still offered first)',
    documentation: SSH_FLAG_DOCS.i,
    insertText: '-i ${1:~/.ssh/key}',
    snippet: true,
  },
  {
    label: '-o',
    kind: 'property',
    detail: 'ssh_config setting',
    documentation: SSH_FLAG_DOCS.o,
    insertText: '-o ${1:Port}=${2:22}',
    snippet: true,
  },
  { label: '-4', kind: 'property', detail: 'IPv4 only', documentation: SSH_FLAG_DOCS['4'] },
  { label: '-6', kind: 'property', detail: 'IPv6 only', documentation: SSH_FLAG_DOCS['6'] },
  {
    label: '2',
    kind: 'value',
    detail: 'protocol 2 + key file (replaces the master key)',
    documentation: FIELD_DOCS.keyFile,
    insertText: '2 ${1:~/.ssh/key}',
    snippet: true,
  },
];

function fieldIndex(text: string, lineStart: number, offset: number): { index: number; range: Span } {
  const before = text.slice(lineStart, offset);
  const words = before.split(/[ \t]+/);
  const leading = /^[ \t]/.test(before) ? 1 : 0;
  const current = words[words.length - 1];
  return { index: words.length - 1 - leading, range: { start: offset - current.length, end: offset } };
}

export const mirrorListService: LanguageService = {
  id: 'runmirrors-mirror',
  rules: MIRROR_RULES.map((r) => r.meta),

  validate(text, ctx, options) {
    return runRules(MIRROR_RULES, withSettings(parseCached(text), ctx), ctx, options?.levels);
  },

  hover(text, offset, ctx: CheckContext): HoverInfo | undefined {
    const doc = withSettings(parseCached(text), ctx);
    const entry = entryAt(doc, offset);
    if (!entry) return undefined;
    if (entry.kind === 'delay') {
      if (inside(entry.keyword, offset))
        return { start: entry.keyword.start, end: entry.keyword.end, markdown: TYPE_DOCS.DELAY };
      if (entry.seconds && inside(entry.seconds, offset))
        return { start: entry.seconds.start, end: entry.seconds.end, markdown: FIELD_DOCS.seconds };
      if (entry.mode && inside(entry.mode, offset))
        return { start: entry.mode.start, end: entry.mode.end, markdown: FIELD_DOCS.stage1 };
      return undefined;
    }
    return mirrorHover(doc, entry, offset);
  },

  complete(text, offset): CompletionEntry[] {
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    const prefix = text.slice(lineStart, offset);
    if (/^\s*#/.test(prefix)) return [];
    const { index, range } = fieldIndex(text, lineStart, offset);
    const first = prefix.trim().split(/[ \t]+/)[0];
    if (index === 0) return TYPE_SNIPPETS.map((c) => ({ ...c, range }));
    if (first === 'DELAY') {
      if (index === 1) return ['60', '300', '600'].map((s) => ({ label: s, kind: 'value', detail: 'seconds', range }));
      if (index === 2) return [{ label: 'stage1', kind: 'keyword', documentation: FIELD_DOCS.stage1, range }];
      return [];
    }
    if (index === 2)
      return [
        {
          label: 'ssh+ftpsync://',
          kind: 'snippet',
          documentation: FIELD_DOCS.url,
          insertText: 'ssh+ftpsync://${1:archvsync}@${2:host.example.org}',
          snippet: true,
          range,
        },
      ];
    if (index === 3) return [{ label: 'archvsync', kind: 'value', detail: 'the usual mirror user', range }];
    if (index >= 4) return REST_COMPLETIONS.map((c) => ({ ...c, range }));
    return [];
  },

  symbols(text): DocumentSymbolInfo[] {
    return parseCached(text).entries.map((entry): DocumentSymbolInfo => {
      if (entry.kind === 'delay') {
        const seconds = entry.seconds?.value ?? '600';
        return {
          name: `DELAY ${seconds}${entry.mode?.value === 'stage1' ? ' stage1' : ''}`,
          kind: 'event',
          start: entry.span.start,
          end: entry.span.end,
          selection: entry.keyword,
        };
      }
      const name = entry.name ?? entry.type;
      const where = entry.url
        ? `${entry.url.user ?? ''}@${entry.url.host}`
        : [entry.user?.value, entry.host?.value].filter(Boolean).join('@');
      return {
        name: name.value,
        detail: `${pushType(entry) ?? entry.type.value} ${where}`.trim(),
        kind: 'object',
        start: entry.span.start,
        end: entry.span.end,
        selection: name,
      };
    });
  },

  folding(text): FoldingInfo[] {
    const folds: FoldingInfo[] = [];
    let startLine = -1;
    let lastLine = -1;
    for (const c of parseCached(text).comments) {
      if (!/^\s*#/.test(text.slice(c.span.start, c.span.end))) continue;
      if (startLine < 0 || c.line !== lastLine + 1) {
        if (lastLine > startLine && startLine >= 0) folds.push({ startLine, endLine: lastLine, kind: 'comment' });
        startLine = c.line;
      }
      lastLine = c.line;
    }
    if (lastLine > startLine && startLine >= 0) folds.push({ startLine, endLine: lastLine, kind: 'comment' });
    return folds;
  },
};
