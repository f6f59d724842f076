import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { parseInventory } from '../../../server/src/core/inventory/parser';
import { inventoryService } from '../../../server/src/core/inventory/service';
import { MAX_INVENTORY_LENGTH, MAX_NESTING } from '../../../server/src/core/inventory/yaml';
import { main } from '../../../src/cli/main';

// The `yaml` package composes nodes recursively: `defaults:` and 3,000 nested `- ` overflowed the stack.
// The CLI printed `internal error: RangeError: Maximum call stack size exceeded` with a stack, the server
// kept stale diagnostics, and 10,000 `[` made it abort in V8 on hover ("RegExpCompiler Allocation failed").
// The nesting is now measured on the tokens first, without recursion.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-deep-yaml-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const DEEP: Record<string, string> = {
  'dashes on one line': `defaults:\n${'- '.repeat(3000)}x\n`,
  // Indented shapes grow with the square of the depth: 1,000 levels are 500 KB (and overflowed as well).
  'dashes, one a line': `defaults:\n${Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i)}- `).join('\n')}\n`,
  'flow sequences': `defaults: ${'['.repeat(10000)}`,
  'flow mappings': `defaults: ${'{a: '.repeat(10000)}`,
  'block mappings': `${Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i)}a:`).join('\n')} x\n`,
};

const NESTED = new RegExp(
  `^Nested more than ${MAX_NESTING} levels deep here; Push Mirror does not read YAML this deep`,
);

for (const [shape, text] of Object.entries(DEEP)) {
  test(`YAML nested thousands deep (${shape}) gives one clear problem, and hover and outline answer`, () => {
    const problems = inventoryService.validate(text, {});
    assert.deepEqual(
      problems.map((p) => p.code),
      ['inventory/syntax'],
    );
    assert.match(problems[0].message, NESTED);
    assert.ok(problems[0].start > 0 && problems[0].start < text.length);
    assert.equal(inventoryService.hover!(text, 2, {}), undefined);
    assert.deepEqual(inventoryService.symbols!(text, {}), []);
  });
}

test('nesting up to the limit is read as before; one level more is refused', () => {
  // The root, `downstreams` and `eu.one` are three levels: the value takes the rest.
  const nested = (levels: number) => `downstreams:\n  eu.one:\n    host: ${'['.repeat(levels)}1${']'.repeat(levels)}\n`;
  assert.deepEqual(
    parseInventory(nested(MAX_NESTING - 3)).problems.map((p) => [p.kind, p.message]),
    [['empty-value', 'host must be a non-empty string.']],
  );
  assert.match(parseInventory(nested(MAX_NESTING - 2)).problems[0].message, NESTED);
});

test('an inventory over the size cap is not parsed', () => {
  const text = `# ${'x'.repeat(MAX_INVENTORY_LENGTH)}\nversion: 1\n`;
  assert.deepEqual(
    parseInventory(text).problems.map((p) => [p.kind, p.message]),
    [
      [
        'syntax',
        `This inventory has ${text.length} characters; Push Mirror reads inventories of up to ${MAX_INVENTORY_LENGTH} (512 KiB).`,
      ],
    ],
  );
});

test('the CLI prints the nesting problem, not an internal error with a stack', async () => {
  const file = path.join(dir, 'pushmirror.yaml');
  fs.writeFileSync(file, DEEP['dashes, one a line']);
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['check', file], {
    print: (l) => out.push(l),
    info: (l) => err.push(l),
    error: (l) => err.push(l),
  });
  assert.equal(code, 1);
  assert.equal(out.length, 1);
  assert.match(out[0], new RegExp(`^${file}:\\d+:\\d+ error inventory/syntax Nested more than ${MAX_NESTING} levels`));
  assert.doesNotMatch(err.join('\n'), /internal error|RangeError|\n\s+at /);
});
