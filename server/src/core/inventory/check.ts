import type { Rule } from '../rule';
import type { RuleMeta } from '../types';
import type { Inventory, InventoryProblemKind } from './parser';

/** What the inventory rules see: the parse and, when known, the ShortNames of the runmirrors lists. */
export interface InventoryFile extends Inventory {
  text: string;
  /** ShortNames in the workspace's runmirrors.mirror lists; undefined when the lists are not known. */
  listNames?: ReadonlySet<string>;
}

export type InventoryRule = Rule<InventoryFile>;

export function meta(
  name: InventoryProblemKind,
  severity: RuleMeta['severity'],
  summary: string,
  docs: string[],
): RuleMeta {
  return { code: `inventory/${name}`, language: 'pushmirror-inventory', severity, summary, docs: docs.join('\n') };
}

/** A rule that reports the parser's problems of one kind (the parser knows the exact YAML node). */
export function parserRule(
  name: InventoryProblemKind,
  severity: RuleMeta['severity'],
  summary: string,
  docs: string[],
): InventoryRule {
  return {
    meta: meta(name, severity, summary, docs),
    check(doc, report) {
      for (const p of doc.problems) if (p.kind === name) report(p, p.message);
    },
  };
}
