import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { SERVICES } from '../../server/src/core/catalogue';
import type { LanguageService } from '../../server/src/core/service';
import type { CheckContext } from '../../server/src/core/types';
import { CachedHost } from '../../server/src/node/host';
import { LspProcess } from '../lsp/harness';
import { KEY } from '../unit/authkeys/support';

// Hostile input: every shape that once froze the server or blew up its memory, and a sweep of big and
// odd inputs over every language. Each line is one shape; the figure before the fix is in the comment
// where there was one. Nothing here passes or fails: a shape that is super-linear again shows as a
// figure far out of line with the others.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-bench-hostile-'));
const MB = 1024 * 1024;
const service = (id: string) => SERVICES.find((s) => s.id === id)!;
const rsyncd = service('rsyncd-conf');
const authkeys = service('ssh-authorized-keys');
const inventory = service('pushmirror-inventory');

function ms(fn: () => unknown): { ms: number; result: unknown } {
  const t0 = performance.now();
  const result = fn();
  return { ms: performance.now() - t0, result };
}

const row = (name: string, figures: string) => console.log(`  ${name.padEnd(58)} ${figures}`);
const kib = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
const jsonSize = (problems: unknown) =>
  JSON.stringify(problems, (k, v: unknown) => (k === 'fixes' ? undefined : v)).length;

function validateRow(name: string, svc: LanguageService, text: string, ctx: CheckContext = {}): void {
  const { ms: t, result } = ms(() => svc.validate(text, ctx));
  const problems = result as unknown[];
  row(name, `${t.toFixed(0)} ms, ${problems.length} problems, ${kib(jsonSize(problems))} as JSON`);
}

function shapes(): void {
  console.log('The shapes of issue 12 (in-process; before the fix in brackets)');

  // A directory of 8 files, each `&include`-ing the directory. [N=7: 6.7 s; N=8: over 60 s, 1.4 GB]
  const confd = path.join(dir, 'rsyncd.d');
  fs.mkdirSync(confd);
  for (let i = 0; i < 8; i++)
    fs.writeFileSync(path.join(confd, `f${i}.conf`), `&include ${confd}\n[m${i}]\n    path = /tmp\n`);
  const host = new CachedHost();
  const ctx = { host, path: path.join(dir, 'rsyncd.conf') };
  const text = `&include ${confd}\n`;
  const v = ms(() => rsyncd.validate(text, ctx)).ms;
  const h = ms(() => rsyncd.hover!(text, 2, { ...ctx })).ms;
  const s = ms(() => rsyncd.symbols!(text, { ...ctx })).ms;
  row(
    '8 files each including their directory [>60 s]',
    `validate ${v.toFixed(0)} ms, hover ${h.toFixed(0)} ms, symbols ${s.toFixed(0)} ms, ${host.reads} file system calls`,
  );

  // Six levels of ten files, each including the next level: a million reads without a cycle.
  for (let level = 0; level < 6; level++) {
    fs.mkdirSync(path.join(dir, `l${level}`));
    for (let i = 0; i < 10; i++)
      fs.writeFileSync(
        path.join(dir, `l${level}`, `f${i}.conf`),
        `${level < 5 ? `&include ${dir}/l${level + 1}\n` : ''}[m${level}x${i}]\n    path = /tmp\n`,
      );
  }
  validateRow('includes fanning out 10^6 ways, stopped at the budget', rsyncd, `&include ${dir}/l0\n`, {
    host: new CachedHost(),
    path: path.join(dir, 'rsyncd.conf'),
  });

  // [117 KB: 51 s]
  validateRow('line without `=` of 117 KB of words [51 s]', rsyncd, 'read only yes '.repeat(8558));
  validateRow('line without `=` of 10 MB of words', rsyncd, 'ab '.repeat((10 * MB) / 3));
  // [400,000 lines: 6.8 s, quadratic]
  validateRow('400,000 lines without `=` [6.8 s]', rsyncd, 'x\n'.repeat(400_000));
  validateRow(
    '100,000 distinct unknown parameters',
    rsyncd,
    Array.from({ length: 100_000 }, (_, i) => `reedonlx${i} = 1`).join('\n'),
  );

  // [18-24 s, 190-593 MB of JSON]
  const seed = 'no-port-forwarding,no-X11-forwarding,no-agent-forwarding,no-pty,command="~/websync &"';
  validateRow(
    '8,000 copies of the trigger line with from= [18-24 s, 190 MB]',
    authkeys,
    `from="192.0.2.1",${seed} ${KEY}\n`.repeat(8000),
  );
  validateRow('8,000 copies of the seed trigger line', authkeys, `${seed} ${KEY}\n`.repeat(8000));
  // [100 KB: over 20 s; quadratic fix text]
  validateRow(
    '25,000 permissions before `restrict` [100 KB: >20 s]',
    authkeys,
    `${'pty,'.repeat(25000)}restrict ${KEY}\n`,
  );

  // [stack overflow; 10,000 `[`: V8 abort on hover]
  for (const [name, yaml] of [
    ['`defaults:` and 3,000 nested `- `', `defaults:\n${'- '.repeat(3000)}x\n`],
    ['10,000 `[`', `defaults: ${'['.repeat(10000)}`],
    ['512 KiB of `"` (the slowest YAML under the cap)', '"'.repeat(512 * 1024 - 1)],
  ] as const) {
    const t = ms(() => inventory.validate(yaml, {})).ms + ms(() => inventory.hover!(yaml, 2, {})).ms;
    row(`inventory: ${name}`, `validate + hover ${t.toFixed(0)} ms`);
  }
}

/** Big and odd inputs for every language: the slowest of validate, hover, complete and symbols. */
function sweep(): void {
  console.log('\nSweep: every language, the slowest feature per shape (validate / hover / complete / symbols)');
  const rep = (s: string, bytes: number) => s.repeat(Math.ceil(bytes / s.length));
  const lines = (f: (i: number) => string, n: number) => Array.from({ length: n }, (_, i) => f(i)).join('\n');
  const generic: [string, string][] = [
    ['10 MB single line of letters', rep('a', 10 * MB)],
    ['10 MB single line of words', rep('ab ', 10 * MB)],
    ['10 MB single line of quotes', rep('"', 10 * MB)],
    ['10 MB single line of `a,`', rep('a,', 10 * MB)],
    ['10 MB single line of `a=`', rep('a=', 10 * MB)],
    ['10 MB of backslashes', rep('\\', 10 * MB)],
    ['100,000 lines of `x`', lines(() => 'x', 100_000)],
    ['100,000 lines of `[`', lines(() => '[', 100_000)],
    ['100,000 lines of `- `', lines(() => '- ', 100_000)],
  ];
  const specific: Record<string, [string, string][]> = {
    'rsyncd-conf': [
      [
        '10,000 modules',
        lines(
          (i) => `[m${i}]\npath = /srv/${i}\nread only = no\nauth users = u${i}\nsecrets file = /etc/s${i}`,
          10_000,
        ),
      ],
      ['hosts allow of 1 MB', `[m]\npath = /x\nhosts allow = ${rep('192.0.2.1/33 ', MB)}`],
      ['100,000 `&include` of missing files', lines((i) => `&include /nonexistent/${i}`, 100_000)],
    ],
    'rsyncd-secrets': [['100,000 users', lines((i) => `u${i}:pw${i}`, 100_000)]],
    'ssh-authorized-keys': [
      ['100,000 copies of one key', lines(() => KEY, 100_000)],
      ['1 MB of options', `${rep('no-pty,', MB)} ${KEY}`],
      ['1 MB from= list', `from="${rep('192.0.2.1/24,!*.x,', MB)}" ${KEY}`],
    ],
    'runmirrors-mirror': [
      ['100,000 mirrors', lines((i) => `all m${i} host${i}.example.org user -o Port=22 -i /x`, 100_000)],
      ['1 MB of ssh options', `all m h u ${rep('-o Foo=bar ', MB)}`],
    ],
    'pushmirror-inventory': [
      [
        '10,000 downstreams',
        `version: 1\ndownstreams:\n${lines((i) => `  m${i}:\n    host: h${i}.example.org\n    bogus: x`, 10_000)}`,
      ],
    ],
  };
  for (const svc of SERVICES) {
    for (const [name, text] of [...generic, ...(specific[svc.id] ?? [])]) {
      const ctx: CheckContext = { path: path.join(dir, 'x'), host: new CachedHost(), workspace: [], now: 0 };
      const at = text.length >> 1;
      const times = [
        ms(() => svc.validate(text, ctx)).ms,
        ms(() => svc.hover?.(text, at, ctx)).ms,
        ms(() => svc.complete?.(text, at, ctx)).ms,
        ms(() => svc.symbols?.(text, ctx)).ms,
      ];
      row(`${svc.id}: ${name}`, times.map((t) => `${t.toFixed(0)}`).join(' / ') + ' ms');
    }
  }
}

async function overLsp(): Promise<void> {
  console.log('\nOver LSP (dist/server.js, stdio)');
  const lsp = new LspProcess();
  await lsp.initialize(dir);
  const open = async (name: string, languageId: string, text: string) => {
    const uri = pathToFileURL(path.join(dir, name)).href;
    const t0 = performance.now();
    await lsp.open(uri, languageId, text);
    const diagnostics = await lsp.waitForDiagnostics(uri, () => true, 120_000);
    return { uri, diagnostics, ms: performance.now() - t0 };
  };

  const seed = 'from="192.0.2.1",no-port-forwarding,no-X11-forwarding,no-agent-forwarding,no-pty,command="~/websync &"';
  const keys = await open('authorized_keys', 'ssh-authorized-keys', `${seed} ${KEY}\n`.repeat(8000));
  row(
    '8,000 trigger lines: didOpen -> diagnostics [46 s, 190 MB]',
    `${keys.ms.toFixed(0)} ms, ${kib(JSON.stringify(keys.diagnostics).length)}`,
  );

  const conf = await open('rsyncd.conf', 'rsyncd-conf', '[m]\n    path = /tmp\n    reed only = yes\n');
  const [real] = conf.diagnostics;
  const forged = {
    ...real,
    data: {
      fixes: Array.from({ length: 600 }, (_, i) => ({
        title: `f${i}`,
        edits: [{ start: 0, end: 0, newText: 'x'.repeat(40) }],
      })),
    },
  };
  const request = { textDocument: { uri: conf.uri }, range: real.range, context: { diagnostics: [forged] } };
  const t0 = performance.now();
  const answer = await lsp.request('textDocument/codeAction', request);
  row(
    'code action with 58 KB of forged data.fixes [58 MB out]',
    `${kib(JSON.stringify(request).length)} in, ${JSON.stringify(answer).length} bytes out, ${(performance.now() - t0).toFixed(0)} ms`,
  );

  const fifo = path.join(dir, 'fifo', 'rsyncd.conf');
  fs.mkdirSync(path.dirname(fifo));
  execFileSync('mkfifo', [fifo]);
  const onFifo = await open('fifo/rsyncd.conf', 'rsyncd-conf', '[m]\n    path = /tmp\n');
  row('a document whose path is a FIFO [never]', `${onFifo.ms.toFixed(0)} ms to diagnostics`);

  const block = '[m]\n    path = /srv\n    reed only = no\n';
  const huge = await open('huge/rsyncd.conf', 'rsyncd-conf', block.repeat(Math.ceil((200 * MB) / block.length)));
  row(
    'a 200 MB document [V8 abort after minutes]',
    `${huge.ms.toFixed(0)} ms (mostly the transfer), ${huge.diagnostics.length} diagnostic`,
  );
  await lsp.stop();
}

async function main(): Promise<void> {
  shapes();
  sweep();
  await overLsp();
}

void main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => fs.rmSync(dir, { recursive: true, force: true }));
