import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { groupThousands } from '../../server/src/core/text';
import type { Problem } from '../../server/src/core/types';
import type { DocumentSymbolInfo } from '../../server/src/core/service';
import { capProblems, capSymbols, forEditor, MAX_DIAGNOSTICS, MAX_SYMBOLS } from '../../server/src/lsp/limits';

const problem = (code: string, start: number, severity: Problem['severity'] = 'warning'): Problem => ({
  code,
  severity,
  start,
  end: start + 1,
  message: code,
});

test('over the cap: MAX_DIAGNOSTICS in all, a share for every rule, the most severe first, and a count line', () => {
  const many = [
    ...Array.from({ length: 3000 }, (_, i) => problem('rsyncd/a', i)),
    ...Array.from({ length: 3000 }, (_, i) => problem('rsyncd/b', 10_000 + i, 'error')),
    problem('rsyncd/rare', 20_000, 'hint'),
  ];
  const kept = capProblems(many);
  assert.equal(kept.length, MAX_DIAGNOSTICS);
  assert.equal(kept[0].code, 'internal/too-many-problems');
  assert.match(
    kept[0].message,
    new RegExp(`^${many.length - (MAX_DIAGNOSTICS - 1)} more problems \\(of ${many.length}\\)`),
  );
  const count = (code: string) => kept.filter((p) => p.code === code).length;
  assert.equal(count('rsyncd/rare'), 1, 'a rule with one problem keeps it');
  assert.equal(count('rsyncd/a') + count('rsyncd/b'), MAX_DIAGNOSTICS - 2);
  assert.ok(Math.abs(count('rsyncd/a') - count('rsyncd/b')) <= 1);
  const rest = kept.slice(1);
  assert.deepEqual(
    rest,
    [...rest].sort((x, y) => x.start - y.start),
    'in document order',
  );
});

test('the editor gets the most severe first: VS Code draws squiggles for the first 500 only', () => {
  const warnings = Array.from({ length: 600 }, (_, i) => problem('rsyncd/file-not-found', i * 10));
  const lastLine = problem('rsyncd/unknown-parameter', 10_000, 'error');
  const ordered = forEditor([
    ...warnings,
    lastLine,
    problem('rsyncd/x', 5, 'hint'),
    problem('rsyncd/y', 3, 'information'),
  ]);
  assert.deepEqual(
    ordered.slice(0, 3).map((p) => p.code),
    ['rsyncd/unknown-parameter', 'rsyncd/file-not-found', 'rsyncd/file-not-found'],
  );
  assert.deepEqual(
    ordered.slice(-2).map((p) => p.code),
    ['rsyncd/y', 'rsyncd/x'],
  );
  const kept = ordered.filter((p) => p.code === 'rsyncd/file-not-found');
  assert.deepEqual(kept, warnings, 'document order within a severity');
  const capped = forEditor([...Array.from({ length: 2000 }, (_, i) => problem('rsyncd/a', i)), lastLine]);
  assert.equal(capped.length, MAX_DIAGNOSTICS);
  assert.equal(capped[0], lastLine);
});

test('at the cap nothing is left out', () => {
  const exactly = Array.from({ length: MAX_DIAGNOSTICS }, (_, i) => problem('rsyncd/a', i));
  assert.equal(capProblems(exactly), exactly);
});

test('the README states the caps', () => {
  const readme = readFileSync('README.md', 'utf8').replace(/\s+/g, ' ');
  assert.match(readme, new RegExp(`${groupThousands(MAX_DIAGNOSTICS)} diagnostics per document`));
  assert.match(readme, new RegExp(`at most ${groupThousands(MAX_SYMBOLS)} symbols per document`));
});

const symbol = (name: string, children?: DocumentSymbolInfo[]): DocumentSymbolInfo => ({
  name,
  kind: 'module',
  start: 0,
  end: 1,
  ...(children ? { children } : {}),
});
const lines = (n: number) => Array.from({ length: n }, (_, i) => symbol(`line ${i}`));

test('the outline keeps every module, and the lines of the first ones while they fit', () => {
  // 3,000 modules of 3 lines: 12,000 symbols.
  const modules = Array.from({ length: 3000 }, (_, i) => symbol(`m${i}`, lines(3)));
  const kept = capSymbols(modules);
  const count = (list: readonly DocumentSymbolInfo[]): number =>
    list.reduce((n, s) => n + 1 + count(s.children ?? []), 0);
  assert.equal(kept.length, 3000);
  assert.ok(count(kept) <= MAX_SYMBOLS);
  // 2,000 symbols left after the modules: the lines of the first 666 modules.
  assert.deepEqual([kept[665].children?.length, kept[666].children, count(kept)], [3, undefined, 3000 + 666 * 3]);
  // More modules than the cap: the first MAX_SYMBOLS, without lines.
  const more = capSymbols(Array.from({ length: MAX_SYMBOLS + 10 }, (_, i) => symbol(`m${i}`, lines(1))));
  assert.equal(more.length, MAX_SYMBOLS);
  assert.ok(more.every((s) => !s.children));
});

test('an outline under the cap is left as it is', () => {
  const few = [symbol('a', lines(10)), symbol('b')];
  assert.equal(capSymbols(few), few);
});

test('groupThousands writes numbers as the docs do', () => {
  assert.deepEqual([0, 999, 1000, 5000, 50_000, 1_234_567].map(groupThousands), [
    '0',
    '999',
    '1,000',
    '5,000',
    '50,000',
    '1,234,567',
  ]);
});
