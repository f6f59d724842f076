import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

// The Marketplace and the Extensions view want a 128×128 PNG (scripts/icon.mjs renders it).
test('the extension icon is a small 128×128 PNG named by package.json', () => {
  const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { icon?: string };
  assert.equal(manifest.icon, 'media/icon.png');
  const png = readFileSync(manifest.icon);
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
  assert.equal(png.toString('latin1', 12, 16), 'IHDR');
  assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
  assert.ok(png.length < 8 * 1024, `${png.length} bytes`);
});
