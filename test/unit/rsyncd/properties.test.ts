import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseRsyncd } from '../../../server/src/core/rsyncd/parser';
import { rsyncdService } from '../../../server/src/core/rsyncd/service';
import type { HostAccess } from '../../../server/src/core/types';

// Random and mutated rsyncd.conf text: the parser and every feature never throw, and every range
// (problems, fixes, entries, symbols, links) lies inside the document.

const CASES = path.resolve(__dirname, '../../fixtures/rsyncd/cases');
const SAMPLES = fs.readdirSync(CASES).map((f) => fs.readFileSync(path.join(CASES, f), 'utf8'));
const PIECES = [
  '[',
  ']',
  '=',
  '\\',
  '\n',
  '\r\n',
  '\r',
  ' ',
  '\t',
  '#',
  ';',
  '&',
  '%',
  '%%',
  ',',
  ':',
  '/',
  '"',
  '\0',
  '\uFEFF',
  '\uD83D',
  'é',
  'path',
  'read only',
  'auth users',
  'global',
  'include',
  'merge',
  'hosts allow',
  'refuse options',
  'log format',
  'yes',
  'on',
  '-1',
  '10m',
  'secrets file',
  'strict modes',
  'max connections',
  'socket options',
  'SO_KEEPALIVE',
  '127.0.0.1/33',
  '@g:ro',
  '%HOME%',
  'sha3',
];

const text = fc.oneof(
  fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }).map((a) => a.join('')),
  fc.string({ maxLength: 80 }),
  fc.tuple(fc.constantFrom(...SAMPLES), fc.nat(), fc.nat(), fc.constantFrom(...PIECES)).map(([s, a, b, piece]) => {
    const i = a % (s.length + 1);
    const j = Math.min(s.length, i + (b % 8));
    return s.slice(0, i) + piece + s.slice(j);
  }),
);

const host: HostAccess = {
  stat: (p) => ({ exists: p.length % 2 === 0, isDirectory: p.endsWith('d'), mode: 0o644, uid: 1, readable: true }),
  readDir: () => ['a.conf'],
  readText: () => '',
  homeDir: '/root',
  uid: 0,
};

function inside(span: { start: number; end: number }, length: number, what: string): void {
  assert.ok(Number.isInteger(span.start) && Number.isInteger(span.end), `${what}: non-integer span`);
  assert.ok(
    0 <= span.start && span.start <= span.end && span.end <= length,
    `${what}: ${span.start}..${span.end} outside 0..${length}`,
  );
}

test('parser and rules: never throw, every range inside the document (10,000 cases)', () => {
  fc.assert(
    fc.property(text, fc.boolean(), (t, withHost) => {
      const doc = parseRsyncd(t);
      for (const e of doc.entries) {
        inside(e.span, t.length, e.kind);
        if (e.kind === 'param') {
          inside(e.nameSpan, t.length, 'name');
          inside(e.valueSpan, t.length, 'value');
          for (let i = 0; i <= e.value.length; i++) assert.ok(e.valueOffset(i) >= 0 && e.valueOffset(i) <= t.length);
        }
      }
      const problems = rsyncdService.validate(t, withHost ? { host, path: '/etc/rsyncd.conf' } : {});
      for (const p of problems) {
        assert.notEqual(p.code, 'internal/rule-failed', p.message);
        inside(p, t.length, p.code);
        for (const f of p.fixes ?? []) for (const e of f.edits) inside(e, t.length, `${p.code} fix`);
      }
    }),
    { numRuns: 10_000 },
  );
});

test('hover, completion, symbols, folding, links: never throw, ranges inside (2,000 cases)', () => {
  fc.assert(
    fc.property(text, fc.nat(), (t, n) => {
      const offset = n % (t.length + 1);
      const h = rsyncdService.hover!(t, offset, {});
      if (h) inside(h, t.length, 'hover');
      for (const c of rsyncdService.complete!(t, offset, {})) if (c.range) inside(c.range, t.length, 'completion');
      for (const s of rsyncdService.symbols!(t)) {
        inside(s, t.length, 'symbol');
        for (const c of s.children ?? []) inside(c, t.length, 'child symbol');
      }
      rsyncdService.folding!(t);
      for (const l of rsyncdService.links!(t, {})) inside(l, t.length, 'link');
    }),
    { numRuns: 2_000 },
  );
});
