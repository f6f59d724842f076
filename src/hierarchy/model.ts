import type { HierarchyFinding, HierarchyModel } from '../../server/src/core/trace/hierarchy';
import type { HierarchyHop } from '../../server/src/core/trace/parser';
import { HIERARCHY_CONTEXT } from '../downstreams/contextValues';
import { mdText } from '../downstreams/markdown';

// The Hierarchy view as plain data, from the `_hierarchy` and `_traces` files mirrors serve
// (engine/traces/hierarchy.ts reads them, server/src/core/trace/hierarchy.ts judges them): the chain
// above this mirror, root first, each hop holding the next, then this mirror holding its downstreams,
// each with what is wrong in its own chain (loops, an RSYNC_HOST that is not the hop above, an
// Upstream-mirror that differs, a single push path). No `vscode` import.

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

function findingRow(parent: string, f: HierarchyFinding, i: number): HierarchyRow {
  const words: Record<HierarchyFinding['code'], string> = {
    loop: 'loop',
    'upstream-mismatch': 'RSYNC_HOST is not the hop above',
    'upstream-mirror-differs': 'Upstream-mirror differs',
    'not-via-this-mirror': 'does not pull from this mirror',
    'single-push-path': 'one push path',
    unreadable: 'unreadable',
  };
  return {
    id: `${parent}/finding:${i}`,
    label: words[f.code],
    description: f.message,
    tooltip: `**${words[f.code]}** (\`${f.code}\`)\n\n${mdText(f.message)}`,
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

export function hierarchyRows(model: HierarchyModel, selfNames: readonly string[]): HierarchyRow[] {
  const downstreams: HierarchyRow[] = model.downstreams.map((d) => {
    const id = `downstream:${d.name}`;
    const warnings = d.findings.filter((f) => f.level === 'warning').length;
    const children: HierarchyRow[] = [
      ...d.findings.map((f, i) => findingRow(id, f, i)),
      ...(d.chain.length ? [detailRow(id, 'chain', 'chain', d.chain.map((h) => h.mirrorName).join(' → '))] : []),
      ...(d.traces.length ? [detailRow(id, 'traces', '_traces', d.traces.join(' '))] : []),
    ];
    return {
      id,
      label: d.name,
      description: [
        d.pullsFrom ? `pulls from ${d.pullsFrom}` : 'pulls from ?',
        `pushed by ${d.pushedBy.join(', ') || '?'}`,
        warnings ? `${warnings} warning${warnings === 1 ? '' : 's'}` : '',
      ]
        .filter(Boolean)
        .join(' · '),
      tooltip: [
        `**${mdText(d.name)}**${d.host ? ` (${mdText(d.host)})` : ''}`,
        d.chain.length
          ? `Its _hierarchy, root first:\n\n${d.chain.map((h) => `- ${hopWords(h)}`).join('\n')}`
          : 'No _hierarchy read.',
        `Pushed by: ${d.pushedBy.map(mdText).join(', ') || 'nothing here'}`,
        ...d.findings.map((f) => `${f.level === 'warning' ? 'Warning' : 'Note'}: ${mdText(f.message)}`),
      ].join('\n\n'),
      icon: warnings ? 'warning' : 'ok',
      contextValue: HIERARCHY_CONTEXT.downstream,
      children,
    };
  });
  const own = model.findings.filter((f) => !f.downstream);
  const self: HierarchyRow = {
    id: 'self',
    label: model.self ? `${model.self.mirrorName} (this mirror)` : 'this mirror',
    description: model.self
      ? `pulls from ${model.self.rsyncHost}`
      : "no _hierarchy of this host's archive read (it has not synced yet, or TO is elsewhere)",
    tooltip: [
      model.self ? `**This mirror**: ${hopWords(model.self)}` : '**This mirror**',
      `Names its downstreams may use for it: ${selfNames.map(mdText).join(', ') || 'none known'}`,
    ].join('\n\n'),
    icon: 'self',
    contextValue: HIERARCHY_CONTEXT.self,
    children: [...own.map((f, i) => findingRow('self', f, i)), ...downstreams],
  };
  // Each upstream holds the next, root first, so the tree reads as the chain does.
  let top = self;
  for (let i = model.upstreams.length - 1; i >= 0; i--) {
    const hop = model.upstreams[i]!;
    top = {
      id: `upstream:${i}`,
      label: hop.mirrorName,
      description: i === 0 ? `root of the chain · pulls from ${hop.rsyncHost}` : `pulls from ${hop.rsyncHost}`,
      tooltip: `**Upstream ${i + 1} of ${model.upstreams.length}**: ${hopWords(hop)}`,
      icon: 'upstream',
      contextValue: HIERARCHY_CONTEXT.upstream,
      children: [top],
    };
  }
  return [top];
}
