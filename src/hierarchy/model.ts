import type { HierarchyFinding, HierarchyModel } from '../../server/src/core/trace/hierarchy';
import type { HierarchyHop } from '../../server/src/core/trace/parser';
import { HIERARCHY_CONTEXT } from '../downstreams/contextValues';
import { mdText } from '../downstreams/markdown';
import { english, type Translate } from '../engine/l10n';

// The Hierarchy view as plain data, from the `_hierarchy` and `_traces` files mirrors serve
// (engine/traces/hierarchy.ts reads them, server/src/core/trace/hierarchy.ts judges them): the chain
// above this mirror, root first, each hop holding the next, then this mirror holding its downstreams,
// each with what is wrong in its own chain (loops, an RSYNC_HOST that is not the hop above, an
// Upstream-mirror that differs, a single push path). No `vscode` import; the words come through `t`.
// The findings' own messages are the trace core's (as `push-mirror status --hierarchy` prints them).

export type HierarchyIcon = 'upstream' | 'self' | 'ok' | 'warning' | 'info' | 'detail';

export interface HierarchyRow {
  id: string;
  label: string;
  description: string;
  /** Markdown. */
  tooltip: string;
  icon: HierarchyIcon;
  contextValue: string;
  children: HierarchyRow[];
}

const hopWords = (h: HierarchyHop) =>
  `MIRRORNAME ${mdText(h.mirrorName)}, TRACEHOST ${mdText(h.traceHost)}, RSYNC_HOST ${mdText(h.rsyncHost)}`;

function findingWords(code: HierarchyFinding['code'], t: Translate): string {
  switch (code) {
    case 'loop':
      return t('loop');
    case 'upstream-mismatch':
      return t('RSYNC_HOST is not the hop above');
    case 'upstream-mirror-differs':
      return t('Upstream-mirror differs');
    case 'not-via-this-mirror':
      return t('does not pull from this mirror');
    case 'single-push-path':
      return t('one push path');
    case 'unreadable':
      return t('unreadable');
  }
}

function findingRow(parent: string, f: HierarchyFinding, i: number, t: Translate): HierarchyRow {
  const words = findingWords(f.code, t);
  return {
    id: `${parent}/finding:${i}`,
    label: words,
    description: f.message,
    tooltip: `**${words}** (\`${f.code}\`)\n\n${mdText(f.message)}`,
    icon: f.level === 'warning' ? 'warning' : 'info',
    contextValue: HIERARCHY_CONTEXT.finding,
    children: [],
  };
}

function detailRow(parent: string, key: string, label: string, description: string): HierarchyRow {
  return {
    id: `${parent}/${key}`,
    label,
    description,
    tooltip: `${label}: ${mdText(description)}`,
    icon: 'detail',
    contextValue: HIERARCHY_CONTEXT.detail,
    children: [],
  };
}

/** "1 warning", "3 warnings". */
export const warningCount = (n: number, t: Translate): string => (n === 1 ? t('1 warning') : t('{0} warnings', n));

export function hierarchyRows(
  model: HierarchyModel,
  selfNames: readonly string[],
  t: Translate = english,
): HierarchyRow[] {
  const downstreams: HierarchyRow[] = model.downstreams.map((d) => {
    const id = `downstream:${d.name}`;
    const warnings = d.findings.filter((f) => f.level === 'warning').length;
    const children: HierarchyRow[] = [
      ...d.findings.map((f, i) => findingRow(id, f, i, t)),
      ...(d.chain.length ? [detailRow(id, 'chain', t('chain'), d.chain.map((h) => h.mirrorName).join(' → '))] : []),
      ...(d.traces.length ? [detailRow(id, 'traces', '_traces', d.traces.join(' '))] : []),
    ];
    return {
      id,
      label: d.name,
      description: [
        t('pulls from {0}', d.pullsFrom ?? '?'),
        t('pushed by {0}', d.pushedBy.join(', ') || '?'),
        warnings ? warningCount(warnings, t) : '',
      ]
        .filter(Boolean)
        .join(' · '),
      tooltip: [
        `**${mdText(d.name)}**${d.host ? ` (${mdText(d.host)})` : ''}`,
        d.chain.length
          ? `${t('Its _hierarchy, root first:')}\n\n${d.chain.map((h) => `- ${hopWords(h)}`).join('\n')}`
          : t('No _hierarchy read.'),
        d.pushedBy.length ? t('Pushed by: {0}', d.pushedBy.map(mdText).join(', ')) : t('Pushed by: nothing here'),
        ...d.findings.map((f) =>
          f.level === 'warning' ? t('Warning: {0}', mdText(f.message)) : t('Note: {0}', mdText(f.message)),
        ),
      ].join('\n\n'),
      icon: warnings ? 'warning' : 'ok',
      contextValue: HIERARCHY_CONTEXT.downstream,
      children,
    };
  });
  const own = model.findings.filter((f) => !f.downstream);
  const self: HierarchyRow = {
    id: 'self',
    label: model.self ? t('{0} (this mirror)', model.self.mirrorName) : t('this mirror'),
    description: model.self
      ? t('pulls from {0}', model.self.rsyncHost)
      : t("no _hierarchy of this host's archive read (it has not synced yet, or TO is elsewhere)"),
    tooltip: [
      model.self ? t('**This mirror**: {0}', hopWords(model.self)) : t('**This mirror**'),
      selfNames.length
        ? t('Names its downstreams may use for it: {0}', selfNames.map(mdText).join(', '))
        : t('Names its downstreams may use for it: none known'),
    ].join('\n\n'),
    icon: 'self',
    contextValue: HIERARCHY_CONTEXT.self,
    children: [...own.map((f, i) => findingRow('self', f, i, t)), ...downstreams],
  };
  // Each upstream holds the next, root first, so the tree reads as the chain does.
  let top = self;
  for (let i = model.upstreams.length - 1; i >= 0; i--) {
    const hop = model.upstreams[i]!;
    top = {
      id: `upstream:${i}`,
      label: hop.mirrorName,
      description:
        i === 0
          ? `${t('root of the chain')} · ${t('pulls from {0}', hop.rsyncHost)}`
          : t('pulls from {0}', hop.rsyncHost),
      tooltip: t('**Upstream {0} of {1}**: {2}', i + 1, model.upstreams.length, hopWords(hop)),
      icon: 'upstream',
      contextValue: HIERARCHY_CONTEXT.upstream,
      children: [top],
    };
  }
  return [top];
}
