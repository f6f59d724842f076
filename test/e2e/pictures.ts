import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';

// README pictures: a screenshot of the parts a test names, cropped and quantised
// (`npm run screenshots` sets PUSH_MIRROR_README_PICTURES; see harness.ts).

/** Where README pictures go when PUSH_MIRROR_README_PICTURES is set (scripts/screenshots.mjs). */
export const README_PICTURES = path.resolve(__dirname, '../../media/screenshots');
/** Room around the cropped parts of a README picture, in CSS pixels. */
const CROP_MARGIN = 8;

export interface ReadmePicture {
  /** media/screenshots/<readme>.png */
  readme: string;
  /** The parts of the window the picture shows (the box around them all); the whole window if none. */
  crop?: readonly Locator[];
}

export async function writeReadmePicture(page: Page, { readme, crop = [] }: ReadmePicture): Promise<void> {
  const boxes: { x: number; y: number; width: number; height: number }[] = [];
  for (const part of crop) {
    for (const one of await part.all()) {
      const box = await one.boundingBox();
      if (box) boxes.push(box);
    }
  }
  if (crop.length && !boxes.length) throw new Error(`README picture ${readme}: none of its parts is visible`);
  const view = page.viewportSize()!;
  const left = Math.max(0, Math.min(...boxes.map((b) => b.x)) - CROP_MARGIN);
  const top = Math.max(0, Math.min(...boxes.map((b) => b.y)) - CROP_MARGIN);
  const right = Math.min(view.width, Math.max(...boxes.map((b) => b.x + b.width)) + CROP_MARGIN);
  const bottom = Math.min(view.height, Math.max(...boxes.map((b) => b.y + b.height)) + CROP_MARGIN);
  const clip = boxes.length
    ? { x: Math.floor(left), y: Math.floor(top), width: Math.ceil(right - left), height: Math.ceil(bottom - top) }
    : undefined;
  mkdirSync(README_PICTURES, { recursive: true });
  const file = path.join(README_PICTURES, `${readme}.png`);
  await page.screenshot({ path: file, ...(clip ? { clip } : {}) });
  // 256 colours are plenty for a UI and a third of the bytes (scripts/install-test-deps.sh installs it).
  // Exit 98 and 99: the palette would be larger or too lossy, so the picture stays as Chromium wrote it.
  const quantize = spawnSync(
    'pngquant',
    ['--force', '--skip-if-larger', '--quality=70-95', '--speed=1', '--strip', '--output', file, file],
    { encoding: 'utf8' },
  );
  if (quantize.error || ![0, 98, 99].includes(quantize.status ?? -1))
    throw new Error(`pngquant failed on ${file}: ${quantize.error?.message ?? quantize.stderr}`);
}
