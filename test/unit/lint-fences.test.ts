import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ESLint } from 'eslint';

// Each fence of eslint.config.mjs, proved: a forbidden import in a file of the fenced folder is an
// error, and the allowed one beside it is not. The files need not exist; ESLint lints the text as
// if it were at that path.

const eslint = new ESLint();

async function errorsOf(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport {};\n`, { filePath });
  return result!.messages.filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`);
}

const fences: { file: string; forbidden: string; allowed?: string; rule: RegExp }[] = [
  // Relative paths, by zone.
  {
    file: 'server/src/core/rsyncd/x.ts',
    forbidden: "import '../../node/host';",
    allowed: "import '../types';",
    rule: /boundaries\/zones/,
  },
  { file: 'server/src/core/x.ts', forbidden: "import './../lsp/session';", rule: /boundaries\/zones/ },
  { file: 'server/src/core/x.ts', forbidden: "export * from '../server';", rule: /boundaries\/zones/ },
  {
    file: 'server/src/core/x.ts',
    forbidden: "const m = await import('../../../src/config');",
    rule: /boundaries\/zones/,
  },
  {
    file: 'server/src/lsp/x.ts',
    forbidden: "import '../../../src/engine/ssh/fanout';",
    allowed: "import '../node/files';",
    rule: /boundaries\/zones/,
  },
  {
    file: 'server/src/node/x.ts',
    forbidden: "import '../lsp/convert';",
    allowed: "import '../core/types';",
    rule: /boundaries\/zones/,
  },
  {
    file: 'src/engine/ssh/x.ts',
    forbidden: "import '../../commands/signal';",
    allowed: "import '../knownHosts/knownHosts';",
    rule: /boundaries\/zones/,
  },
  { file: 'src/engine/x.ts', forbidden: "import '../config';", rule: /boundaries\/zones/ },
  { file: 'src/engine/x.ts', forbidden: "import '../walkthrough/steps';", rule: /boundaries\/zones/ },
  { file: 'src/cli/x.ts', forbidden: "import '../ruleDocs';", rule: /boundaries\/zones/ },
  { file: 'src/engine/x.ts', forbidden: "import '../cli/output';", rule: /boundaries\/zones/ },
  {
    file: 'src/cli/x.ts',
    forbidden: "import '../downstreams/tree';",
    allowed: "import '../engine/ssh/fanout';",
    rule: /boundaries\/zones/,
  },
  {
    file: 'src/cli/x.ts',
    forbidden: "import '../../server/src/lsp/session';",
    allowed: "import '../../server/src/core/catalogue';",
    rule: /boundaries\/zones/,
  },
  // Packages.
  { file: 'server/src/lsp/x.ts', forbidden: "import 'vscode';", rule: /no-restricted-imports/ },
  { file: 'server/src/lsp/x.ts', forbidden: "import 'ssh2';", rule: /no-restricted-imports/ },
  {
    file: 'server/src/lsp/x.ts',
    forbidden: "import { createConnection } from 'vscode-languageserver/node';",
    rule: /no-restricted-imports/,
  },
  { file: 'server/src/core/x.ts', forbidden: "import 'node:fs';", rule: /no-restricted-imports/ },
  { file: 'server/src/core/x.ts', forbidden: "import 'vscode-languageserver';", rule: /no-restricted-imports/ },
  { file: 'src/engine/x.ts', forbidden: "import 'vscode';", allowed: "import 'ssh2';", rule: /no-restricted-imports/ },
  {
    file: 'src/commands/x.ts',
    forbidden: "import 'vscode-languageclient/node';",
    allowed: "import 'vscode';",
    rule: /no-restricted-imports/,
  },
];

for (const fence of fences) {
  test(`${fence.file}: ${fence.forbidden}`, async () => {
    const errors = await errorsOf(fence.file, fence.forbidden);
    assert.ok(
      errors.some((e) => fence.rule.test(e)),
      `expected ${fence.rule} in ${JSON.stringify(errors)}`,
    );
    if (fence.allowed) assert.deepEqual(await errorsOf(fence.file, fence.allowed), []);
  });
}
