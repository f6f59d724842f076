// Each inetd.conf rule on the lines that trigger it and on the lines that must not. What inetd and
// rsync do with each of these lines is observed in test/integration/inetd/differential.test.ts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyFix, covered, debianHost, EXECUTABLE, problems } from './helpers';

const SEED = 'rsync\tstream\ttcp\tnowait\troot\t/usr/bin/rsync\trsyncd --daemon\n';
const fs = { host: debianHost() };

test("the seed's line, and Debian's usual variants, have no problems on a Debian host", () => {
  const good = [
    SEED,
    'rsync stream tcp nowait root /usr/sbin/tcpd /usr/bin/rsync --daemon\n',
    '192.0.2.10:rsync stream tcp4 nowait.400 root:root /usr/bin/rsync rsyncd --daemon --config=/etc/rsyncd.conf\n',
    '873 stream tcp6 nowait root /usr/bin/rsync rsyncd --daemon --config /etc/rsyncd.conf --log-file=/var/log/rsyncd.log\n',
    '#<off># rsync stream tcp nowait root /usr/bin/rsync rsyncd --daemon\n# comment\n\n',
    // Continuation lines of a tcp4/tcp6 entry are read once: fine.
    'rsync stream tcp4 nowait root /usr/bin/rsync\n\trsyncd --daemon\n',
  ];
  for (const text of good) assert.deepEqual(problems(text, fs), [], text);
});

test('inetd/missing-field: the line ends before the server program', () => {
  const text = 'rsync stream tcp nowait root\n';
  const [p] = problems(text, fs, 'inetd/missing-field');
  assert.equal(text.slice(p.start, p.end), 'rsync stream tcp nowait root');
  assert.match(p.message, /before the server program field/);
  assert.match(problems('x stream\n', {}, 'inetd/missing-field')[0].message, /before the protocol field/);
});

test('inetd/unknown-socket-type: only stream and dgram, with a fix for the near miss', () => {
  const text = 'rsync streem tcp nowait root /usr/bin/rsync rsyncd --daemon\n';
  const [p] = problems(text, {}, 'inetd/unknown-socket-type');
  assert.equal(text.slice(p.start, p.end), 'streem');
  assert.equal(applyFix(text, p), SEED.replace(/\t/g, ' '));
  assert.deepEqual(covered('x raw tcp nowait root /bin/x x\n', {}, 'inetd/unknown-socket-type'), ['raw']);
});

test('inetd/bad-wait: anything but `wait` is nowait; a bad .max is 256', () => {
  assert.deepEqual(covered('rsync stream tcp nowiat root /usr/bin/rsync rsyncd --daemon\n', {}, 'inetd/bad-wait'), [
    'nowiat',
  ]);
  assert.deepEqual(covered('rsync stream tcp nowait.x root /usr/bin/rsync rsyncd --daemon\n', {}, 'inetd/bad-wait'), [
    '.x',
  ]);
  assert.deepEqual(covered('rsync stream tcp nowait.0 root /usr/bin/rsync rsyncd --daemon\n', {}, 'inetd/bad-wait'), [
    '.0',
  ]);
  assert.deepEqual(
    problems('rsync stream tcp nowait.400 root /usr/bin/rsync rsyncd --daemon\n', {}, 'inetd/bad-wait'),
    [],
  );
});

test('inetd/unknown-service: looked up in /etc/services for the protocol; numbers are ports', () => {
  const text = 'rsyncd stream tcp nowait root /usr/bin/rsync rsyncd --daemon\n';
  const [p] = problems(text, fs, 'inetd/unknown-service');
  assert.equal(text.slice(p.start, p.end), 'rsyncd');
  assert.match(p.message, /"rsyncd\/tcp: unknown service".*called `rsync`/);
  assert.equal(applyFix(text, p), text.replace('rsyncd stream', 'rsync stream'));
  // rsync is listed for tcp only.
  assert.match(
    problems('rsync dgram udp wait root /usr/bin/rsync rsyncd --daemon\n', fs, 'inetd/unknown-service')[0].message,
    /for tcp only/,
  );
  assert.deepEqual(
    problems('873 stream tcp nowait root /usr/bin/rsync rsyncd --daemon\n', fs, 'inetd/unknown-service'),
    [],
  );
  assert.deepEqual(
    problems('rsync stream tcp6 nowait root /usr/bin/rsync rsyncd --daemon\n', fs, 'inetd/unknown-service'),
    [],
  );
  // Without /etc/services (or file-system checks off) nothing is claimed.
  assert.deepEqual(problems(text, {}, 'inetd/unknown-service'), []);
  assert.ok(
    problems(
      'rsync stream tcp nowait root /usr/bin/rsync rsyncd --daemon\n',
      { host: debianHost({ '/etc/services': 'ssh 22/tcp\n' }) },
      'inetd/unknown-service',
    ).length,
  );
});

test('inetd/unknown-user: user and group from /etc/passwd and /etc/group', () => {
  assert.deepEqual(
    covered('rsync stream tcp nowait rsyncd /usr/bin/rsync rsyncd --daemon\n', fs, 'inetd/unknown-user'),
    ['rsyncd'],
  );
  assert.deepEqual(
    covered('rsync stream tcp nowait nobody.nobody /usr/bin/rsync rsyncd --daemon\n', fs, 'inetd/unknown-user'),
    ['nobody'],
  );
  assert.deepEqual(
    problems('rsync stream tcp nowait nobody:nogroup /usr/bin/rsync rsyncd --daemon\n', fs, 'inetd/unknown-user'),
    [],
  );
});

test('inetd/relative-server: execv searches no PATH; the fix writes the path found here', () => {
  const text = 'rsync stream tcp nowait root rsync rsyncd --daemon\n';
  const [p] = problems(text, fs, 'inetd/relative-server');
  assert.equal(text.slice(p.start, p.end), 'rsync');
  assert.equal(p.start, text.indexOf('rsync rsyncd'));
  assert.equal(applyFix(text, p), SEED.replace(/\t/g, ' '));
  assert.deepEqual(problems('daytime stream tcp nowait root internal\n', {}, 'inetd/relative-server'), []);
});

test('inetd/server-not-found: the program, and the program behind tcpd, must exist here', () => {
  assert.deepEqual(
    covered('rsync stream tcp nowait root /usr/local/bin/rsync rsyncd --daemon\n', fs, 'inetd/server-not-found'),
    ['/usr/local/bin/rsync'],
  );
  assert.deepEqual(
    covered('rsync stream tcp nowait root /usr/sbin/tcpd /opt/rsync --daemon\n', fs, 'inetd/server-not-found'),
    ['/opt/rsync'],
  );
  const notExecutable = { host: debianHost({ '/usr/bin/rsync': { exists: true, isDirectory: false, mode: 0o644 } }) };
  assert.match(problems(SEED, notExecutable, 'inetd/server-not-found')[0].message, /not an executable file/);
  assert.deepEqual(
    problems(SEED, { host: debianHost({ '/usr/bin/rsync': EXECUTABLE }) }, 'inetd/server-not-found'),
    [],
  );
});

test('inetd/missing-argv0: an option in argv[0] is lost; the fix inserts the name', () => {
  const text = 'rsync stream tcp nowait root /usr/bin/rsync --daemon\n';
  const [p, ...rest] = problems(text, fs);
  assert.equal(rest.length, 0, 'rsync-without-daemon leaves this case to missing-argv0');
  assert.equal(p.code, 'inetd/missing-argv0');
  assert.equal(text.slice(p.start, p.end), '--daemon');
  assert.equal(applyFix(text, p), 'rsync stream tcp nowait root /usr/bin/rsync rsync --daemon\n');
  // Under tcpd argv[0] is the program path.
  assert.deepEqual(problems('rsync stream tcp nowait root /usr/sbin/tcpd /usr/bin/rsync --daemon\n', fs), []);
});

test('inetd/duplicate-service: the later line replaces the earlier one', () => {
  const text = `${SEED}rsync stream tcp nowait root /usr/bin/rsync rsyncd --daemon --config=/etc/rsyncd.conf\n127.0.0.1:rsync stream tcp nowait root /usr/bin/rsync rsyncd --daemon\n`;
  const found = problems(text, fs, 'inetd/duplicate-service');
  assert.equal(found.length, 1);
  assert.equal(found[0].start, 0);
  assert.match(found[0].message, /line 2 is the same service/);
  assert.ok(found[0].unnecessary);
});

test('inetd/rsync-without-daemon: rsync without --daemon serves no client', () => {
  const text = 'rsync stream tcp nowait root /usr/bin/rsync rsyncd --config=/etc/rsyncd.conf\n';
  const [p] = problems(text, fs, 'inetd/rsync-without-daemon');
  assert.equal(text.slice(p.start, p.end), 'rsyncd');
  assert.equal(applyFix(text, p), text.replace('rsyncd --config', 'rsyncd --daemon --config'));
  const bare = 'rsync stream tcp nowait root /usr/bin/rsync\n';
  const [q] = problems(bare, fs, 'inetd/rsync-without-daemon');
  assert.equal(applyFix(bare, q), SEED.replace(/\t/g, ' ').replace('rsyncd', 'rsync'));
});

test('inetd/rsync-socket: stream and nowait', () => {
  const waiting = 'rsync stream tcp wait root /usr/bin/rsync rsyncd --daemon\n';
  const [p] = problems(waiting, fs, 'inetd/rsync-socket');
  assert.equal(waiting.slice(p.start, p.end), 'wait');
  assert.equal(applyFix(waiting, p), SEED.replace(/\t/g, ' '));
  assert.deepEqual(
    covered('rsync stream tcp wait.10 root /usr/bin/rsync rsyncd --daemon\n', fs, 'inetd/rsync-socket'),
    ['wait'],
  );
  assert.deepEqual(covered('873 dgram udp wait root /usr/bin/rsync rsyncd --daemon\n', fs, 'inetd/rsync-socket'), [
    'dgram',
  ]);
});

test('inetd/rsync-ignored-option: --port, --address, --no-detach', () => {
  const text =
    'rsync stream tcp nowait root /usr/bin/rsync rsyncd --daemon --port 8873 --address=192.0.2.1 --no-detach\n';
  assert.deepEqual(covered(text, fs, 'inetd/rsync-ignored-option'), [
    '--port 8873',
    '--address=192.0.2.1',
    '--no-detach',
  ]);
});

test('inetd/rsync-config-not-found: --config or /etc/rsyncd.conf, relative from /', () => {
  const noConf = { host: debianHost({ '/etc/rsyncd.conf': { exists: false, isDirectory: false } }) };
  const [p] = problems(SEED, noConf, 'inetd/rsync-config-not-found');
  assert.equal(SEED.slice(p.start, p.end), '--daemon');
  assert.match(p.message, /reads `\/etc\/rsyncd.conf`, which does not exist/);
  const relative = 'rsync stream tcp nowait root /usr/bin/rsync rsyncd --daemon --config=rsyncd.conf\n';
  const [q] = problems(relative, fs, 'inetd/rsync-config-not-found');
  assert.equal(relative.slice(q.start, q.end), 'rsyncd.conf');
  assert.match(q.message, /`\/rsyncd.conf` \(relative paths are read from `\/`\)/);
  assert.deepEqual(
    problems(relative.replace('=rsyncd.conf', '=etc/rsyncd.conf'), fs, 'inetd/rsync-config-not-found'),
    [],
  );
  assert.deepEqual(problems(SEED, {}, 'inetd/rsync-config-not-found'), [], 'no file-system checks: nothing claimed');
});

test('inetd/crlf: the CR stays on the last word', () => {
  const text = SEED.replace('\n', '\r\n');
  const [p, ...rest] = problems(text, fs);
  assert.equal(rest.length, 0);
  assert.equal(p.code, 'inetd/crlf');
  assert.match(p.message, /`--daemon\\r`/);
  assert.equal(applyFix(text, p), SEED);
});

test('inetd/continuation-line: Debian reads the indented lines for IPv4 only', () => {
  const text = 'rsync stream tcp nowait root /usr/bin/rsync\n\trsyncd --daemon\n';
  const [p, ...rest] = problems(text, fs);
  assert.equal(rest.length, 0);
  assert.equal(p.code, 'inetd/continuation-line');
  assert.equal(text.slice(p.start, p.end), '\trsyncd --daemon');
  assert.match(p.message, /over IPv6 the program runs as `rsync`/);
  assert.equal(applyFix(text, p), 'rsync stream tcp nowait root /usr/bin/rsync rsyncd --daemon\n');
  // An IPv4 address has no IPv6 listener; an indented `#` line is inetd/indented-comment's alone.
  assert.deepEqual(problems(`127.0.0.1:${text}`, fs), []);
  assert.deepEqual(
    problems(`${SEED}  # --config=/etc/rsyncd.conf\n`, fs).map((p) => p.code),
    ['inetd/indented-comment'],
  );
  const serverBelow = 'rsync stream tcp nowait root\n  /usr/bin/rsync rsyncd --daemon\n';
  assert.match(problems(serverBelow, fs)[0].message, /syntax error, so nothing listens on IPv6/);
});

test('inetd/endless-loop: the first line ends before the protocol, or is empty', () => {
  const blank = `${SEED}\n  daytime stream tcp nowait root internal\n`;
  const [p] = problems(blank, fs, 'inetd/endless-loop');
  assert.equal(blank.slice(p.start, p.end), '\n  daytime stream tcp nowait root internal');
  assert.match(p.message, /empty line followed by an indented line/);
  const short = 'rsync stream\n\ttcp nowait root /usr/bin/rsync rsyncd --daemon\n';
  assert.deepEqual(covered(short, fs, 'inetd/endless-loop'), ['rsync stream']);
  assert.deepEqual(problems(short, fs, 'inetd/continuation-line'), [], 'the worse effect only');
  // tcp6 is read once: no loop.
  assert.deepEqual(problems('\n  rsync stream tcp6 nowait root /usr/bin/rsync rsyncd --daemon\n', fs), []);
});

test('inetd/indented-comment: a # after blanks continues the line above or starts a service', () => {
  const text = `${SEED}  # --config=/srv/test.conf\n`;
  const [p] = problems(text, fs, 'inetd/indented-comment');
  assert.equal(text.slice(p.start, p.end), '  # --config=/srv/test.conf');
  assert.match(p.message, /passes these words to the program of line 1/);
  assert.equal(applyFix(text, p), `${SEED}# --config=/srv/test.conf\n`);
  const alone = `# a\n  # b\n`;
  assert.match(problems(alone, fs, 'inetd/indented-comment')[0].message, /service named `#`/);
});
