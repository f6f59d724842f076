// Packs the .vsix from the production bundles and proves it is what we promise: platform-neutral,
// no node_modules, no native addons, at most 600 KiB.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { zipEntryNames } from './zip.mjs';

const { name, version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const vsix = `${name}-${version}.vsix`;
// No repository URL yet: keep README's relative links (docs/rules.md) as they are instead of failing.
execFileSync(
  'npx',
  [
    '--no-install',
    'vsce',
    'package',
    '--no-dependencies',
    '--no-rewrite-relative-links',
    '--allow-missing-repository',
    '--out',
    vsix,
  ],
  { stdio: 'inherit' },
);

const listing = zipEntryNames(readFileSync(vsix));
const bad = listing.filter((f) => /(^|\/)node_modules\/|\.node$/.test(f));
if (bad.length) throw new Error(`${vsix} contains node_modules or native addons:\n${bad.join('\n')}`);
const size = statSync(vsix).size;
console.log(`${vsix}: ${(size / 1024).toFixed(1)} KiB, ${listing.length} files`);
// The budget of issue 13: a small download that installs fast; a test of the package keeps it.
if (size > 600 * 1024) throw new Error(`${vsix} is ${(size / 1024).toFixed(1)} KiB, over the 600 KiB budget`);
