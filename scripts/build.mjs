// One esbuild build per side: the extension (CommonJS, as VS Code loads it), and the language
// server with the CLI (ES modules split into shared chunks, so the rule core ships once and each CLI
// command loads only what it runs). `--production` minifies; `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import ts from 'typescript';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

/** ssh2 tries its optional native parts (sshcrypto.node, cpu-features) in try/catch: leave them out so the pure-JS path is used. */
const noNativeAddons = {
  name: 'no-native-addons',
  setup(build) {
    build.onResolve({ filter: /\.node$|^cpu-features$/ }, (args) => ({ path: args.path, external: true }));
  },
};

/** ssh2's SFTP client and ssh server, which we never use, replaced by small stubs (scripts/stubs/). */
const ssh2Unused = {
  name: 'ssh2-unused',
  setup(build) {
    const stubs = { './protocol/SFTP.js': 'ssh2-sftp.cjs', './server.js': 'ssh2-server.cjs' };
    build.onResolve({ filter: /^\.\/(protocol\/SFTP|server)\.js$/ }, (args) =>
      /[\\/]ssh2[\\/]lib$/.test(args.resolveDir) && stubs[args.path]
        ? { path: new URL(`stubs/${stubs[args.path]}`, import.meta.url).pathname }
        : undefined,
    );
  },
};

/**
 * A rule's `docs` is read by the rule reference only (docs/rules.md, generated at build time, where
 * every diagnostic's link leads): the bundles leave that text out of `defineRule({ … docs })`.
 */
const ruleDocsOut = {
  name: 'rule-docs-out',
  setup(build) {
    build.onLoad({ filter: /[\\/]server[\\/]src[\\/]core[\\/][^\\/]+[\\/]rules[\\/][^\\/]+\.ts$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const source = ts.createSourceFile(args.path, text, ts.ScriptTarget.Latest, true);
      const cuts = [];
      const visit = (node) => {
        if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'defineRule') {
          const spec = node.arguments[0];
          const docs =
            spec && ts.isObjectLiteralExpression(spec) && spec.properties.find((p) => p.name?.text === 'docs');
          if (docs && ts.isPropertyAssignment(docs)) cuts.push(docs.initializer);
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
      let contents = text;
      for (const c of cuts.sort((a, b) => b.getStart(source) - a.getStart(source)))
        contents = `${contents.slice(0, c.getStart(source))}''${contents.slice(c.getEnd())}`;
      return { contents, loader: 'ts' };
    });
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: production ? false : 'linked',
  minify: production,
  legalComments: production ? 'none' : 'inline',
  logLevel: 'warning',
  define: { PACKAGE_VERSION: JSON.stringify(version) },
  plugins: [noNativeAddons, ssh2Unused, ...(production ? [ruleDocsOut] : [])],
  // vscode-languageserver-types ships an ESM build that esbuild would otherwise prefer.
  mainFields: ['module', 'main'],
};

/**
 * `vscode` is not a file: VS Code hands it to `require('vscode')` from a module inside the extension.
 * The ES modules get it through the banner's require, made for their own file, never through import.
 */
const vscodeByRequire = {
  name: 'vscode-by-require',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) =>
      // The shim's own require('vscode') stays a runtime require.
      args.namespace === 'vscode-api'
        ? { path: 'vscode', external: true }
        : { path: 'vscode', namespace: 'vscode-api' },
    );
    build.onLoad({ filter: /.*/, namespace: 'vscode-api' }, () => ({
      contents: "module.exports = require('vscode');",
      loader: 'js',
    }));
  },
};

// One build, an entry per side: the extension, the language server and the CLI share the chunks
// of what more than one of them uses (the rule core, yaml, ssh2, the engines), and each process
// loads only the chunks its own imports reach (the server never loads ssh2; `push-mirror --version`
// loads no rules).
const entries = [
  {
    ...common,
    plugins: [...common.plugins, vscodeByRequire],
    format: 'esm',
    splitting: true,
    entryPoints: { extension: 'src/extension.ts', server: 'server/src/server.ts', cli: 'src/cli/main.ts' },
    outdir: 'dist',
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    // The CommonJS packages inside (ssh2, vscode-languageserver/-client) still call require() for
    // Node's modules and read __dirname, and vscode comes from require too.
    banner: {
      js: [
        "import { createRequire as __pmRequire } from 'node:module';",
        "import { dirname as __pmDirname } from 'node:path';",
        "import { fileURLToPath as __pmPath } from 'node:url';",
        'const require = __pmRequire(import.meta.url);',
        'const __filename = __pmPath(import.meta.url);',
        'const __dirname = __pmDirname(__filename);',
      ].join(' '),
    },
  },
];

// What VS Code, people and editors start, as CommonJS files (VS Code's require of the extension,
// npm's bin links with a shebang, `node dist/server.js --stdio`), each loading its ES module.
const LAUNCHERS = {
  // VS Code loads extensions with require(): activate() loads the ES module and hands over.
  'dist/extension.js':
    "exports.activate = async (context) => (await import('./extension.mjs')).activate(context);\nexports.deactivate = async () => (await import('./extension.mjs')).deactivate();",
  'dist/server.js': "import('./server.mjs');",
  'dist/cli.js':
    "import('./cli.mjs').then((cli) => cli.main(process.argv.slice(2))).then((code) => { process.exitCode = code; });",
};
function writeLaunchers() {
  for (const [file, body] of Object.entries(LAUNCHERS)) {
    const program = file !== 'dist/extension.js';
    writeFileSync(file, `${program ? '#!/usr/bin/env node\n' : ''}'use strict';\n${body}\n`);
    if (program) chmodSync(file, 0o755);
  }
}

// Generated from the catalogue and the facts: the rule reference (it ships in the .vsix and every
// diagnostic links to it), and package.json's languages and settings with the README's settings table.
for (const script of ['scripts/rules-doc.ts', 'scripts/manifest.ts'])
  execFileSync(process.execPath, ['--import', 'tsx', script], { stdio: 'inherit' });

// Chunk names carry content hashes: clear the old ones so neither a .vsix nor a test picks them up.
rmSync('dist', { recursive: true, force: true });
mkdirSync('dist');
writeLaunchers();
const contexts = await Promise.all(entries.map((e) => esbuild.context(e)));
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('watching for changes');
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}
