import { performance } from 'node:perf_hooks';
import { readScript } from '../../server/src/core/ftpsync/bash/reader';
import { ftpsyncSetting, initialVariables } from '../../server/src/core/ftpsync/environment';
import { ftpsyncService } from '../../server/src/core/ftpsync/service';
import { LspProcess } from '../lsp/harness';

// A 1,000-line ftpsync.conf (the long commented sample shape: comment blocks, every setting, quoted
// and expanded values, a long EXCLUDE, exports, an if-block and a command substitution) validated
// in-process (target: under 20 ms) and over LSP with the built dist/server.js.

function generate(lines: number): string {
  const out: string[] = [];
  const block = [
    '## Mirrorname. This is used for things like the trace file and should always',
    '## be the full hostname of the mirror.',
    'MIRRORNAME="mirror.example.org"',
    'BASE=/srv/mirror',
    'TO="${BASE}/debian/"',
    'RSYNC_HOST=upstream.example.org',
    "RSYNC_PATH='debian'",
    'export RSYNC_USER=eu3',
    'RSYNC_PASSWORD="Bench-Password-1"',
    'LOGDIR="$HOME/log"',
    'LOG="${LOGDIR}/${NAME}.log"',
    'ARCH_EXCLUDE="alpha arm armel hppa hurd-i386 ia64 m68k mips powerpc s390 sparc"',
    'EXCLUDE="--exclude=*.iso --exclude=/tmp/ --filter=-_*.part --include=*/"',
    'RSYNC_EXTRA="--contimeout=60 --port=873"',
    'INFO_MAINTAINER="Admins <admins@example.org>"',
    'INFO_COUNTRY=DE',
    'HUB=false',
    'TRACEHOST=$(hostname -f)',
    'if [ -r "$HOME/extra.conf" ]; then',
    '  RSYNC_BW=2048',
    'fi',
    '# HOOK1=',
  ];
  for (let i = 0; out.length < lines; i++)
    out.push(block[i % block.length]!.replace('mirror.example.org', `mirror${i % 7}.example.org`));
  return `${out.join('\n')}\n`;
}

/** Median of `runs` timed calls after a warm-up: the machine is shared, so spikes are left out. */
function time(fn: () => void, runs: number): number {
  for (let i = 0; i < 10; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return samples.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

async function main(): Promise<void> {
  const text = generate(1000);
  const path = '/home/mirror/.config/ftpsync/ftpsync.conf';
  const runs = 50;
  const read = time(() => readScript(`${text}# ${Math.random()}\n`, initialVariables(ftpsyncSetting(path))), runs);
  let problems = 0;
  // A fresh text each run defeats the parse cache, as an edit does.
  const validate = time(() => {
    problems = ftpsyncService.validate(`${text}# ${Math.random()}\n`, { path }).length;
  }, runs);

  const lsp = new LspProcess();
  await lsp.initialize();
  const uri = 'file:///bench/home/.config/ftpsync/ftpsync.conf';
  await lsp.open(uri, 'ftpsync-conf', text);
  await lsp.waitForDiagnostics(uri, () => true, 60000);
  const times: number[] = [];
  for (let v = 2; v < 22; v++) {
    const t0 = performance.now();
    await lsp.edit(uri, v, { start: { line: 0, character: 1 }, end: { line: 0, character: 1 } }, '#');
    await lsp.waitForDiagnostics(uri, (_d, version) => version === v, 60000);
    times.push(performance.now() - t0);
  }
  await lsp.stop();
  const overLsp = times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;

  console.log(
    `ftpsync.conf: ${text.split('\n').length - 1} lines, ${(text.length / 1024).toFixed(0)} KiB, ${problems} problems`,
  );
  console.log(`  bash reader                ${read.toFixed(2)} ms (median)`);
  console.log(`  full validation in-process ${validate.toFixed(2)} ms (median; target < 20 ms)`);
  console.log(
    `  didChange -> diagnostics   ${overLsp.toFixed(1)} ms over LSP, one-character incremental edit (median)`,
  );
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
