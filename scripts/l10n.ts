// The extension's runtime strings: every `vscode.l10n.t('…')` of src/ and every `t('…')` of the code
// that is handed a Translate (src/engine/l10n.ts), found with the TypeScript compiler (call
// expressions, not a regular expression over the text). Run by the build: it writes the English
// bundle media/l10n/bundle.l10n.json, the list translators start from; VS Code itself needs only the
// translations (bundle.l10n.<language>.json). test/unit/l10n.test.ts fails when the English bundle or a
// translation is out of date, and both tests use the checks below on every translated string.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { format, resolveConfig } from 'prettier';
import * as ts from 'typescript';

export const BUNDLE_DIR = 'media/l10n';
export const ENGLISH_BUNDLE = `${BUNDLE_DIR}/bundle.l10n.json`;
/** The translations shipped, by VS Code language id. */
export const LANGUAGES = ['it'] as const;
export const bundleFile = (language: string) => `${BUNDLE_DIR}/bundle.l10n.${language}.json`;

export interface Extracted {
  /** English message → where it is used (`file:line`), in order of appearance. */
  messages: Map<string, string[]>;
  /** Calls whose message is not a literal: they could never be looked up in a bundle. */
  problems: string[];
}

/** `vscode.l10n.t(…)`, `l10n.t(…)` or a handed-in `t(…)`. */
function isTranslateCall(call: ts.CallExpression): boolean {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return callee.text === 't';
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 't') return false;
  const owner = callee.expression;
  return (
    (ts.isIdentifier(owner) && owner.text === 'l10n') ||
    (ts.isPropertyAccessExpression(owner) && owner.name.text === 'l10n')
  );
}

export function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts'))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

export function extractMessages(files: readonly string[], root = process.cwd()): Extracted {
  const messages = new Map<string, string[]>();
  const problems: string[] = [];
  for (const file of files) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const where = (node: ts.Node) =>
      `${path.relative(root, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && isTranslateCall(node)) {
        const first = node.arguments[0];
        if (first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first)))
          messages.set(first.text, [...(messages.get(first.text) ?? []), where(node)]);
        else problems.push(`${where(node)}: the message of ${node.expression.getText()}(…) is not a literal string`);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { messages, problems };
}

/** The English bundle: every message once, sorted, mapped to itself. */
export function englishBundle(messages: ReadonlyMap<string, unknown>): Record<string, string> {
  return Object.fromEntries([...messages.keys()].sort().map((m) => [m, m]));
}

// Checks every translation must pass, of package.nls.*.json and of the runtime bundles alike.

/** `{0}`, `{1}`: what the code fills in. */
export function placeholders(text: string): string[] {
  return [...new Set(text.match(/\{\d+\}/g) ?? [])].sort();
}

/** `[Open rsyncd.conf](command:…)`: the targets of Markdown links (walkthrough buttons, welcome views). */
export function linkTargets(text: string): string[] {
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!).sort();
}

/**
 * What another program reads or a person types as it is, so a translation must keep it verbatim:
 * code spans, file names and paths, setting keys, `sync:all`, `from=`, option names, and words
 * written in capitals (KEYFILE, RSYNC_HOST, MIRRORNAME).
 */
export function technicalTokens(text: string): string[] {
  const tokens = new Set<string>();
  const rest = text.replace(/`[^`]+`/g, (span) => (tokens.add(span), ' '));
  for (const m of rest.matchAll(/[\w~@$*.\-/:=+]+/g)) {
    const word = m[0].replace(/^[.:]+|[.:]+$/g, '');
    if (!word || /^\{\d+\}$/.test(word)) continue;
    // "leading/trailing", "address/prefix" and ssh's "WARNING" are words, translated like the others.
    if (/^[a-z]+\/[a-z]+$/.test(word) || word === 'WARNING') continue;
    const technical =
      /[_/=~@$]/.test(word) ||
      /\w\.\w/.test(word) ||
      /^\w+:\w/.test(word) ||
      /^-{1,2}\w/.test(word) ||
      /^[A-Z][A-Z0-9]{3,}$/.test(word);
    if (technical && !/^https?:/.test(word) && !/^(e\.g|i\.e)$/i.test(word)) tokens.add(word);
  }
  return [...tokens].sort();
}

/** What is wrong with `translated` as a translation of `english`; empty when nothing is. */
export function translationProblems(english: string, translated: unknown): string[] {
  if (typeof translated !== 'string' || !translated.trim()) return ['no translation'];
  const problems: string[] = [];
  if (placeholders(translated).join() !== placeholders(english).join())
    problems.push(`placeholders ${placeholders(translated).join(' ')} instead of ${placeholders(english).join(' ')}`);
  if (linkTargets(translated).join() !== linkTargets(english).join()) problems.push('links differ');
  for (const token of technicalTokens(english))
    if (!translated.includes(token)) problems.push(`${token} is not kept as it is`);
  return problems;
}

async function main(): Promise<void> {
  const { messages, problems } = extractMessages(sourceFiles('src'));
  if (problems.length) throw new Error(`untranslatable messages:\n${problems.join('\n')}`);
  const options = { ...(await resolveConfig(ENGLISH_BUNDLE)), filepath: ENGLISH_BUNDLE };
  const text = await format(JSON.stringify(englishBundle(messages), null, 2), options);
  let before = '';
  try {
    before = readFileSync(ENGLISH_BUNDLE, 'utf8');
  } catch {
    // first run
  }
  if (text !== before) writeFileSync(ENGLISH_BUNDLE, text);
}

if (require.main === module) void main();
