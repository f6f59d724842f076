// One esbuild bundle per side (+ the CLI). `--production` minifies; `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

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

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  define: { PACKAGE_VERSION: JSON.stringify(version) },
  plugins: [noNativeAddons],
  // vscode-languageserver-types ships an ESM build that esbuild would otherwise prefer.
  mainFields: ['module', 'main'],
};

const entries = [
  { entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
];

// Generated from the catalogue and the facts: the rule reference (it ships in the .vsix and every
// diagnostic links to it), package.json's languages and settings with package.nls.json and the
// README's settings table, and the English bundle of the runtime strings (media/l10n).
for (const script of ['scripts/rules-doc.ts', 'scripts/manifest.ts', 'scripts/l10n.ts'])
  execFileSync(process.execPath, ['--import', 'tsx', script], { stdio: 'inherit' });

const contexts = await Promise.all(entries.map((e) => esbuild.context({ ...common, ...e })));
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('watching for changes');
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}
