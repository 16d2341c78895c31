import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SavedResult } from '../results/saved-result.js';
import { writeReport } from './write-report.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lk-report-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  vi.restoreAllMocks();
});

const saved: SavedResult = {
  benchmark: 'demo',
  description: 'a demo benchmark',
  date: '2026-01-02T03:04:05.000Z',
  durationMs: 10,
  options: { quick: false, backend: 'cpu' },
  environment: {
    node: 'v20',
    platform: 'linux',
    arch: 'x64',
    cpuModel: 'cpu',
    logicalCores: 2,
    loadAverage1m: 0.5,
  },
  header: ['a header'],
  table: { columns: ['k', 'v'], rows: [['x', '1.5']] },
  notes: [],
  figures: [
    {
      kind: 'images',
      title: 'grid',
      rows: 1,
      cols: 2,
      height: 1,
      width: 1,
      pixels: Buffer.from([0, 255]).toString('base64'),
    },
  ],
  files: ['files/demo/b/top.v'],
  results: {},
};

describe('writeReport', () => {
  it('re-renders report.html and the grid PNGs from the saved JSON alone', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'demo.json'), JSON.stringify(saved));
    writeFileSync(join(dir, 'other.json'), '{"not": "a result"}');
    const { html, images } = writeReport(dir);
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('<h2 id="demo">demo</h2>');
    expect(page).toContain('a demo benchmark');
    expect(page).toContain('<td class="num">1.5</td>');
    expect(page).toContain('href="files/demo/b/top.v"');
    expect(images).toEqual([join(dir, 'images', 'demo-1.png')]);
    const png = PNG.sync.read(readFileSync(images[0]!));
    // 2 images of 1×1 with 2 px padding: 8 × 5; image 1 (white) at x = 5, y = 2.
    expect([png.width, png.height]).toEqual([8, 5]);
    expect(png.data[4 * (2 * 8 + 2)]).toBe(0);
    expect(png.data[4 * (2 * 8 + 5)]).toBe(255);
  });

  it('writes a page even for an empty or missing folder', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'broken.json'), '{');
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const { html } = writeReport(join(dir, 'fresh'));
    expect(existsSync(html)).toBe(true);
    expect(readFileSync(html, 'utf8')).toContain('No results yet');
    expect(readFileSync(writeReport(dir).html, 'utf8')).toContain('No results yet');
  });
});
