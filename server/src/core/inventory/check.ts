import { ruleName, type Check } from '../rule';
import type { Inventory } from './parser';

/** What the inventory rules see: the parse and, when known, the ShortNames of the runmirrors lists. */
export interface InventoryFile extends Inventory {
  text: string;
  /** ShortNames in the workspace's runmirrors.mirror lists; undefined when the lists are not known. */
  listNames?: ReadonlySet<string>;
}

/** The check of a rule that reports the parser's problems of its own kind (the parser knows the exact YAML node). */
export const reportParserProblems: Check<InventoryFile> = (doc, report, _ctx, rule) => {
  const kind = ruleName(rule);
  for (const p of doc.problems) if (p.kind === kind) report(p, p.message);
};
