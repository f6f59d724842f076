import { performance } from 'node:perf_hooks';
import { parseRsyncd } from '../../server/src/core/rsyncd/parser';
import { rsyncdService } from '../../server/src/core/rsyncd/service';
import { LspProcess } from '../lsp/harness';

// Full validation of a generated ~1 MB rsyncd.conf (5,000 modules), in-process and over LSP
// (didChange → publishDiagnostics with the built dist/server.js), beside a plain split-and-trim pass,
// and a keystroke checked from the last check (server/src/core/rsyncd/validation.ts). Medians of 5; over
// LSP, of 5 changes after 5 of the same kind, with the first one's time beside.

function generate(modules: number): string {
  const out = [
    '# generated',
    'uid = nobody',
    'gid = nogroup',
    'use chroot = yes',
    'max connections = 50',
    'lock file = /run/rsyncd.lock',
    'socket options = SO_KEEPALIVE',
    '',
  ];
  for (let i = 0; i < modules; i++) {
    out.push(
      `[mirror-${i}]`,
      `    path = /srv/mirror/archive-${i}`,
      `    comment = Mirror of archive number ${i} for example.org`,
      '    read only = yes',
      '    list = yes',
      `    hosts allow = 192.0.2.${i % 250}/32 198.51.100.0/24`,
      '    refuse options = delete checksum',
      '    log format = %t %a %m %f %l',
      i % 10 === 0 ? '    reed only = no' : '    timeout = 600',
      '',
    );
  }
  return out.join('\n');
}

function median(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

/** The median of `runs` calls after `warm` unmeasured ones (given negative run numbers). */
function time(fn: (run: number) => void, runs: number, warm = 1): number {
  for (let i = 1; i <= warm; i++) fn(-i);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn(i);
    times.push(performance.now() - t0);
  }
  return median(times);
}

async function main(): Promise<void> {
  const text = generate(5000);
  const runs = 5;
  const split = time(() => {
    let n = 0;
    for (const line of text.split('\n')) if (line.trim()) n++;
    if (n < 0) throw new Error('unreachable');
  }, runs);
  const parse = time(() => parseRsyncd(text + ' '.repeat(Math.random() > 2 ? 1 : 0)), runs);
  let problems = 0;
  const validate = time(() => {
    // A fresh text each run defeats the parse cache, as a real edit does.
    problems = rsyncdService.validate(`${text}\n# ${Math.random()}`, {}).length;
  }, runs);

  // A keystroke in the middle of the file, checked from the check of the text before it.
  const middle = text.indexOf('[mirror-2500]') + 20;
  const key = { key: 'file:///bench/in-process.conf', hostGeneration: 0 };
  rsyncdService.validate(text, {}, { incremental: key });
  const keystroke = time(
    (run) => {
      const typed = `${text.slice(0, middle)}${'x'.repeat(run + 10)}${text.slice(middle)}`;
      rsyncdService.validate(typed, {}, { incremental: key });
    },
    runs,
    runs,
  );

  const lsp = new LspProcess();
  await lsp.initialize();
  const uri = 'file:///bench/rsyncd.conf';
  await lsp.open(uri, 'rsyncd-conf', text);
  // With checkFileSystem on (the default) every module's path that does not exist here is reported too.
  const published = (await lsp.waitForDiagnostics(uri, () => true, 60000)).length;
  let version = 1;
  /** Sends `change` (a new version) and waits for its diagnostics; the time that took. */
  const timed = async (change: (v: number) => Promise<void>): Promise<number> => {
    const v = ++version;
    const t0 = performance.now();
    await change(v);
    await lsp.waitForDiagnostics(uri, (_d, published) => published === v, 60000);
    return performance.now() - t0;
  };
  /**
   * The first such change, then the median of `runs` more after as many unmeasured ones: a user types
   * many characters, and the server's code is compiled for the edit path after the first few.
   */
  const measure = async (change: (v: number) => Promise<void>) => {
    const first = await timed(change);
    for (let i = 1; i < runs; i++) await timed(change);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) times.push(await timed(change));
    return { first, median: median(times) };
  };
  const whole = await measure((v) => lsp.change(uri, v, `${text}\n# edit ${v}`));
  // What an editor sends while typing: a small incremental edit (here a character typed into the first
  // comment), which the server checks from its last check of the file.
  const inComment = { start: { line: 0, character: 1 }, end: { line: 0, character: 1 } };
  const comment = await measure((v) => lsp.edit(uri, v, inComment, 'x'));
  // The same keystroke in a module's line, the middle of the file.
  const line = text.slice(0, middle).split('\n').length - 1;
  const character = middle - text.lastIndexOf('\n', middle - 1) - 1;
  const inModule = { start: { line, character }, end: { line, character } };
  const module = await measure((v) => lsp.edit(uri, v, inModule, 'x'));
  await lsp.stop();

  const kb = (text.length / 1024).toFixed(0);
  console.log(`rsyncd.conf: ${kb} KiB, 5,000 modules, ${problems} problems`);
  console.log(`  split-and-trim pass        ${split.toFixed(1)} ms`);
  console.log(`  parse                      ${parse.toFixed(1)} ms (${(parse / split).toFixed(1)}x)`);
  console.log(
    `  full validation in-process ${validate.toFixed(1)} ms (${(validate / split).toFixed(1)}x the split pass; target <= 10x)`,
  );
  const overLsp = (name: string, m: { first: number; median: number }) =>
    console.log(
      `  didChange -> diagnostics   ${m.median.toFixed(1)} ms over LSP, ${name} (first: ${m.first.toFixed(1)} ms)`,
    );
  overLsp(`whole text sent, ${published} diagnostics`, whole);
  console.log(`  keystroke in a module      ${keystroke.toFixed(1)} ms in-process, checked from the last check`);
  overLsp('one-character incremental edit', comment);
  overLsp('one character typed in a module', module);
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
