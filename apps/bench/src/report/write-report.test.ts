import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { writeResults } from '../report.js';
import { loadSavedResults, writeReport } from './write-report.js';

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

describe('writeReport', () => {
  it('re-renders report.html and the grid PNGs from the saved JSON alone', () => {
    const dir = tempDir();
    writeResults(
      dir,
      'demo',
      { quick: false, backend: 'cpu' },
      {
        header: ['a header'],
        table: { columns: ['k', 'v'], rows: [['x', '1.5']] },
        notes: [],
        results: {},
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
      },
      10,
      'a demo benchmark',
    );
    writeFileSync(join(dir, 'other.json'), '{"not": "a result"}');
    const { html, images } = writeReport(dir);
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('<h2 id="demo">demo</h2>');
    expect(page).toContain('a demo benchmark');
    expect(page).toContain('<td class="num">1.5</td>');
    expect(images).toEqual([join(dir, 'images', 'demo-1.png')]);
    const png = PNG.sync.read(readFileSync(images[0]!));
    // 2 images of 1×1 with 2 px padding: 8 × 5; image 1 (white) at x = 5, y = 2.
    expect([png.width, png.height]).toEqual([8, 5]);
    expect(png.data[4 * (2 * 8 + 2)]).toBe(0);
    expect(png.data[4 * (2 * 8 + 5)]).toBe(255);
  });

  it('writes generated files under files/<name>/, replaces stale ones and lists them', () => {
    const dir = tempDir();
    const output = (files: Record<string, string | Uint8Array>) => ({
      header: [],
      table: { columns: ['k'], rows: [] },
      notes: [],
      results: {},
      files,
    });
    const opts = { quick: true, backend: 'cpu' as const };
    writeResults(dir, 'hw', opts, output({ 'old.v': 'x' }), 1);
    writeResults(
      dir,
      'hw',
      opts,
      output({ 'b/top.v': 'module m; endmodule', 'a.hex': new Uint8Array([65]) }),
      1,
    );
    expect(readFileSync(join(dir, 'files', 'hw', 'b', 'top.v'), 'utf8')).toBe(
      'module m; endmodule',
    );
    expect(readFileSync(join(dir, 'files', 'hw', 'a.hex'), 'utf8')).toBe('A');
    expect(existsSync(join(dir, 'files', 'hw', 'old.v'))).toBe(false);
    const saved = loadSavedResults(dir)[0]!;
    expect(saved.files).toEqual(['files/hw/a.hex', 'files/hw/b/top.v']);
    expect(readFileSync(writeReport(dir).html, 'utf8')).toContain('href="files/hw/b/top.v"');
    for (const bad of ['../x.v', '/abs.v', 'a//b.v', 'c:\\x.v']) {
      expect(() => writeResults(dir, 'hw', opts, output({ [bad]: '' }), 1)).toThrow(RangeError);
    }
  });

  it('skips unreadable files and writes a page even for an empty or missing folder', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'broken.json'), '{');
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(loadSavedResults(dir)).toEqual([]);
    expect(loadSavedResults(join(dir, 'missing'))).toEqual([]);
    const { html } = writeReport(join(dir, 'fresh'));
    expect(existsSync(html)).toBe(true);
    expect(readFileSync(html, 'utf8')).toContain('No results yet');
  });
});
