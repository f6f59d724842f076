import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';

// Texts and random edits for the incremental checks (reparse.test.ts, incremental.test.ts): real-world
// configs, the rule cases, generated large files and random pieces, each edited a few times in a row.

const FIXTURES = path.resolve(__dirname, '../../fixtures/rsyncd');
const read = (dir: string) =>
  fs
    .readdirSync(path.join(FIXTURES, dir))
    .filter((f) => f.endsWith('.conf'))
    .map((f) => fs.readFileSync(path.join(FIXTURES, dir, f), 'utf8'));
export const REAL_WORLD = read('real-world');
export const CASES = read('cases');

/** Pieces an edit inserts: what typing in an rsyncd.conf adds, and what trips the reader. */
export const PIECES = [
  '[',
  ']',
  '[m]',
  '[global]',
  '[ dup ]\n',
  '\n[x]\npath = /srv/x\n',
  '=',
  ' = ',
  '\\',
  '\\\n',
  '\n',
  '\r\n',
  '\r',
  ' ',
  '\t',
  '#',
  ';',
  '&',
  '&include /etc/r.d\n',
  '&merge',
  '%',
  '%%',
  '%home%',
  ',',
  ':',
  '"',
  '\0',
  '\uFEFF',
  'é',
  'x',
  'path',
  'path = ',
  'read only',
  'read only = no\n',
  'reed only = no\n',
  'auth users = a, @g:ro\n',
  'secrets file = /etc/rsyncd.secrets\n',
  'strict modes = false\n',
  'max connections = 0\n',
  'max connections = 4\n',
  'lock file = /run/xy/lock\n',
  'daemon chroot = /srv\n',
  'uid = root\n',
  'use chroot = no\n',
  'reverse lookup = no\n',
  'hosts allow = *.example.org 192.0.2.0/33\n',
  'refuse options = a,b\n',
  'log format = %q\n',
  'socket options = SO_KEEPALIVE=1\n',
  'pid file = /run/x/pid\n',
  'port = 874\n',
  'proxy protocol = yes\n',
  'comment = x # y\n',
  'exclude from = /etc/x\n',
  'filter = - a b\n',
  'incoming chmod = Dq\n',
  'auth digest = md4x\n',
  'syslog facility = locl\n',
];

/** A ~`modules`-module config in the shape of the benchmark's, with a few problems of each kind. */
export function generated(modules: number): string {
  const out = ['# generated', 'uid = nobody', 'gid = nogroup', 'lock file = /run/rsyncd.lock', ''];
  for (let i = 0; i < modules; i++) {
    out.push(
      `[mirror-${i % 7 === 6 ? 0 : i}]`,
      `    path = /srv/mirror/archive-${i}`,
      `    comment = Mirror ${i}`,
      i % 3 === 0 ? '    read only = no' : '    read only = yes',
      i % 4 === 0 ? '    auth users = pusher' : '    list = yes',
      `    hosts allow = 192.0.2.${i % 250}/32`,
      i % 5 === 0 ? '    reed only = no' : '    timeout = 600',
      i % 9 === 8 ? '    max connections = 10' : '    port = 873',
      i % 6 === 1 ? '    secrets file = /etc/rsyncd.secrets' : '    # a comment \\',
      i % 8 === 2 ? '    refuse options = \\\n      delete' : '    list = no',
      '',
    );
    if (i % 11 === 10) out.push('[global]', '    auth users = pusher:rw', '');
  }
  return out.join('\n');
}

/** Lines of the pieces above, for configs whose modules interact (inherited globals, duplicates). */
const LINES = [
  ...PIECES.filter((p) => p.endsWith('\n') && !p.startsWith('\n')),
  'path = /srv/p\n',
  '# note\n',
  '# a comment that ends in a backslash \\\n',
  '; note\n',
  'path = /srv/\\\n  cont\n',
  'auth users = \\\n  b, c\n',
  'auth users = a b\n',
  'auth users = @g:deny, a:ro\n',
  'secrets file = s\n',
  'secrets file = /etc/rsyncd.conf\n',
  'max connections = 2\n',
  '&merge /etc/r.d\n',
  '&include x.inc\n',
  '  \n',
];

/** A few modules (some names repeated, a `[global]` among them) of random lines, after a few global lines. */
const structured = fc
  .tuple(
    fc.array(fc.constantFrom(...LINES), { maxLength: 5 }),
    fc.array(
      fc.tuple(
        fc.constantFrom(
          '[a]',
          '[b]',
          '[ A ]',
          '[c]',
          '[global]',
          '[ Global ]',
          '[d/e]',
          '[f',
          '[a] # x',
          '[]',
          '[b]\\',
        ),
        fc.array(fc.constantFrom(...LINES), { maxLength: 6 }),
      ),
      { minLength: 1, maxLength: 7 },
    ),
  )
  .map(([globals, modules]) => globals.join('') + modules.map(([h, lines]) => `${h}\n${lines.join('')}`).join('\n'));

/** `count` distinct unknown names, each two letters from `readonly`, so each gets a suggestion (up to 1,575). */
export function typos(count: number): string[] {
  const letters = 'bcfghjkmpqsvwxz';
  return [...letters]
    .flatMap((a) =>
      [...letters].flatMap((b) => [
        `r${a}adon${b}y`,
        `re${a}do${b}ly`,
        `${a}eadonl${b}`,
        `rea${a}o${b}ly`,
        `${a}eado${b}ly`,
        `r${a}ado${b}ly`,
        `rea${a}on${b}y`,
      ]),
    )
    .slice(0, count);
}

export const baseText = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...REAL_WORLD) },
  { weight: 2, arbitrary: fc.constantFrom(...CASES) },
  { weight: 4, arbitrary: structured },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 40 }).map(generated) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((a) => a.join('')) },
);

/**
 * An edit: at a random place, or near the `nth` (modulo their number) place where `anchor` occurs,
 * `shift` characters on (headers, line ends, `=`, continuations, comments); `section` removes or
 * repeats the whole section a header opens, up to the next header. `at`, `remove` and `nth` are
 * reduced modulo the text's length when applied.
 */
export interface Edit {
  at: number;
  remove: number;
  insert: string;
  anchor?: string;
  shift?: number;
  section?: 'remove' | 'repeat';
}

const ANCHORS = ['\n[', '[', ']', '\n', '=', '\\\n', '#', ';', '&', 'auth users', 'secrets file', '[global]', 'path'];

const insert = fc.oneof(
  fc.constant(''),
  fc.constantFrom(...PIECES),
  fc.string({ maxLength: 6 }),
  fc.array(fc.constantFrom(...PIECES), { maxLength: 4 }).map((a) => a.join('')),
);

const remove = fc.oneof(fc.constant(0), fc.nat({ max: 3 }), fc.nat({ max: 60 }));

export const edit: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ at: fc.nat(), remove, insert }) },
  {
    weight: 4,
    arbitrary: fc.record({
      at: fc.nat(),
      remove,
      insert,
      anchor: fc.constantFrom(...ANCHORS),
      shift: fc.integer({ min: -2, max: 3 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      at: fc.nat(),
      remove: fc.constant(0),
      insert: fc.constant(''),
      anchor: fc.constant('\n['),
      section: fc.constantFrom<'remove' | 'repeat'>('remove', 'repeat'),
    }),
  },
);

/** Offsets where `anchor` occurs in `text`. */
function occurrences(text: string, anchor: string): number[] {
  const found: number[] = [];
  for (let i = text.indexOf(anchor); i >= 0 && found.length < 10_000; i = text.indexOf(anchor, i + 1)) found.push(i);
  return found;
}

export function applyEdit(text: string, e: Edit): string {
  let at = e.at % (text.length + 1);
  if (e.anchor !== undefined) {
    const found = occurrences(text, e.anchor);
    if (found.length) at = Math.min(text.length, Math.max(0, found[e.at % found.length] + (e.shift ?? 0)));
  }
  if (e.section) {
    const from = e.anchor !== undefined && text.startsWith(e.anchor, at) ? at + 1 : at;
    const next = text.indexOf('\n[', from + 1);
    const to = next < 0 ? text.length : next + 1;
    const section = text.slice(from, to);
    return e.section === 'remove' ? text.slice(0, from) + text.slice(to) : text.slice(0, to) + section + text.slice(to);
  }
  const end = Math.min(text.length, at + e.remove);
  return text.slice(0, at) + e.insert + text.slice(end);
}

/** What one check sees: one edit, or two far apart (an editor's changes coalesced, several cursors). */
export const step = fc.array(edit, { minLength: 1, maxLength: 2 });

export function applyStep(text: string, edits: readonly Edit[]): string {
  return edits.reduce(applyEdit, text);
}

/**
 * Fixed seeds, so that a run fails or passes the same way everywhere (a failure prints its seed and
 * path; fast-check replays it). Several seeds rather than one long run: each starts its own sequence.
 */
export const SEEDS = [1, 2, 3, 5, 8, 13, 21, 34];
