import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { findSecretsDefinition } from '../../../server/src/core/secrets/crossfile';
import { secretsService } from '../../../server/src/core/secrets/service';
import { CONF_PATH, ctxWith, fakeHost, SECRETS_PATH } from './helpers';

// Generated secrets files: lines built from the characters that matter to rsync (blanks, colons,
// CR, #, @), with passwords that carry a marker so any leak is found.

const NAMES = ['joe', 'ann', '@staff', 'Joe', '', '@', 'mirror-eu'];
const piece = fc.constantFrom(' ', '\t', ':', '#', '@', '\r', 'x', 'é', '😀', ';');
const password = fc.string({ unit: piece, maxLength: 6 }).map((s) => `PW${s.replace(/[\r\n]/g, '')}SECRET`);
const line = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('', ' ', '\t', '\r'),
      fc.constantFrom(...NAMES),
      fc.constantFrom('', ' '),
      password,
      fc.constantFrom('', ' ', '\t'),
    )
    .map(([lead, name, gap, pw, tail]) => `${lead}${name}${gap}:${pw}${tail}`),
  fc.string({ unit: piece, maxLength: 12 }),
  fc.constant('# comment'),
);
const file = fc
  .tuple(fc.array(line, { maxLength: 8 }), fc.constantFrom('\n', '\r\n'))
  .map(([lines, eol]) => lines.join(eol));
const CONF =
  '[m]\nauth users = joe:rw, @staff, ann:deny, mirror*\nsecrets file = /srv/example/rsyncd.secrets\nstrict modes = yes\n';

test('never throws, ranges stay inside the document, and no output shows a password', () => {
  const ctx = ctxWith(CONF, { host: fakeHost({ mode: 0o644, uid: 7 }) });
  fc.assert(
    fc.property(file, fc.nat(), (text, at) => {
      const offset = text.length ? at % (text.length + 1) : 0;
      const inside = (s: { start: number; end: number }) =>
        assert.ok(s.start >= 0 && s.start <= s.end && s.end <= text.length, JSON.stringify(s));
      const out: unknown[] = [];
      for (const p of secretsService.validate(text, ctx)) {
        inside(p);
        for (const f of p.fixes ?? []) f.edits.forEach(inside);
        out.push(
          p.message,
          p.fixes?.map((f) => f.title),
        );
      }
      const hover = secretsService.hover!(text, offset, ctx);
      if (hover) {
        inside(hover);
        out.push(hover.markdown);
      }
      for (const c of secretsService.complete!(text, offset, ctx)) {
        if (c.range) inside(c.range);
        out.push(c);
      }
      for (const s of secretsService.symbols!(text)) {
        inside(s);
        out.push(s.name, s.detail);
      }
      assert.doesNotMatch(JSON.stringify(out), /SECRET/);
    }),
    { numRuns: 10000 },
  );
});

test('findSecretsDefinition never throws and points inside the secrets text', () => {
  const conf = fc
    .array(
      fc.constantFrom(
        '[m]',
        'auth users = joe, @staff,mirror*',
        'auth users = , a b:ro ,',
        'secrets file = rsyncd.secrets',
        'strict modes = no',
        '\\',
        ' x',
        '#c',
      ),
      { maxLength: 8 },
    )
    .map((l) => l.join('\n'));
  fc.assert(
    fc.property(conf, file, fc.nat(), (text, secrets, at) => {
      const offset = at % (text.length + 1);
      const ctx = {
        path: CONF_PATH,
        workspace: [{ uri: 'file:///s', path: SECRETS_PATH, languageId: 'rsyncd-secrets' as const, text: secrets }],
      };
      for (const l of findSecretsDefinition(text, offset, ctx))
        assert.ok(l.start >= 0 && l.end <= secrets.length && l.start <= l.end);
    }),
    { numRuns: 10000 },
  );
});
