import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { imageGridPng } from '../images/image-grid.js';
import { renderReport } from '../results/render-report.js';
import { loadSavedResults } from './load-saved-results.js';
import { zlibDeflate } from './zlib-deflate.js';

/** Paths written by {@link writeReport}. */
export interface WrittenReport {
  /** `<dir>/report.html`. */
  html: string;
  /** `<dir>/images/<benchmark>-<k>.png`, one per image-grid figure. */
  images: string[];
}

/**
 * Regenerates `<dir>/report.html` ({@link renderReport}) from the result files in `dir`
 * ({@link loadSavedResults}), and writes each image grid as a PNG under `<dir>/images/` (handy
 * outside the browser); PNGs are zlib-compressed. Nothing is re-run.
 *
 * @example
 * ```ts
 * const { html } = writeReport('bench-results');
 * ```
 */
export function writeReport(dir: string): WrittenReport {
  const out = resolve(dir);
  const results = loadSavedResults(out);
  const images: string[] = [];
  for (const r of results) {
    const grids = (r.figures ?? []).filter((f) => f.kind === 'images');
    if (grids.length > 0) mkdirSync(join(out, 'images'), { recursive: true });
    grids.forEach((f, k) => {
      const path = join(out, 'images', `${r.benchmark}-${k + 1}.png`);
      writeFileSync(path, imageGridPng(f, { deflate: zlibDeflate }));
      images.push(path);
    });
  }
  mkdirSync(out, { recursive: true });
  const html = join(out, 'report.html');
  writeFileSync(html, renderReport(results, new Date(), { deflate: zlibDeflate }));
  return { html, images };
}
