import { defineRule } from '../../rule';
import { closest } from '../../text';
import type { RsyncdDocument } from '../parser';
import { docIndex } from '../doc-index';
import type { NameRecord } from '../param-table';
import { KNOWN_MISSPELLINGS, PARAMETERS } from '../parameters';

/** rsync compares names without case and whitespace; `_` and `-` still count, so fold them only for suggestions. */
const loose = (name: string) => name.replace(/[\s_-]+/g, '').toLowerCase();
const NAMES = PARAMETERS.map((p) => p.name);

export const unknownParameter = defineRule<RsyncdDocument>({
  code: 'rsyncd/unknown-parameter',
  severity: 'error',
  summary: 'Parameter name rsync does not know; the daemon ignores the whole line.',
  docs: [
    'rsync compares parameter names ignoring case and all whitespace (`READ ONLY`, `readonly`), but **underscores and dashes count**:',
    '`read_only`, `hosts-allow` and `postxfer exec` are unknown. rsync 3.5.0 has no aliases either: `bind address` and `rsync port` are unknown',
    '(the names are `address` and `port`). The daemon logs `IGNORING unknown parameter` to its own log and carries on with the default value,',
    'so the setting silently has no effect.',
  ],
  scope: 'section',
  // Past the budget, which names get suggestions depends on the whole document.
  context: (doc) => suggestable(doc)?.key ?? '',
  check(doc, report) {
    const allowed = suggestable(doc)?.names;
    for (const param of docIndex(doc).unknown) {
      const foreign = FOREIGN[param.key];
      const suggestions = foreign || (allowed && !allowed.has(param.name)) ? [] : suggest(param.name);
      const hint = foreign
        ? ` (${foreign}).`
        : suggestions.length
          ? `; did you mean ${suggestions.map((s) => `\`${s}\``).join(' or ')}?`
          : '';
      report(param.nameSpan, `unknown parameter \`${param.name}\`${hint} rsync ignores this line.`, {
        fixes: suggestions.map((s, i) => ({
          title: `Change to \`${s}\``,
          edits: [{ start: param.nameSpan.start, end: param.nameSpan.end, newText: s }],
          preferred: i === 0 && suggestions.length === 1,
        })),
      });
    }
  },
});

// Suggestions cost a few dozen edit distances each: a file of more than SUGGESTION_BUDGET distinct unknown
// names gets them for its first SUGGESTION_BUDGET, in order, and the plain message for the rest, so the
// rule stays fast at any size. Which names those are is a fact of the whole document, the same however
// much of it a check reads again.
const SUGGESTION_BUDGET = 1000;

interface Suggestable {
  names: ReadonlySet<string>;
  /** The names, joined: the rule's context. */
  key: string;
}

const SUGGESTABLE = new WeakMap<RsyncdDocument, Suggestable | null>();

/** The names that get suggestions when not all of them do; undefined when every name does. */
function suggestable(doc: RsyncdDocument): Suggestable | undefined {
  const whole = doc.whole ?? doc;
  let found = SUGGESTABLE.get(whole);
  if (found === undefined) {
    found = firstNames(whole);
    SUGGESTABLE.set(whole, found);
  }
  return found ?? undefined;
}

function firstNames(doc: RsyncdDocument): Suggestable | null {
  const table = doc.params;
  // The table's names are every name its document (and the texts it was read again from) had: when
  // they are few, so are the document's, and nothing needs counting line by line.
  let unknownNames = 0;
  for (let id = 0; id < table.nameCount; id++) if (wantsSuggestion(table.recordById(id))) unknownNames++;
  if (unknownNames <= SUGGESTION_BUDGET) return null;
  const names = new Set<string>();
  for (let row = 0; row < table.count && names.size < SUGGESTION_BUDGET; row++) {
    const record = table.record(row);
    if (wantsSuggestion(record)) names.add(record.name);
  }
  return names.size < SUGGESTION_BUDGET ? null : { names, key: [...names].join('\n') };
}

function wantsSuggestion(record: NameRecord): boolean {
  return !record.info && !FOREIGN[record.key];
}

/** Names other rsync builds know, which Debian's 3.5.0 logs as unknown and ignores. */
const FOREIGN: Readonly<Record<string, string>> = {
  slprefresh: "it comes from openSUSE's SLP patch; Debian's rsync has no SLP support",
  useslp: "it comes from openSUSE's SLP patch; Debian's rsync has no SLP support",
};

const SUGGESTED = new Map<string, string[]>();

/** Suggestions for an unknown name; memoised, since a large file repeats the same typo many times. */
export function suggest(name: string): string[] {
  let found = SUGGESTED.get(name);
  if (!found) {
    found = computeSuggestions(name);
    if (SUGGESTED.size > 10_000) SUGGESTED.clear();
    SUGGESTED.set(name, found);
  }
  return found;
}

/** The names by their loose form, folded once: a file of distinct typos asks for every one of them. */
const BY_LOOSE = new Map(NAMES.map((n) => [loose(n), n]));
const LOOSE_NAMES = [...BY_LOOSE.keys()];

function computeSuggestions(name: string): string[] {
  const folded = loose(name);
  const known = KNOWN_MISSPELLINGS[folded] ?? BY_LOOSE.get(folded);
  if (known) return [known];
  return closest(folded, LOOSE_NAMES)
    .slice(0, 3)
    .map((n) => BY_LOOSE.get(n)!);
}
