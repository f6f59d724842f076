// Packs the .vsix from the production bundles and proves it is what we promise: platform-neutral,
// no node_modules, no native addons, no CLI, at most 600 KiB.
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { zipEntryNames } from './zip.mjs';

const root = new URL('..', import.meta.url).pathname;
const manifest = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
const { name, version } = manifest;
const vsix = `${name}-${version}.vsix`;
const vsixPath = path.join(root, vsix);

// The .vsix carries what VS Code runs: the extension and the language server. The CLI (dist/cli.js and
// its bundle dist/cli.cjs) is for CI and cron hosts, in the npm package. vsce packs package.json's
// "files" (npm's list as well) and takes no ignore file beside it, so the .vsix is packed from a copy of
// the files npm would pack, without the CLI.
const CLI = /^dist\/cli\./;
const npmFiles = JSON.parse(
  execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' }),
)[0].files.map((f) => f.path);
if (!npmFiles.some((f) => CLI.test(f))) throw new Error('the npm package lacks the CLI (run npm run build)');
const stage = mkdtempSync(path.join(tmpdir(), 'push-mirror-vsix-'));
try {
  for (const file of npmFiles.filter((f) => !CLI.test(f) && f !== 'package.json')) {
    mkdirSync(path.dirname(path.join(stage, file)), { recursive: true });
    copyFileSync(path.join(root, file), path.join(stage, file));
  }
  // vsce fails on a "files" pattern that matches nothing: the CLI bundle's is left out with it.
  const files = manifest.files.filter((f) => !CLI.test(f));
  writeFileSync(path.join(stage, 'package.json'), `${JSON.stringify({ ...manifest, files }, null, 2)}\n`);
  // No repository URL yet: keep README's relative links (docs/rules.md) as they are instead of failing.
  execFileSync(
    process.execPath,
    [
      `${root}node_modules/@vscode/vsce/vsce`,
      'package',
      '--no-dependencies',
      '--no-rewrite-relative-links',
      '--allow-missing-repository',
      '--out',
      vsixPath,
    ],
    { stdio: 'inherit', cwd: stage },
  );
} finally {
  rmSync(stage, { recursive: true, force: true });
}

const listing = zipEntryNames(readFileSync(vsixPath));
const bad = listing.filter((f) => /(^|\/)node_modules\/|\.node$/.test(f) || CLI.test(f.replace(/^extension\//, '')));
if (bad.length) throw new Error(`${vsix} contains node_modules, native addons or the CLI:\n${bad.join('\n')}`);
// README's pictures (media/screenshots, npm run screenshots) are for the repository page, not the install.
const pictures = listing.filter((f) => f.includes('media/screenshots/'));
if (pictures.length) throw new Error(`${vsix} contains README pictures:\n${pictures.join('\n')}`);
// The translations: VS Code reads package.nls.<lang>.json for the manifest and the bundle package.json's
// "l10n" names for the runtime strings. English needs neither bundle file (the messages are their keys),
// so media/l10n/bundle.l10n.json, the translators' template, stays out.
const languages = readdirSync(root)
  .map((f) => /^package\.nls\.([\w-]+)\.json$/.exec(f)?.[1])
  .filter(Boolean);
const l10nFiles = [
  'package.nls.json',
  ...languages.flatMap((l) => [`package.nls.${l}.json`, `media/l10n/bundle.l10n.${l}.json`]),
];
const missing = l10nFiles.filter((f) => !listing.includes(`extension/${f}`));
if (missing.length) throw new Error(`${vsix} lacks translations:\n${missing.join('\n')}`);
if (listing.includes('extension/media/l10n/bundle.l10n.json')) throw new Error(`${vsix} ships the English bundle`);
const size = statSync(vsixPath).size;
console.log(`${vsix}: ${(size / 1024).toFixed(1)} KiB, ${listing.length} files`);
// The budget of issue 13: a small download that installs fast; a test of the package keeps it.
if (size > 600 * 1024) throw new Error(`${vsix} is ${(size / 1024).toFixed(1)} KiB, over the 600 KiB budget`);
