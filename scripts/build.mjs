// One esbuild build of ES modules for the extension and the language server, split into shared chunks
// (the rule core ships once; each process loads only what it runs), with CommonJS launchers; and the
// CLI as one CommonJS file that its launcher runs through V8's code cache (src/cli/codeCache.ts).
// `--production` minifies; `--watch` rebuilds on change; `--analyze` prints what the bundles are made
// of, by npm package or by our folders (for the .vsix budget).
import * as esbuild from 'esbuild';
import ts from 'typescript';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const analyze = process.argv.includes('--analyze');
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

// One build for the editor's two sides: the extension and the language server share the chunks of what
// both use (the rule core, yaml), and each process loads only the chunks its own imports reach (the
// server never loads ssh2).
const entries = [
  {
    ...common,
    plugins: [...common.plugins, vscodeByRequire],
    format: 'esm',
    splitting: true,
    entryPoints: { extension: 'src/extension.ts', server: 'server/src/server.ts' },
    outdir: 'dist',
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    metafile: analyze,
    // The CommonJS packages inside (ssh2, vscode-languageserver/-client) still call require() for
    // Node's modules and read __dirname, and vscode comes from require too.
    banner: {
      // Short: every chunk carries it, and each is compressed on its own in the .vsix.
      js: [
        'import{createRequire as __pmRequire}from"node:module";',
        'import{fileURLToPath as __pmPath}from"node:url";',
        'const require=__pmRequire(import.meta.url),__filename=__pmPath(import.meta.url),',
        '__dirname=__filename.replace(/[\\\\/][^\\\\/]*$/,"");',
      ].join(''),
    },
  },
];

// The CLI: cron and CI start it for every call, so it is one CommonJS file (no ES module loader, one
// read) that dist/cli.js, built from src/cli/launcher.ts, runs through V8's code cache. Dynamic imports
// stay lazy inside the file: `--version` runs no rule code and `check` never starts ssh2. It is for CI
// and cron hosts (the npm package), not part of the .vsix (scripts/package.mjs).
const cli = {
  ...common,
  format: 'cjs',
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/cli.cjs',
  // Everything is inside; a leftover import() would need an ES module loader the code cache has not.
  supported: { 'dynamic-import': false },
  metafile: analyze,
  plugins: [...common.plugins, launcherAfterBundle()],
};

/** dist/cli.js, rebuilt after every build of the bundle with the digest that names its code cache. */
function launcherAfterBundle() {
  return {
    name: 'cli-launcher',
    setup(build) {
      build.onEnd(async (result) => {
        if (result.errors.length) return;
        const digest = createHash('sha256').update(readFileSync('dist/cli.cjs')).digest('hex').slice(0, 16);
        await esbuild.build({
          ...common,
          plugins: [],
          format: 'cjs',
          entryPoints: ['src/cli/launcher.ts'],
          outfile: 'dist/cli.js',
          sourcemap: false,
          banner: { js: '#!/usr/bin/env node' },
          define: { ...common.define, CLI_BUNDLE_DIGEST: JSON.stringify(digest) },
        });
        chmodSync('dist/cli.js', 0o755);
      });
    },
  };
}

// What VS Code, people and editors start, as CommonJS files (VS Code's require of the extension,
// npm's bin link with a shebang, `node dist/server.js --stdio`), each loading its ES module.
const LAUNCHERS = {
  // VS Code loads extensions with require(): activate() loads the ES module and hands over.
  'dist/extension.js':
    "exports.activate = async (context) => (await import('./extension.mjs')).activate(context);\nexports.deactivate = async () => (await import('./extension.mjs')).deactivate();",
  'dist/server.js': "import('./server.mjs');",
};
function writeLaunchers() {
  for (const [file, body] of Object.entries(LAUNCHERS)) {
    const program = file !== 'dist/extension.js';
    writeFileSync(file, `${program ? '#!/usr/bin/env node\n' : ''}'use strict';\n${body}\n`);
    if (program) chmodSync(file, 0o755);
  }
}

// Generated from the catalogue and the facts: the rule reference (it ships in the .vsix and every
// diagnostic links to it), package.json's languages and settings with package.nls.json and the
// README's settings table, and the English bundle of the runtime strings (media/l10n).
for (const script of ['scripts/rules-doc.ts', 'scripts/manifest.ts', 'scripts/l10n.ts'])
  execFileSync(process.execPath, ['--import', 'tsx', script], { stdio: 'inherit' });

// Chunk names carry content hashes: clear the old ones so neither a .vsix nor a test picks them up.
rmSync('dist', { recursive: true, force: true });
mkdirSync('dist');
writeLaunchers();
const contexts = await Promise.all([...entries, cli].map((e) => esbuild.context(e)));
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('watching for changes');
} else {
  const results = await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
  if (analyze)
    results.forEach((r, i) => {
      console.log(i === results.length - 1 ? '\nCLI (dist/cli.cjs, not in the .vsix):' : 'Extension and server:');
      printComposition(r.metafile);
    });
}

/** Output bytes by npm package (a nested copy counts apart) or by folder of our own code, largest first. */
function printComposition(metafile) {
  const bytes = new Map();
  for (const output of Object.values(metafile.outputs))
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const owner = /^.*node_modules\/(?:@[^/]+\/)?[^/]+/.exec(input)?.[0] ?? input.split('/').slice(0, 3).join('/');
      bytes.set(owner, (bytes.get(owner) ?? 0) + bytesInOutput);
    }
  for (const [owner, n] of [...bytes].sort((a, b) => b[1] - a[1]).slice(0, 30))
    console.log(`${(n / 1024).toFixed(1).padStart(8)} KiB  ${owner}`);
}
