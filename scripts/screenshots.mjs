// `npm run screenshots`: regenerates README's pictures (media/screenshots/*.png) from the real product.
// The e2e files that take a README picture (a `readme:` in their `vs.screenshot(…)` call) run against
// the packaged .vsix in code-server with PUSH_MIRROR_README_PICTURES=1, so every picture is what the
// test just asserted, regenerated with the UI and never staged by hand. Then each picture README shows
// must exist and stay small, and each picture written must be shown.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const pictures = join(root, 'media', 'screenshots');
const e2e = join(root, 'test', 'e2e');
/** A README picture is cropped to what it shows; larger means a crop went wrong. */
const MAX_BYTES = 150 * 1024;

const files = readdirSync(e2e)
  .filter((f) => f.endsWith('.test.ts') && /\breadme:\s*'/.test(readFileSync(join(e2e, f), 'utf8')))
  .sort();
const only = process.argv.slice(2);
const chosen = only.length ? files.filter((f) => only.some((o) => f.startsWith(o))) : files;
if (!chosen.length) fail(`no e2e file takes a README picture${only.length ? ` among ${only.join(', ')}` : ''}`);

run('bash', ['scripts/install-test-deps.sh']);
run('npm', ['run', '--silent', 'package']);
run('bash', ['scripts/install-code-server.sh']);
// A full run starts clean, so a picture no test takes any more does not linger.
if (!only.length) rmSync(pictures, { recursive: true, force: true });
run('node', ['--import', 'tsx', '--test', '--test-concurrency=1', ...chosen.map((f) => join('test', 'e2e', f))], {
  PUSH_MIRROR_README_PICTURES: '1',
});

const shown = [
  ...readFileSync(join(root, 'README.md'), 'utf8').matchAll(/\]\((media\/screenshots\/[^)\s]+\.png)\)/g),
].map((m) => m[1]);
const written = existsSync(pictures) ? readdirSync(pictures).filter((f) => f.endsWith('.png')) : [];
const problems = [];
for (const file of shown) if (!existsSync(join(root, file))) problems.push(`README shows ${file}, which no test took`);
for (const name of written.sort()) {
  const size = statSync(join(pictures, name)).size;
  console.log(`media/screenshots/${name}: ${(size / 1024).toFixed(1)} KiB`);
  if (size > MAX_BYTES) problems.push(`media/screenshots/${name} is ${(size / 1024).toFixed(1)} KiB, over 150 KiB`);
  if (!shown.includes(`media/screenshots/${name}`)) problems.push(`media/screenshots/${name} is not shown in README`);
}
if (problems.length) fail(problems.join('\n'));

function run(command, args, env = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) fail(`${command} ${args.join(' ')} failed`);
}

function fail(message) {
  console.error(`screenshots: ${message}`);
  process.exit(1);
}
