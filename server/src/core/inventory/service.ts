import { isMap, isScalar, parseDocument, type Node, type YAMLMap } from './yaml';
import { runRules } from '../rule';
import type { DocumentSymbolInfo, HoverInfo, LanguageService } from '../service';
import type { CheckContext } from '../types';
import { isMirror, parseMirrorList } from '../mirrors/parser';
import type { InventoryFile } from './check';
import { ENTRY_DOCS, LOG_DOCS, SIGNAL_DOCS, TOP_DOCS } from './docs';
import { parseInventory } from './parser';
import { INVENTORY_RULES } from './rules';
import { cachedParser } from '../parse-cache';

// The pushmirror-inventory language: pushmirror.yaml, the inventory of downstreams. The editor calls
// the file YAML; the server picks this service by file name (catalogue.languageForPath).

const parseCached = cachedParser(parseInventory);

/**
 * ShortNames of the runmirrors lists in the workspace. Undefined when there is no workspace (the CLI
 * checks single files) or when no list is open and the workspace was not indexed (no file system
 * access): then "in no list" cannot be told.
 */
export function listNamesOf(ctx: CheckContext): Set<string> | undefined {
  if (!ctx.workspace) return undefined;
  const lists = ctx.workspace.filter((d) => d.languageId === 'runmirrors-mirror');
  if (!lists.length && !ctx.host) return undefined;
  const names = new Set<string>();
  for (const list of lists)
    for (const entry of parseMirrorList(list.text).entries.filter(isMirror))
      if (entry.name) names.add(entry.name.value);
  return names;
}

function keyAt(map: YAMLMap, offset: number): { key: string; node: Node; value: unknown } | undefined {
  for (const pair of map.items) {
    const node = pair.key as Node | null;
    const r = node?.range;
    if (r && isScalar(node) && offset >= r[0] && offset <= r[1])
      return { key: String(node.value), node, value: pair.value };
  }
  return undefined;
}

function childMap(map: YAMLMap, offset: number): { key: string; map: YAMLMap } | undefined {
  for (const pair of map.items) {
    const value = pair.value;
    if (isMap(value) && value.range && offset >= value.range[0] && offset <= value.range[1] && isScalar(pair.key))
      return { key: String(pair.key.value), map: value };
  }
  return undefined;
}

function hoverAt(text: string, offset: number): HoverInfo | undefined {
  const doc = parseDocument(text, { uniqueKeys: false });
  if (!isMap(doc?.contents)) return undefined;
  const hit = (node: Node, markdown: string | undefined): HoverInfo | undefined =>
    markdown && node.range ? { start: node.range[0], end: node.range[1], markdown } : undefined;
  const root = doc.contents;
  const top = keyAt(root, offset);
  if (top) return hit(top.node, TOP_DOCS[top.key]);
  const section = childMap(root, offset);
  if (!section) return undefined;
  if (section.key === 'defaults') {
    const key = keyAt(section.map, offset);
    if (key) return hit(key.node, ENTRY_DOCS[key.key]);
    const signal = childMap(section.map, offset);
    const inner = signal?.key === 'signal' ? keyAt(signal.map, offset) : undefined;
    return inner ? hit(inner.node, SIGNAL_DOCS[inner.key]) : undefined;
  }
  if (section.key !== 'downstreams') return undefined;
  const name = keyAt(section.map, offset);
  if (name)
    return hit(
      name.node,
      `**${name.key}** — a downstream, matched to runmirrors.mirror lines by ShortName (the second field).`,
    );
  const entry = childMap(section.map, offset);
  if (!entry) return undefined;
  const key = keyAt(entry.map, offset);
  if (key) return hit(key.node, ENTRY_DOCS[key.key]);
  const nested = childMap(entry.map, offset);
  const inner = nested ? keyAt(nested.map, offset) : undefined;
  if (!nested || !inner) return undefined;
  return hit(
    inner.node,
    nested.key === 'log' ? LOG_DOCS[inner.key] : nested.key === 'signal' ? SIGNAL_DOCS[inner.key] : undefined,
  );
}

export const inventoryService: LanguageService = {
  id: 'pushmirror-inventory',
  rules: INVENTORY_RULES.map((r) => r.meta),

  validate(text, ctx, options) {
    const inventory = parseCached(text);
    const listNames = listNamesOf(ctx);
    const doc: InventoryFile = { ...inventory, text, ...(listNames ? { listNames } : {}) };
    return runRules(INVENTORY_RULES, doc, ctx, options?.levels);
  },

  hover(text, offset) {
    return hoverAt(text, offset);
  },

  symbols(text): DocumentSymbolInfo[] {
    return [...parseCached(text).entries.values()].map((e) => ({
      name: e.name,
      ...(e.displayName ? { detail: e.displayName } : {}),
      kind: 'object',
      start: e.keyStart,
      end: e.keyEnd,
      selection: { start: e.keyStart, end: e.keyEnd },
    }));
  },
};
