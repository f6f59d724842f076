// Log tail figures: opening a 1 GB log beside `tail -n 1000` on the same file, and memory while
// following 100,000 appended lines (it must not grow with the file).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LogBuffer } from '../../src/engine/logs/buffer';
import { FileTail } from '../../src/engine/logs/tail';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-bench-logs-'));
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const big = path.join(dir, 'ftpsync.log');
  const line =
    'Nov 23 10:00:00 mirror ftpsync[12345]: rsync: sending incremental file list pool/main/p/package_1.0_amd64.deb\n';
  const block = Buffer.from(line.repeat(Math.floor((16 * 1024 * 1024) / line.length)));
  const fd = fs.openSync(big, 'w');
  for (let written = 0; written < 1024 * 1024 * 1024; written += block.length) fs.writeSync(fd, block);
  fs.closeSync(fd);
  const size = fs.statSync(big).size;

  const ours: number[] = [];
  const theirs: number[] = [];
  gc();
  const rssBefore = process.memoryUsage().rss;
  for (let run = 0; run < 5; run++) {
    const buffer = new LogBuffer(10000);
    const started = process.hrtime.bigint();
    const tail = new FileTail(big, (e) => e.kind === 'lines' && buffer.append(e.lines), { initialLines: 1000 });
    await tail.start();
    ours.push(Number(process.hrtime.bigint() - started) / 1e6);
    await tail.stop();
    if (buffer.lineCount !== 1000) throw new Error(`expected 1000 lines, got ${buffer.lineCount}`);
    const t = process.hrtime.bigint();
    spawnSync('tail', ['-n', '1000', big], { stdio: ['ignore', 'ignore', 'inherit'] });
    theirs.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  const rssAfterOpen = process.memoryUsage().rss;
  console.log(
    `open ${mib(size)} log at its last 1000 lines: ours ${median(ours).toFixed(1)} ms, tail -n 1000 ${median(theirs).toFixed(1)} ms (process start included), ratio ${(median(ours) / median(theirs)).toFixed(2)}`,
  );
  console.log(`  RSS change while opening it 5 times: ${mib(rssAfterOpen - rssBefore)}`);
  fs.rmSync(big);

  const follow = path.join(dir, 'follow.log');
  fs.writeFileSync(follow, '');
  const buffer = new LogBuffer(10000);
  const tail = new FileTail(follow, (e) => e.kind === 'lines' && buffer.append(e.lines), {
    initialLines: 1000,
    pollMs: 60000,
  });
  await tail.start();
  const samples: string[] = [];
  gc();
  const heapStart = process.memoryUsage().heapUsed;
  const started = Date.now();
  for (let batch = 1; batch <= 100; batch++) {
    fs.appendFileSync(
      follow,
      Array.from({ length: 1000 }, (_, i) => `${line.trimEnd()} #${batch * 1000 + i}`).join('\n') + '\n',
    );
    await tail.poke();
    if (batch % 25 === 0) {
      gc();
      samples.push(
        `${batch * 1000} lines (${mib(fs.statSync(follow).size)} file): heap ${mib(process.memoryUsage().heapUsed)}, RSS ${mib(process.memoryUsage().rss)}`,
      );
    }
  }
  await tail.stop();
  gc();
  console.log(`follow 100,000 appended lines in ${Date.now() - started} ms, buffer keeps ${buffer.lineCount} lines:`);
  for (const s of samples) console.log(`  ${s}`);
  console.log(`  heap growth from start to end: ${mib(process.memoryUsage().heapUsed - heapStart)}`);
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => fs.rmSync(dir, { recursive: true, force: true }));
