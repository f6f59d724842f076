import { runRules } from '../rule';
import type { CompletionEntry, DocumentSymbolInfo, HoverInfo, LanguageService, LocationInfo } from '../service';
import type { CheckContext } from '../types';
import type { SecretsFile } from './check';
import { decideUser, groupRulesFor, referencingModules, type ModuleRef } from './crossfile';
import { describeEntry } from './hover';
import { parseSecrets, type SecretsDocument, type SecretsEntry } from './parser';
import { SECRETS_RULES } from './rules';
import { cachedParser } from '../parse-cache';

// The rsyncd-secrets language. Every feature here works on user names only: a password is measured
// (length, trailing blanks) but never copied into a message, hover, completion or symbol.

const parseCached = cachedParser(parseSecrets);

function withRefs(text: string, ctx: CheckContext): SecretsFile {
  return { ...parseCached(text), refs: referencingModules(ctx) };
}

function entryAt(doc: SecretsDocument, offset: number): SecretsEntry | undefined {
  return doc.entries.find((e) => offset >= e.lineStart && offset <= e.span.end);
}

export const secretsService: LanguageService = {
  id: 'rsyncd-secrets',
  rules: SECRETS_RULES.map((r) => r.meta),

  validate(text, ctx, options) {
    return runRules(SECRETS_RULES, withRefs(text, ctx), ctx, options?.levels);
  },

  hover(text, offset, ctx): HoverInfo | undefined {
    const doc = withRefs(text, ctx);
    const entry = entryAt(doc, offset);
    if (!entry) return undefined;
    return { start: entry.nameSpan.start, end: entry.colonOffset + 1, markdown: describeEntry(doc, entry) };
  },

  complete(text, offset, ctx): CompletionEntry[] {
    const doc = parseCached(text);
    const line = doc.lines.find((l) => offset >= l.lineStart && offset <= Math.max(l.span.end, l.lineStart));
    if (!line) return [];
    const colon = text.indexOf(':', line.span.start);
    const hasColon = colon >= 0 && colon < line.span.end;
    // Inside the password there is nothing to offer.
    if (hasColon && offset > colon) return [];
    const names = new Set(doc.entries.map((e) => e.name));
    const wanted = new Map<string, ModuleRef[]>();
    const refs = referencingModules(ctx);
    for (const ref of refs) {
      const rules = ref.module.authUsers?.rules ?? [];
      for (const rule of rules) {
        if (rule.pattern === '' || /[*?[\\]/.test(rule.pattern) || rule.access === 'deny') continue;
        const name = rule.isGroup ? `@${rule.pattern}` : rule.pattern;
        if (names.has(name)) continue;
        if (!rule.isGroup && decideUser(rules, rule.pattern).rule?.access === 'deny') continue;
        wanted.set(name, [...(wanted.get(name) ?? []), ref]);
      }
    }
    const range = { start: line.span.start, end: hasColon ? colon : line.span.end };
    return [...wanted].map(([name, using]) => ({
      label: name,
      kind: 'value',
      detail: `auth users of ${[...new Set(using.map((r) => `[${r.module.name}]`))].join(', ')}`,
      insertText: hasColon ? name : `${name}:`,
      range,
      filterText: name,
    }));
  },

  symbols(text): DocumentSymbolInfo[] {
    return parseCached(text)
      .entries.filter((e) => e.name !== '')
      .map((e) => ({
        name: e.name,
        kind: e.isGroup ? 'namespace' : 'key',
        start: e.nameSpan.start,
        end: e.nameSpan.end,
        selection: e.nameSpan,
      }));
  },

  definition(text, offset, ctx): LocationInfo[] {
    // From a secrets line to the `auth users` rules that let its user (or group) in.
    const entry = entryAt(parseCached(text), offset);
    if (!entry || offset > entry.colonOffset) return [];
    const found: LocationInfo[] = [];
    for (const ref of referencingModules(ctx)) {
      const rules = ref.module.authUsers?.rules ?? [];
      const matching = entry.isGroup
        ? groupRulesFor(rules, entry.group ?? '')
        : [decideUser(rules, entry.name).rule].filter((r) => r !== undefined);
      for (const rule of matching) {
        found.push({
          target: ref.conf.path ?? ref.conf.uri,
          uri: ref.conf.uri,
          start: rule.span.start,
          end: rule.span.end,
        });
      }
    }
    return found;
  },
};
