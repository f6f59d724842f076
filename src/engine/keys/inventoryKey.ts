import { isMap, isPair, isScalar, type Pair, type YAMLMap } from 'yaml';
import { parseYaml } from '../../../server/src/core/inventory/yaml';
import { english, type Translate } from '../l10n';
import type { TextEdit } from './runmirrorsConf';
import type { Inventory } from '../../../server/src/core/inventory/parser';

// Recording a new trigger key in pushmirror.yaml: `keyFile` of one downstream, or of `defaults` (every
// downstream without its own). One small text edit: the rest of the file (comments, flow or block style,
// quoting) keeps its bytes, and the editor can undo it.

export type KeyTarget = { scope: 'defaults' } | { scope: 'downstream'; name: string };

/** A YAML scalar for `value`: plain when nothing in it is special, else double-quoted (JSON is valid YAML). */
export function yamlScalar(value: string): string {
  return /^[A-Za-z0-9_./~][A-Za-z0-9_./~@%+-]*$/.test(value) && !/^(true|false|null|yes|no|on|off|~)$/i.test(value)
    ? value
    : JSON.stringify(value);
}

function pairOf(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((p): p is Pair => isPair(p) && isScalar(p.key) && String(p.key.value) === key);
}

/** The column of the first item of a block map (its indentation). */
function indentOf(text: string, map: YAMLMap): number {
  const first = map.items[0];
  const at = isPair(first) && isScalar(first.key) ? first.key.range?.[0] : map.range?.[0];
  if (at === undefined) return 2;
  return at - (text.lastIndexOf('\n', at - 1) + 1);
}

/** Adds `key: value` to a map, as the last item; block maps get a line, flow maps an item before `}`. */
function addToMap(text: string, map: YAMLMap, key: string, value: string): TextEdit | undefined {
  const range = map.range;
  if (!range) return undefined;
  if (map.flow) {
    const close = text.lastIndexOf('}', range[1]);
    if (close < range[0]) return undefined;
    let before = close;
    while (before > range[0] && /\s/.test(text[before - 1])) before--;
    const empty = text[before - 1] === '{';
    return { start: before, end: before, newText: `${empty ? ' ' : ', '}${key}: ${value}${empty ? ' ' : ''}` };
  }
  // After the map's last content line.
  const last = map.items[map.items.length - 1];
  const lastEnd = isPair(last)
    ? ((last.value as { range?: [number, number, number] } | null)?.range?.[1] ??
      (isScalar(last.key) ? last.key.range?.[1] : undefined))
    : undefined;
  const from = lastEnd ?? range[1];
  const indent = ' '.repeat(indentOf(text, map));
  // A nested block ends at the start of the next line: insert right there.
  if (from > 0 && text[from - 1] === '\n') return { start: from, end: from, newText: `${indent}${key}: ${value}\n` };
  let lineEnd = text.indexOf('\n', from);
  if (lineEnd < 0) lineEnd = text.length;
  return lineEnd === text.length
    ? { start: lineEnd, end: lineEnd, newText: `\n${indent}${key}: ${value}\n` }
    : { start: lineEnd + 1, end: lineEnd + 1, newText: `${indent}${key}: ${value}\n` };
}

/** The edit that records `keyFile` for `target`, or why it cannot be made. */
export function inventoryKeyEdit(
  text: string,
  target: KeyTarget,
  keyFile: string,
  t: Translate = english,
): { edit: TextEdit } | { error: string } {
  const { doc, refused } = parseYaml(text, { uniqueKeys: true });
  if (!doc)
    return {
      error: t('the file cannot be edited safely: {0}', refused?.message ?? t('it is too large or too deep')),
    };
  if (doc.errors.length)
    return { error: t('the file has YAML errors ({0}); fix them first', doc.errors[0].message.split('\n')[0]!) };
  if (!isMap(doc.contents)) return { error: t('the file is not a pushmirror.yaml mapping') };
  const root = doc.contents;
  const value = yamlScalar(keyFile);
  let map: YAMLMap | undefined;
  if (target.scope === 'defaults') {
    const defaults = pairOf(root, 'defaults');
    if (!defaults) {
      // A new `defaults:` block right before `downstreams:` (or at the end).
      const downstreams = pairOf(root, 'downstreams');
      const at = isScalar(downstreams?.key) ? downstreams.key.range?.[0] : undefined;
      if (at !== undefined && text.lastIndexOf('\n', at - 1) + 1 === at)
        return { edit: { start: at, end: at, newText: `defaults:\n  keyFile: ${value}\n` } };
      const sep = text.length && !text.endsWith('\n') ? '\n' : '';
      return { edit: { start: text.length, end: text.length, newText: `${sep}defaults:\n  keyFile: ${value}\n` } };
    }
    if (!isMap(defaults.value)) return { error: t('`defaults` is not a mapping') };
    map = defaults.value;
  } else {
    const downstreams = pairOf(root, 'downstreams');
    if (!downstreams || !isMap(downstreams.value)) return { error: t('the file has no `downstreams` mapping') };
    const entry = pairOf(downstreams.value, target.name);
    if (!entry) return { error: t('no downstream {0}', `\`${target.name}\``) };
    if (!isMap(entry.value)) return { error: t('downstream {0} is not a mapping', `\`${target.name}\``) };
    map = entry.value;
  }
  const existing = pairOf(map, 'keyFile');
  const range = isScalar(existing?.value) ? existing.value.range : undefined;
  if (existing && range) return { edit: { start: range[0], end: range[1], newText: value } };
  if (existing) return { error: t('`keyFile` is there but not a plain value') };
  const edit = addToMap(text, map, 'keyFile', value);
  return edit ? { edit } : { error: t('cannot find where to add `keyFile`') };
}

/** What recording a key in pushmirror.yaml replaces: the key those downstreams are signalled with today. */
export interface KeyFileChange {
  /** The keyFile in effect for the target today (its own, else `defaults`'), if any. */
  current?: string;
  /** The downstreams whose key changes: every entry without its own keyFile for `defaults`, else the one. */
  affected: string[];
}

export function keyFileChange(inventory: Inventory, target: KeyTarget): KeyFileChange {
  if (target.scope === 'defaults') {
    const affected = [...inventory.entries.values()].filter((e) => !e.keyFile).map((e) => e.name);
    return { ...(inventory.defaults.keyFile ? { current: inventory.defaults.keyFile } : {}), affected };
  }
  const current = inventory.entries.get(target.name)?.keyFile ?? inventory.defaults.keyFile;
  return { ...(current ? { current } : {}), affected: [target.name] };
}
