// Renders the extension icon, media/icon.png (128×128), from media/push-mirror.svg, the view
// container's glyph: the same upstream-to-three-downstreams drawing in white on a Debian-red tile.
// Chromium draws it (Debian's package, driven by playwright-core as the e2e tests do), offline.
// Run after changing the glyph: `node scripts/icon.mjs`; test/unit/icon.test.ts checks the result.
import { readFileSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const SIZE = 128;
const TILE = '#c70036'; // Debian red
const glyph = readFileSync(new URL('../media/push-mirror.svg', import.meta.url), 'utf8')
  .replace(/<!--[\s\S]*?-->/g, '')
  .replace('stroke="currentColor"', 'stroke="#ffffff"')
  .replace(/width="24" height="24"/, 'width="88" height="88" x="20" y="18"');
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}">
  <rect width="${SIZE}" height="${SIZE}" rx="26" fill="${TILE}"/>
  ${glyph}
</svg>`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--host-resolver-rules=MAP * ~NOTFOUND'],
});
try {
  const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE }, deviceScaleFactor: 1 });
  await page.setContent(`<html><body style="margin:0">${svg}</body></html>`);
  const png = await page.locator('svg').first().screenshot({ omitBackground: true });
  writeFileSync(new URL('../media/icon.png', import.meta.url), png);
  console.log(`media/icon.png: ${SIZE}×${SIZE}, ${png.length} bytes`);
} finally {
  await browser.close();
}
