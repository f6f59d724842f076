import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { collapse } from '../../../server/src/core/rsyncd/scan-parts';
import { authSettings, moduleViews, parseRsyncd, type ParamEntry } from '../../../server/src/core/rsyncd/parser';

const params = (text: string) => parseRsyncd(text).entries.filter((e): e is ParamEntry => e.kind === 'param');
const slice = (text: string, s: { start: number; end: number }) => text.slice(s.start, s.end);

test('name = value splits at the first `=`, trims around it, keeps inner blanks and quotes', () => {
  const text = '  comment =  a = b ; c # d  \n path = "/srv/x"\n';
  const [c, p] = params(text);
  assert.equal(c.value, 'a = b ; c # d');
  assert.equal(slice(text, c.valueSpan), 'a = b ; c # d');
  assert.equal(p.value, '"/srv/x"');
  assert.equal(text[c.equalsOffset], '=');
});

test('names collapse whitespace; the key drops it and lower-cases', () => {
  const [p] = params('READ \t ONLY=yes');
  assert.equal(p.name, 'READ ONLY');
  assert.equal(p.key, 'readonly');
});

test('`#` and `;` comment lines; a `\\` at line start is skipped', () => {
  const doc = parseRsyncd('# a\n ; b\n\\ list = no\n\\\\x = 1\n');
  assert.deepEqual(
    doc.entries.map((e) => e.kind),
    ['comment', 'comment', 'param', 'param'],
  );
  assert.equal((doc.entries[2] as ParamEntry).key, 'list');
});

test('continuation keeps blanks before `\\` and the next line indentation; spans map back', () => {
  const text = 'comment = first part \\\n   second part\nx = 1';
  const [c] = params(text);
  assert.equal(c.value, 'first part    second part');
  assert.equal(c.continued, true);
  assert.equal(text[c.valueOffset(c.value.indexOf('second'))], 's');
  // A continuation into an empty line keeps the blank before the `\` (params.c quirk).
  assert.equal(params('a = x \\\n\n')[0].value, 'x ');
});

test('CRs are dropped from values and headers', () => {
  const doc = parseRsyncd('[mod]\r\npath = /srv\r\n');
  const [p] = params('[mod]\r\npath = /srv\r\n');
  assert.equal(p.value, '/srv');
  assert.equal(doc.sections[1].name, 'mod');
});

test('headers: first `]` ends the name, junk after it is kept as trailing, whitespace collapses', () => {
  const text = '[  my   mod  ] junk\n[ Global ]\n[mod\n[a/b]\n[]\n';
  const headers = parseRsyncd(text).entries.filter((e) => e.kind === 'header');
  assert.deepEqual(
    headers.map((h) => [h.name, h.error, h.isGlobal]),
    [
      ['my mod', undefined, false],
      ['Global', undefined, true],
      ['mod', 'unterminated', false],
      ['a/b', 'slash', false],
      ['', 'empty', false],
    ],
  );
  assert.equal(slice(text, headers[0].trailing!), 'junk');
  // A header's trailing `\` does not continue it.
  assert.equal(parseRsyncd('[m] \\\nx = 1\n').sections[1].params.length, 1);
});

test('lines without `=` and lines starting with `=`', () => {
  const doc = parseRsyncd('read only\n= x\n&include\n');
  assert.deepEqual(
    doc.entries.map((e) => e.kind),
    ['no-equals', 'empty-name', 'no-equals'],
  );
});

test('directives: name ends at a blank, optional `=`, any case', () => {
  const doc = parseRsyncd('&include /etc/a.conf\n&MERGE=/etc/b\n&include = /c\n');
  assert.deepEqual(
    doc.entries.map((e) => (e.kind === 'directive' ? [e.name, e.argument] : e.kind)),
    [
      ['include', '/etc/a.conf'],
      ['merge', '/etc/b'],
      ['include', '/c'],
    ],
  );
});

test('a BOM makes the first line a badly formed line', () => {
  const doc = parseRsyncd('\uFEFF[mod]\npath = /x\n');
  assert.equal(doc.bom, true);
  assert.equal(doc.entries[0].kind, 'no-equals');
  assert.equal(doc.sections.length, 1);
});

test('a NUL ends the input at top level', () => {
  const doc = parseRsyncd('a = 1\n\0b = 2\n');
  assert.equal(doc.endedAt, 6);
  assert.equal(params('a = 1\n\0b = 2\n').length, 1);
});

test('modules merge duplicates and resolve global defaults the way rsync does', () => {
  const text =
    'read only = no\n[ok]\npath = /a\n[global]\ncomment = later\nlist = no\n[O K]\nsecrets file = /s\nauth users = joe\n[two]\n';
  const doc = parseRsyncd(text);
  const [ok, two] = moduleViews(doc);
  assert.equal(ok.name, 'ok');
  assert.equal(ok.sections.length, 2);
  assert.equal(ok.get('readonly')?.value, 'no');
  assert.equal(ok.get('list'), undefined); // bool from a later [global] does not reach it
  assert.equal(ok.get('comment')?.value, 'later'); // strings fall back to the final global value
  assert.equal(two.get('list')?.value, 'no');
  const [auth] = authSettings(doc);
  assert.equal(auth.authUsers?.value, 'joe');
  assert.equal(slice(text, auth.secretsFile!.entry.valueSpan), '/s');
});

// collapse() used to replace every blank, one at a time, building a 10 MB line of words again word by
// word (seconds of garbage collection). It now replaces only when something changes; same results.
test('collapse: runs of blanks become one space, and one blank is cut from each end', () => {
  const reference = (s: string) => s.replace(/[ \t\v\f\r]+/g, ' ').replace(/^ | $/g, '');
  fc.assert(
    fc.property(fc.array(fc.constantFrom(' ', '\t', '\v', '\f', '\r', '\n', 'a', '\uFEFF', '=')), (parts) => {
      const s = parts.join('');
      assert.equal(collapse(s), reference(s));
    }),
    { numRuns: 2000 },
  );
});
