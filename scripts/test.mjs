// Runs the test layers in order, cheapest first: unit → lsp → integration → interop → e2e.
// `node scripts/test.mjs [layer...]` runs only those. Each layer is plain `node --test` over the
// layer's *.test.ts files; the script installs the Debian packages the tests use before the first
// layer, prepares what a layer needs (bundles, the .vsix, code-server), prints each layer's time, and
// ends with one "N passed, N failed, N skipped" line. A skipped test is listed with its reason; in CI
// (CI set) a skip fails the run unless its reason starts with `optional:`, so a missing program can
// never turn a red suite green. An e2e file that fails is run once more and named as flaky when it
// then passes.
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const ALL = ['unit', 'lsp', 'integration', 'interop', 'e2e'];
const requested = process.argv.slice(2);
const layers = requested.length ? requested : ALL;
for (const l of layers) if (!ALL.includes(l)) fail(`unknown test layer \`${l}\`; layers: ${ALL.join(', ')}`);

// Every layer may use the real programs (even unit tests read Debian's ftpsync samples): install the
// missing Debian packages once, before the first layer.
run('bash', ['scripts/install-test-deps.sh']);
const prepare = {
  lsp: () => run('node', ['scripts/build.mjs']),
  integration: () => run('node', ['scripts/build.mjs']),
  interop: () => run('node', ['scripts/build.mjs']),
  e2e: () => {
    run('npm', ['run', '--silent', 'package']);
    run('bash', ['scripts/install-code-server.sh']);
  },
};
const inCi = Boolean(process.env.CI);

let passed = 0;
let failed = 0;
const skips = [];
const timings = [];
const flaky = [];
for (const layer of layers) {
  const files = findTests(join(root, 'test', layer));
  if (!files.length) continue;
  const started = Date.now();
  prepare[layer]?.();
  const result = layer === 'e2e' ? await runEachWithRetry(layer, files) : await runNodeTest(layer, files);
  passed += result.pass;
  failed += result.fail + (result.code !== 0 && result.fail === 0 ? 1 : 0);
  skips.push(...result.skips.map((s) => `${layer}: ${s}`));
  timings.push(
    `${layer} ${((Date.now() - started) / 1000).toFixed(1)} s (${result.pass} passed, ${result.fail} failed, ${result.skips.length} skipped)`,
  );
}
console.log(`\nlayers: ${timings.join('; ')}`);
for (const f of flaky) console.log(`flaky: ${f} failed, then passed when run again (make it robust)`);
const forbidden = inCi ? skips.filter((s) => !/# SKIP optional:/.test(s)) : [];
for (const s of skips) console.log(`skipped: ${s}${forbidden.includes(s) ? '  (not allowed in CI)' : ''}`);
failed += forbidden.length;
console.log(`${passed} passed, ${failed} failed, ${skips.length} skipped`);
process.exit(failed ? 1 : 0);

function findTests(dir) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.sort().flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return findTests(full);
    return name.endsWith('.test.ts') || name.endsWith('.test.mjs') ? [full] : [];
  });
}

/**
 * The e2e files one by one, each run once more when it fails: a browser driving code-server on a busy
 * machine misses a transient state now and then. A file that fails twice fails the run; one that passes
 * the second time is named in the summary as flaky, never hidden.
 */
async function runEachWithRetry(layer, files) {
  const total = { pass: 0, fail: 0, skips: [], code: 0 };
  for (const file of files) {
    let r = await runNodeTest(layer, [file]);
    if (r.fail || r.code) {
      console.log(`\n== ${relative(root, file)} failed; running it once more`);
      r = await runNodeTest(layer, [file]);
      if (!r.fail && !r.code) flaky.push(relative(root, file));
    }
    total.pass += r.pass;
    total.fail += r.fail;
    total.skips.push(...r.skips);
    if (r.code) total.code = r.code;
  }
  return total;
}

function runNodeTest(layer, files) {
  console.log(`\n== ${layer}: ${files.length} file(s)`);
  // Integration and end-to-end tests start real daemons and browsers: one file at a time.
  const concurrency = layer === 'unit' || layer === 'lsp' ? [] : ['--test-concurrency=1'];
  const args = [
    '--import',
    'tsx',
    '--test',
    '--test-reporter=tap',
    ...concurrency,
    ...files.map((f) => relative(root, f)),
  ];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let tail = '';
    let pass = 0;
    let fail = 0;
    let partial = '';
    const skips = [];
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      tail = (tail + chunk.toString()).slice(-4096);
      for (const m of tail.matchAll(/^# (pass|fail) (\d+)$/gm)) {
        if (m[1] === 'pass') pass = Number(m[2]);
        else fail = Number(m[2]);
      }
      // A skipped test or suite is reported as `ok N - name # SKIP reason`.
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop();
      for (const line of lines) {
        const m = /^\s*ok \d+ - (.*# SKIP.*)$/.exec(line);
        if (m) skips.push(m[1]);
      }
    });
    child.on('close', (code) => resolve({ pass, fail, skips, code: code ?? 1 }));
  });
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) fail(`\`${cmd} ${args.join(' ')}\` failed`);
}

function fail(message) {
  console.error(`test: ${message}`);
  console.log('0 passed, 1 failed, 0 skipped');
  process.exit(1);
}
