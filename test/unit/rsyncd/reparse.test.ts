import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseRsyncd, type RsyncdDocument, type Section } from '../../../server/src/core/rsyncd/parser';
import { headerGroups } from '../../../server/src/core/rsyncd/doc-index';
import { reparseRsyncd } from '../../../server/src/core/rsyncd/reparse';
import { applyEdit, baseText, edit, generated, SEEDS } from './edits';

// Reading an edited text again from where the edit begins gives the document a full parse gives:
// every section, line, entry and offset map, and the same sharing of objects between the lists.

/** Everything a document holds, as plain data; sections by index, and the identities the lists share. */
function snapshot(doc: RsyncdDocument): unknown {
  const index = new Map<Section, number>(doc.sections.map((s, i) => [s, i]));
  const sectionOf = (s: Section) => {
    const i = index.get(s);
    assert.ok(i !== undefined, 'an entry names a section that is not in the document');
    return i;
  };
  const t = doc.params;
  const rows = [];
  for (let i = 0; i < t.count; i++) {
    const value = t.value(i);
    const offsets = [];
    for (let k = 0; k <= value.length; k++) offsets.push(t.valueOffset(i, k));
    rows.push([
      t.start(i),
      t.end(i),
      t.nameStart(i),
      t.nameEnd(i),
      t.valueStart(i),
      t.valueEnd(i),
      t.equals(i),
      sectionOf(t.section(i)),
      t.record(i).name,
      t.key(i),
      value,
      t.isAssembled(i),
      t.continued(i),
      offsets.join(','),
    ]);
  }
  const headers = new Set(doc.sections.map((s) => s.header).filter(Boolean));
  const directives = new Set(doc.sections.flatMap((s) => s.directives));
  const bad = new Set<unknown>(doc.badLines);
  const entries = doc.entries.map((e) => {
    if (e.kind === 'header') assert.ok(headers.has(e), 'a header entry is not its section’s header');
    if (e.kind === 'directive') assert.ok(directives.has(e), 'a directive entry is not in its section');
    if (e.kind === 'no-equals' || e.kind === 'empty-name') assert.ok(bad.has(e), 'a bad line is not in badLines');
    if (e.kind === 'param')
      return {
        kind: e.kind,
        span: e.span,
        nameSpan: e.nameSpan,
        valueSpan: e.valueSpan,
        name: e.name,
        value: e.value,
        equals: e.equalsOffset,
        continued: e.continued,
        section: sectionOf(e.section),
      };
    const { section, ...rest } = e as typeof e & { section?: Section };
    const plain = JSON.parse(JSON.stringify({ ...rest, span: e.span }));
    if (e.kind === 'header') Object.assign(plain, { nameSpan: e.nameSpan, isGlobal: e.isGlobal, name: e.name });
    return section ? { ...plain, section: sectionOf(section) } : plain;
  });
  const sections = doc.sections.map((s) => ({
    name: s.name,
    key: s.key,
    isGlobal: s.isGlobal,
    span: s.span,
    beforeFirstHeader: s.beforeFirstHeader,
    range: [s.range.from, s.range.to],
    header: s.header && { span: s.header.span, nameSpan: s.header.nameSpan, trailing: s.header.trailing },
    directives: s.directives.length,
    params: s.params.length,
  }));
  return {
    text: doc.text,
    bom: doc.bom,
    endedAt: doc.endedAt,
    nul: doc.nul,
    rows,
    sections,
    entries,
    badLines: doc.badLines.map((e) => doc.entries.indexOf(e)),
  };
}

/** How many reparses handed the header grouping on: the property test shows it happens, and is right. */
let kept = 0;

/** Applies the edits one after another, each reparse starting from the previous one's result. */
function check(base: string, edits: Parameters<typeof applyEdit>[1][]): void {
  let doc = parseRsyncd(base);
  for (const e of edits) {
    const text = applyEdit(doc.text, e);
    // Grouped before the edit, so that the reparse may hand the grouping on.
    const groupsBefore = headerGroups(doc);
    const re = reparseRsyncd(doc, text);
    const full = parseRsyncd(text);
    if (!re) {
      assert.ok(text.includes('\0') || doc.text.includes('\0'), 'reparse refused a text without NUL');
      doc = full;
      continue;
    }
    assert.deepEqual(snapshot(re.doc), snapshot(full), `after ${JSON.stringify(e)}`);
    const groups = headerGroups(re.doc);
    assert.deepEqual(groups, headerGroups(full), `header groups after ${JSON.stringify(e)}`);
    kept += groups === groupsBefore ? 1 : 0;
    assert.equal(re.doc.text.slice(0, re.start), doc.text.slice(0, re.start));
    assert.equal(re.doc.text.slice(re.oldStop + re.delta), doc.text.slice(re.oldStop));
    doc = re.doc;
  }
}

test('reparse after random edits equals a full parse (8 seeds × 500 cases of 1 to 4 edits)', () => {
  for (const seed of SEEDS)
    fc.assert(
      fc.property(baseText, fc.array(edit, { minLength: 1, maxLength: 4 }), (base, edits) => check(base, edits)),
      { numRuns: 500, seed },
    );
  assert.ok(kept > 1000, `the header grouping was handed on ${kept} times`);
});

test('reparse of one keystroke in a 2,000-module file reads one section', () => {
  const text = generated(2000);
  const doc = parseRsyncd(text);
  const at = text.indexOf('[mirror-1000]') + 20;
  const re = reparseRsyncd(doc, text.slice(0, at) + 'x' + text.slice(at))!;
  assert.equal(re.newEnd - re.first, 1);
  assert.equal(re.oldEnd - re.first, 1);
  assert.deepEqual(snapshot(re.doc), snapshot(parseRsyncd(re.doc.text)));
});
