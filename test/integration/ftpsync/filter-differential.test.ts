import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  DAEMON_FILTER_CONTEXT,
  OPTION_FILTER_CONTEXT,
  parseFilterFile,
  parseFilterString,
} from '../../../server/src/core/rsync-filter/parse';
import { run } from '../../support/process';
import { rsyncdService } from '../../../server/src/core/rsyncd/service';
import { CachedHost } from '../../../server/src/node/host';
import { Rsyncd } from '../../support/rsyncd';
import { DAEMON_CASES, FILE_CASES, OPTION_CASES } from '../../unit/rsync-filter/cases';

// Every filter-rule case of the unit test, replayed against rsync 3.5.0: the option contexts on the
// client's command line (`rsync -n -r --filter=…`), the daemon contexts as module parameters of one
// real daemon (a module whose rules rsync rejects cannot be accessed, and the daemon logs why).
// The reader must agree with rsync on every case: accepted, or rejected with the same message.

let work: string;
before(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-filter-'));
  fs.mkdirSync(path.join(work, 'src'));
  fs.mkdirSync(path.join(work, 'dst'));
  fs.writeFileSync(path.join(work, 'src', 'a.txt'), 'a\n');
});
after(() => fs.rmSync(work, { recursive: true, force: true }));

describe('the client rsync agrees with the reader on option rules', () => {
  for (const [option, cases] of Object.entries(OPTION_CASES)) {
    for (const c of cases) {
      it(`--${option}=${JSON.stringify(c.text)}`, async () => {
        const result = await run('rsync', ['-n', '-r', `--${option}=${c.text}`, 'src/', 'dst/'], {
          cwd: work,
          timeoutMs: 10000,
        });
        const ours = parseFilterString(c.text, OPTION_FILTER_CONTEXT[option as keyof typeof OPTION_CASES]).error;
        if (c.error) {
          assert.notEqual(result.code, 0);
          assert.ok(result.stderr.includes(c.error), `rsync said: ${result.stderr}`);
          assert.equal(ours?.message, c.error);
        } else {
          assert.equal(result.code, 0, result.stderr);
          assert.equal(ours, undefined);
        }
      });
    }
  }
});

describe('the rsync daemon agrees with the reader on rsyncd.conf rules', () => {
  type Module = { name: string; line: string; error?: string; ours?: string };
  const modules: Module[] = [];
  let daemon: Rsyncd;
  let configText = '';

  before(async () => {
    const dir = Rsyncd.makeDir();
    fs.mkdirSync(path.join(dir, 'data'));
    fs.writeFileSync(path.join(dir, 'data', 'a.txt'), 'a\n');
    let n = 0;
    for (const [param, cases] of Object.entries(DAEMON_CASES)) {
      for (const c of cases) {
        const ours = parseFilterString(c.text, DAEMON_FILTER_CONTEXT[param as keyof typeof DAEMON_CASES]).error
          ?.message;
        modules.push({ name: `m${n++}`, line: `${param} = ${c.text}`, error: c.error, ours });
      }
    }
    for (const c of FILE_CASES) {
      const file = path.join(dir, `rules${n}`);
      fs.writeFileSync(file, c.text);
      const ours = parseFilterFile(c.text, DAEMON_FILTER_CONTEXT[c.context]).error?.message;
      const param = c.context === 'includefrom' ? 'include from' : 'exclude from';
      modules.push({ name: `m${n++}`, line: `${param} = ${file}`, error: c.error, ours });
    }
    const config = [
      'use chroot = no',
      ...modules.flatMap((m) => [`[${m.name}]`, '  path = {{DIR}}/data', `  ${m.line}`]),
      '',
    ];
    const started = await Rsyncd.start(config.join('\n'), dir);
    assert.ok(started.daemon, started.startupFailure?.log);
    daemon = started.daemon;
    configText = fs.readFileSync(daemon.configFile, 'utf8');
  });
  after(async () => daemon?.dispose());

  it('each module is reachable exactly when the reader accepts its rules', async () => {
    for (const m of modules) {
      const result = await daemon.access(m.name);
      assert.equal(m.ours, m.error, `${m.line}: reader`);
      if (m.error) {
        assert.notEqual(result.code, 0, `${m.line} was accepted by rsync`);
        assert.ok(daemon.readLog().includes(m.error.split(': ')[0]), `${m.line}: ${daemon.readLog().slice(-500)}`);
      } else {
        assert.equal(result.code, 0, `${m.line}: ${result.stderr}`);
      }
    }
  });

  it('rsyncd/bad-filter-rule marks exactly the modules the daemon cannot serve', () => {
    const problems = rsyncdService.validate(configText, { path: daemon.configFile, host: new CachedHost() });
    const flagged = new Set(
      problems
        .filter((p) => p.code === 'rsyncd/bad-filter-rule')
        .map((p) => configText.slice(0, p.start).split('\n').length),
    );
    const lines = configText.split('\n');
    for (const m of modules) {
      const line = lines.findIndex((l) => l === `  ${m.line.replace('{{DIR}}', daemon.dir)}`) + 1;
      assert.ok(line > 0, m.line);
      assert.equal(flagged.has(line), m.error !== undefined, `${m.line}: ${[...flagged].join(',')}`);
    }
  });
});
