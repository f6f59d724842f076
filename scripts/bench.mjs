// `npm run bench`: runs every test/bench/*.bench.ts (or those named) one after another; each prints its figures.
// Benchmarks measure, they do not pass or fail on timing.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
const wanted = process.argv.slice(2);
const benches = readdirSync(`${root}test/bench`).filter(
  (f) => f.endsWith('.bench.ts') && (!wanted.length || wanted.some((w) => f.startsWith(w))),
);
spawnSync('node', ['scripts/build.mjs', '--production'], { cwd: root, stdio: 'inherit' });
let failed = 0;
for (const bench of benches.sort()) {
  console.log(`\n== ${bench}`);
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', `test/bench/${bench}`], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
