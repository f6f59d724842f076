import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { authorizedKeysService as s } from '../../../server/src/core/authkeys/service';
import { BLOB, KEY } from './support';

// Arbitrary text built from the pieces that matter to the parser: option words, quotes, escapes,
// commas, blanks, CR/LF, key types and (possibly damaged) base64.
const pieces = fc.constantFrom(
  'restrict',
  'no-pty',
  'NO-',
  'command=',
  'from=',
  'environment=',
  'expiry-time=',
  'permitopen=',
  'tunnel=',
  'principals=',
  '"',
  '\\"',
  '\\',
  ',',
  ' ',
  '\t',
  '\r',
  '\n',
  '\r\n',
  '#',
  '=',
  'ssh-ed25519',
  'ssh-rsa',
  'ecdsa-sha2-nistp256',
  'AAAA',
  BLOB,
  BLOB.slice(0, 20),
  KEY,
  '192.0.2.1/24',
  '!',
  ':',
  '[',
  ']',
  '*',
  '2099',
  'é',
  '😀',
  '\ufeff',
  '\u201c',
  '\u201d',
  ',ssh-ed25519 ',
  '---- BEGIN SSH2 PUBLIC KEY ----\n',
  '---- END SSH2 PUBLIC KEY ----\n',
  'Comment: x\\\n',
  '-----BEGIN PUBLIC KEY-----\n',
  'PuTTY-User-Key-File-3: ',
  'Private-MAC: ',
  '=',
  '==',
  '\v',
);
const documents = fc.oneof(
  fc.array(pieces, { maxLength: 30 }).map((a) => a.join('')),
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

test('never throws, and every range lies inside the document (10,000 cases)', () => {
  fc.assert(
    fc.property(documents, fc.nat(), (text, n) => {
      const inside = (a: { start: number; end: number }) => 0 <= a.start && a.start <= a.end && a.end <= text.length;
      for (const p of s.validate(text, { now: 0 })) {
        assert.ok(inside(p), `${p.code} ${p.start}-${p.end}`);
        assert.notEqual(p.code, 'internal/rule-failed', p.message);
        for (const f of p.fixes ?? []) for (const e of f.edits) assert.ok(inside(e));
      }
      const offset = text.length ? n % (text.length + 1) : 0;
      const h = s.hover!(text, offset, {});
      if (h) assert.ok(inside(h));
      for (const c of s.complete!(text, offset, {})) if (c.range) assert.ok(inside(c.range));
      for (const sym of s.symbols!(text)) assert.ok(inside(sym) && inside(sym.selection!));
    }),
    { numRuns: 10000 },
  );
});
