import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { SavedResult } from '../report.js';
import { imageGridPng } from './image-grid.js';
import { renderReport } from './render-report.js';

/** Whether a parsed JSON value looks like a {@link SavedResult}. */
function isSavedResult(value: unknown): value is SavedResult {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.benchmark === 'string' &&
    typeof v.date === 'string' &&
    typeof v.durationMs === 'number' &&
    typeof v.options === 'object' &&
    v.options !== null &&
    typeof v.environment === 'object' &&
    v.environment !== null
  );
}

/**
 * Reads every `*.json` in `dir` that is a benchmark result (other JSON files are ignored; a
 * file that does not parse is reported on stderr and skipped).
 */
export function loadSavedResults(dir: string): SavedResult[] {
  const out: SavedResult[] = [];
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json'));
  } catch {
    return out;
  }
  for (const name of names.sort()) {
    try {
      const value: unknown = JSON.parse(readFileSync(join(dir, name), 'utf8'));
      if (isSavedResult(value)) out.push(value);
    } catch (error) {
      console.error(`report: skipping ${name}: ${(error as Error).message}`);
    }
  }
  return out;
}

/** Paths written by {@link writeReport}. */
export interface WrittenReport {
  /** `<dir>/report.html`. */
  html: string;
  /** `<dir>/images/<benchmark>-<k>.png`, one per image-grid figure. */
  images: string[];
}

/**
 * Regenerates `<dir>/report.html` from the result files in `dir`, and writes each image grid as a
 * PNG under `<dir>/images/` (handy outside the browser). Nothing is re-run.
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
      writeFileSync(path, imageGridPng(f));
      images.push(path);
    });
  }
  mkdirSync(out, { recursive: true });
  const html = join(out, 'report.html');
  writeFileSync(html, renderReport(results, new Date()));
  return { html, images };
}
