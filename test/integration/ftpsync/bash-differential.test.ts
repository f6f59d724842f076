import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ftpsyncDoc } from '../../../server/src/core/ftpsync/model';
import { sourceLikeFtpsync } from '../../support/ftpsync';
import { INSTALLED_AT } from '../../unit/ftpsync/real-world.test';

// The values Push Mirror's bash reader computes against the values the real bash 5.2 gives when it
// sources the same file the way ftpsync does (inside read_config, under `set -u`, in a clean
// environment where no program can run): for every real-world fixture, and for 400 generated files
// mixing every quoting and expansion form. A value the reader does not know is not compared; a value
// it does know must be bash's, and it must predict exactly when bash stops reading.

const FIXTURES = path.resolve(__dirname, '../../fixtures/ftpsync/real-world');
/** Values for what the reader leaves unknown (the run's environment, the push's SYNC* flags). */
const FILLERS: Record<string, string> = {
  HOME: '/home/mirror',
  LOGNAME: 'archvsync',
  SHELL: '/bin/bash',
  USER: 'archvsync',
  BASEDIR: '/home/mirror',
  BINDIR: '/home/mirror/bin',
  LOCKDIR: '/home/mirror/locks',
  LOGDIR: '/home/mirror/log',
  CONFDIRS: '/home/mirror/etc',
  SYNCSTAGE1: 'false',
  SYNCSTAGE2: 'false',
  SYNCALL: 'true',
  SYNCMHOP: 'false',
  SYNCCALLBACK: 'false',
  OPTIND: '1',
  option: '?',
};
const BASH_OWN =
  /^(BASH.*|DIRSTACK|EPOCH.*|EUID|FUNCNAME|GROUPS|HOSTNAME|HOSTTYPE|IFS|LINENO|MACHTYPE|OPTERR|OSTYPE|PIPESTATUS|PPID|PS4|PWD|RANDOM|SECONDS|SHELLOPTS|SHLVL|SRANDOM|UID|_|name|config|COMP_WORDBREAKS|PATH)$/;

let work: string;
before(() => (work = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-bashdiff-'))));
after(() => fs.rmSync(work, { recursive: true, force: true }));

/** Sources `text` with bash and with the reader, and compares them. */
async function compare(text: string, installedAt: string, label: string): Promise<number> {
  const doc = ftpsyncDoc(text, { path: installedAt });
  const file = path.join(work, 'ftpsync.conf');
  fs.writeFileSync(file, text);
  const preset = new Map<string, string>();
  const initial = ftpsyncDoc('', { path: installedAt }).script.vars;
  for (const [name, v] of initial) {
    if (BASH_OWN.test(name)) continue;
    if (v.state === 'set') preset.set(name, v.value);
    else if (FILLERS[name] !== undefined && !v.maybeUnset) preset.set(name, FILLERS[name]);
  }
  preset.set('USER', FILLERS.USER);
  const bash = await sourceLikeFtpsync(file, preset);
  const stops = doc.script.stops.length > 0;
  assert.equal(
    !bash.completed,
    stops,
    `${label}: bash ${bash.completed ? 'read the file' : `stopped (${bash.stderr.trim()})`}, the reader ${stops ? `predicts a stop: ${doc.script.stops[0].message}` : 'does not'}`,
  );
  if (!bash.completed) return 0;
  let compared = 0;
  for (const [name, v] of doc.script.vars) {
    if (BASH_OWN.test(name) || !doc.byName.has(name)) continue;
    if (v.state === 'set') {
      assert.equal(bash.vars.get(name), v.value, `${label}: ${name}`);
      compared++;
    }
  }
  for (const name of doc.byName.keys()) {
    if (!doc.script.vars.has(name) && !doc.script.open)
      assert.ok(!bash.vars.has(name), `${label}: bash has ${name}=${bash.vars.get(name)}`);
  }
  return compared;
}

describe('bash agrees with the reader on every real-world fixture', () => {
  for (const [file, installedAt] of Object.entries(INSTALLED_AT)) {
    it(file, async () => {
      await compare(fs.readFileSync(path.join(FIXTURES, file), 'utf8'), installedAt, file);
    });
  }
});

describe('bash agrees with the reader on generated files', () => {
  let seed = 20180513;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    // The high bits: the low bits of this generator repeat with a short period.
    return (seed >>> 12) % n;
  };
  const pick = <T>(xs: readonly T[]): T => xs[rand(xs.length)]!;
  const NAMES = ['TO', 'MIRRORNAME', 'HUB', 'ARCH_INCLUDE', 'RSYNC_HOST', 'LOGDIR', 'X', 'Y'];
  const WORDS = ['a', 'b c', '', '~', '~/x', 'a:~/b', '$', '#', '\\x', 'q"r', "s'", '*', '{x}', '-', '=', '\t', ';'];
  const value = (): string => {
    const w = pick(WORDS);
    // Mostly names that are set (a plain reference to an unset one stops bash under `set -u`).
    const name = rand(10) ? pick(['NAME', 'HOME', 'VERSION', 'ARCHIVE', 'X']) : pick([...NAMES, 'UNSET1']);
    return pick([
      () => `"${w.replace(/["\\$`]/g, '\\$&')}"`,
      () => `'${w.replace(/'/g, '')}'`,
      () => w.replace(/[\s;'"\\$`#*{}=|&()<>]/g, '') || 'z',
      () => `$${name}`,
      () => `"\${${name}}/${w.replace(/["\\$`]/g, '')}"`,
      () => `\${${name}:-${pick(['d', '"e f"', "'g'", '~/h', '$HOME'])}}`,
      () => `\${${name}-x}`,
      () => `\${${name}:+set}`,
      () => `"\${${name}:=${pick(['v', 'w x'])}}"`,
      () => `\${${name}#*/}`,
      () => `\${${name}%%/*}`,
      () => `\${#${name}}`,
      () => `$'${pick(['a\\tb', 'c\\x41', "d\\'e", '\\101'])}'`,
      () => `$((${rand(9)} + ${rand(9)} * 2))`,
      () => `a"b"'c'$'d'`,
      () => `"x\\\ny"`,
      () => `(${pick(['a b', 'c', '"d e" f'])})`,
    ])();
  };
  const line = (): string =>
    pick([
      () => `X=${value()}`,
      () => `${pick(NAMES)}=${value()}`,
      () => `${pick(NAMES)}+=${value()}`,
      () => `export ${pick(NAMES)}=${value()}`,
      () => `${pick(NAMES)}=${value()} ${pick(NAMES)}=${value()}`,
      () => `declare ${pick(NAMES)}=${value()}`,
      () => `readonly ${pick(['R1', 'R2'])}=${value()}`,
      () => `# ${value()}`,
      () => `${pick(NAMES)}=${value()} # trailing`,
      () => `${pick(NAMES)}=${value()}; ${pick(NAMES)}=${value()}`,
      () => `unset ${pick(NAMES)}`,
      () => `: "\${${pick(NAMES)}:=${pick(['p', 'q r'])}}"`,
      () => '',
    ])();

  it('400 files of every assignment form', async () => {
    let compared = 0;
    let stopped = 0;
    for (let i = 0; i < 400; i++) {
      const lines = Array.from({ length: 1 + rand(8) }, line);
      const text = `${lines.join('\n')}\n`;
      const n = await compare(
        text,
        pick(['/home/mirror/.config/ftpsync/ftpsync.conf', '/home/mirror/etc/ftpsync.conf', '/srv/c/ftpsync.conf']),
        JSON.stringify(text),
      );
      compared += n;
      if (n === 0) stopped++;
    }
    // The comparison has teeth: most values are known and compared, and some files stop bash.
    assert.ok(compared > 600, `only ${compared} values compared`);
    assert.ok(stopped > 10 && stopped < 300, `${stopped} files compared nothing`);
  });
});
