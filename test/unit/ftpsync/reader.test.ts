import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readScript } from '../../../server/src/core/ftpsync/bash/reader';
import { ftpsyncSetting, initialVariables } from '../../../server/src/core/ftpsync/environment';
import { effective, ftpsyncDoc } from '../../../server/src/core/ftpsync/model';
import { ftpsyncService } from '../../../server/src/core/ftpsync/service';
import { knownLanguageForPath, languageForPath } from '../../../server/src/core/languages';

// The bash reader on its own: values as bash gives them (test/integration/ftpsync/bash-differential
// compares the same against the real bash), what runs, where bash stops, and ftpsync's defaults.

const PACKAGE = '/home/mirror/.config/ftpsync/ftpsync.conf';
const vars = (text: string, path = PACKAGE) => readScript(text, initialVariables(ftpsyncSetting(path))).vars;
const value = (text: string, name: string, path = PACKAGE) => {
  const v = vars(text, path).get(name);
  return v?.state === 'set' ? v.value : v ? '(unknown)' : '(unset)';
};

describe('the bash reader', () => {
  it('quoting, escapes, continuation and comments', () => {
    assert.equal(value('A="a b"  # c', 'A'), 'a b');
    assert.equal(value("A='$HOME'", 'A'), '$HOME');
    assert.equal(value('A=a\\ b', 'A'), 'a b');
    assert.equal(value('A="x\\\ny"', 'A'), 'xy');
    assert.equal(value("A=$'t\\tx\\x41'", 'A'), 't\txA');
    assert.equal(value('A=a#b', 'A'), 'a#b');
    assert.equal(value('A=1\r\n', 'A'), '1\r');
  });

  it('expansions with ftpsync’s own variables and defaults', () => {
    assert.equal(value('A=$NAME', 'A'), 'ftpsync');
    assert.equal(value('A=$NAME', 'A', '/etc/ftpsync/ftpsync-security.conf'), 'ftpsync-security');
    assert.equal(value('A="$LOGDIR/x"', 'A'), '/home/mirror/.local/log/ftpsync/x');
    assert.equal(value('A=$LOGDIR', 'A', '/srv/arch/etc/ftpsync.conf'), '/srv/arch/log');
    assert.equal(value('A=~/m', 'A'), '/home/mirror/m');
    assert.equal(value('A="~/m"', 'A'), '~/m');
    assert.equal(value('A=${MIRRORNAME:-x}', 'A'), 'x');
    assert.equal(value('B=2\nA=${B:+set}${#B}', 'A'), 'set1');
    assert.equal(value('B=/a/b/c\nA=${B##*/}:${B%/*}', 'A'), 'c:/a/b');
    assert.equal(value('A=$(hostname -f)', 'A'), '(unknown)');
    assert.equal(value('A=$BASEDIR', 'A', '/srv/x/ftpsync.conf'), '(unknown)');
  });

  it('what bash keeps: temporary, local, conditional, unset, arrays', () => {
    assert.equal(value('A=1 true', 'A'), '(unset)');
    assert.equal(value('declare A=1', 'A'), '(unset)');
    assert.equal(value('declare -g A=1', 'A'), '1');
    assert.equal(value('export A=1', 'A'), '1');
    assert.equal(value('[ -f /x ] && A=1', 'A'), '(unknown)');
    assert.equal(value('if true; then A=1; fi', 'A'), '(unknown)');
    assert.equal(value('A=1\nunset A', 'A'), '(unset)');
    assert.equal(value('A=(x y)', 'A'), 'x');
    assert.equal(value('. /etc/other.conf\nB=$UNKNOWN', 'B'), '(unknown)');
  });

  it('where bash stops', () => {
    const stops = (text: string) =>
      readScript(text, initialVariables(ftpsyncSetting(PACKAGE))).stops.map((s) => s.message);
    assert.deepEqual(stops('A=$NOPE'), ['NOPE: unbound variable']);
    assert.deepEqual(stops('A=${NOPE:-ok}'), []);
    assert.deepEqual(stops('A="open'), ['unexpected EOF while looking for matching `"\'']);
    assert.deepEqual(stops('A=${X Y}'), ['${X…}: bad substitution']);
    assert.deepEqual(stops('exit 3'), ['`exit 3` ends ftpsync before it syncs']);
    assert.deepEqual(stops('done'), ["syntax error near unexpected token `done'"]);
    assert.deepEqual(stops('A=${NOPE?}'), ['NOPE: parameter null or not set']);
  });

  it('records what runs', () => {
    const s = readScript(
      'A=`hostname -f`\necho $A\nfor x in a; do :; done\n',
      initialVariables(ftpsyncSetting(PACKAGE)),
    );
    assert.deepEqual(
      s.runs.map((r) => r.kind),
      ['substitution', 'command', 'compound'],
    );
  });

  it("applies ftpsync's defaults after reading", () => {
    const doc = ftpsyncDoc('TO=\nLOGDIR=/var/log/m\n', { path: PACKAGE });
    assert.deepEqual(effective(doc, 'TO'), {
      value: '/srv/mirrors/debian/',
      fromDefault: true,
      assignment: doc.byName.get('TO')![0],
    });
    assert.equal(effective(doc, 'LOG').value, '/var/log/m/ftpsync.log');
    assert.equal(effective(doc, 'HUB').value, 'false');
    assert.equal(effective(doc, 'RSYNC_TRANSPORT').value, 'undefined');
    assert.equal(effective(ftpsyncDoc('RSYNC_SSL=true\n'), 'RSYNC_TRANSPORT').value, 'ssl');
    assert.equal(effective(doc, 'MIRRORNAME').value, undefined);
  });

  it('files ftpsync reads are the ftpsync-conf language', () => {
    for (const path of [
      '/home/m/.config/ftpsync/ftpsync.conf',
      '/etc/ftpsync/ftpsync-security.conf',
      '/home/archvsync/etc/ftpsync.conf',
      '/usr/share/doc/ftpsync/examples/ftpsync.conf.sample',
      '/srv/cfg/ftpsync-debian.conf.sample',
    ])
      assert.equal(languageForPath(path), 'ftpsync-conf', path);
    assert.equal(knownLanguageForPath('/home/m/log/ftpsync.log'), 'ftpsync-log');
    assert.equal(languageForPath('/home/m/etc/runmirrors.conf'), undefined);
  });
});

describe('bad input never throws', () => {
  it('binary, unterminated constructs, deep nesting and a 10 MB line', () => {
    const inputs = [
      '\0\x01\x02\xff\ufffd'.repeat(1000),
      'A="'.repeat(500),
      '$('.repeat(10000),
      '${'.repeat(10000),
      '`'.repeat(9999),
      "A=$'".repeat(300),
      'if '.repeat(5000),
      `A="${'x'.repeat(10_000_000)}`,
      `EXCLUDE="${'--exclude=a '.repeat(100_000)}"`,
      'cat <<EOF\nA=1\n',
    ];
    for (const text of inputs) {
      const t0 = Date.now();
      const problems = ftpsyncService.validate(text, { path: PACKAGE });
      // A clear error for each, except the long but valid EXCLUDE.
      assert.ok(text.startsWith('EXCLUDE') || problems.some((p) => p.severity === 'error'), text.slice(0, 20));
      assert.ok(Date.now() - t0 < 10_000, `slow on ${text.slice(0, 20)}`);
    }
  });

  it('10,000 random files: no throw, spans inside the text', () => {
    const alphabet = [
      'A',
      '=',
      '"',
      "'",
      '$',
      '{',
      '}',
      '(',
      ')',
      '`',
      '\\',
      '\n',
      ' ',
      '#',
      ';',
      '&',
      '|',
      'x',
      ':',
      '-',
      '~',
      'if',
      'fi',
      'export ',
      '[',
      ']',
      '\r',
      '\0',
    ];
    let seed = 42;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return (seed >>> 12) % n;
    };
    for (let i = 0; i < 10000; i++) {
      let text = '';
      const n = rand(40);
      for (let k = 0; k < n; k++) text += alphabet[rand(alphabet.length)];
      const s = readScript(text, initialVariables(ftpsyncSetting(PACKAGE)));
      for (const a of s.assignments)
        assert.ok(a.start >= 0 && a.end <= text.length && a.nameEnd <= a.end, JSON.stringify(text));
      for (const r of s.runs) assert.ok(r.start >= 0 && r.end <= text.length, JSON.stringify(text));
      for (const st of s.stops) assert.ok(st.start >= 0 && st.start <= text.length, JSON.stringify(text));
    }
  });
});
