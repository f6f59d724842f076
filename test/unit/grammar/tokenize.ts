// Tokenizes text with the real TextMate engine VS Code uses (vscode-textmate + the Oniguruma WASM
// build), so the grammar tests assert the scopes an editor will show.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

const ROOT = path.resolve(__dirname, '../../..');
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  contributes: { grammars: { language: string; scopeName: string; path: string }[] };
};

export interface Token {
  text: string;
  scopes: string[];
}

let registry: vsctm.Registry | undefined;

function getRegistry(): vsctm.Registry {
  if (registry) return registry;
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  const onigLib = oniguruma.loadWASM(wasm).then(() => ({
    createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
    createOnigString: (s: string) => new oniguruma.OnigString(s),
  }));
  registry = new vsctm.Registry({
    onigLib,
    loadGrammar: async (scopeName) => {
      const entry = manifest.contributes.grammars.find((g) => g.scopeName === scopeName);
      if (!entry) return null;
      const file = path.join(ROOT, entry.path);
      return vsctm.parseRawGrammar(readFileSync(file, 'utf8'), file);
    },
  });
  return registry;
}

/** The grammar the manifest declares for a language id. */
export async function grammarFor(language: string): Promise<vsctm.IGrammar> {
  const entry = manifest.contributes.grammars.find((g) => g.language === language);
  if (!entry) throw new Error(`package.json declares no grammar for ${language}`);
  const grammar = await getRegistry().loadGrammar(entry.scopeName);
  if (!grammar) throw new Error(`cannot load ${entry.path}`);
  return grammar;
}

/** Tokens per line; the rule stack carries over lines, as in the editor. */
export async function tokenize(language: string, text: string): Promise<Token[][]> {
  const grammar = await grammarFor(language);
  let stack = vsctm.INITIAL;
  return text.split('\n').map((line) => {
    const r = grammar.tokenizeLine(line, stack);
    stack = r.ruleStack;
    return r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

/**
 * Checks each [text, scope] pair in order: the next occurrence of `text` in the line (searching from
 * where the previous pair matched) must lie in tokens that all carry `scope` (or a more specific
 * scope under it). A scope ending in `!` must be absent. Returns the problems, empty if fine.
 */
export function checkScopes(tokens: Token[], expected: [string, string][]): string[] {
  const problems: string[] = [];
  const line = tokens.map((t) => t.text).join('');
  const starts: number[] = [];
  tokens.reduce((at, t) => (starts.push(at), at + t.text.length), 0);
  let from = 0;
  for (const [text, scopeSpec] of expected) {
    const negate = scopeSpec.endsWith('!');
    const scope = negate ? scopeSpec.slice(0, -1) : scopeSpec;
    const at = line.indexOf(text, from);
    if (at < 0) {
      problems.push(`no "${text}" after column ${from} in ${JSON.stringify(line)}`);
      continue;
    }
    const covering = tokens.filter((t, i) => starts[i] < at + text.length && starts[i] + t.text.length > at);
    const carries = (t: Token) => t.scopes.some((s) => s === scope || s.startsWith(scope + '.'));
    const ok = negate ? !covering.some(carries) : covering.every(carries);
    if (!ok)
      problems.push(
        `"${text}" ${negate ? 'has' : 'lacks'} ${scope}: ${covering.map((t) => `${JSON.stringify(t.text)} ${t.scopes.join(' ')}`).join(' | ')}`,
      );
    from = at;
  }
  return problems;
}
