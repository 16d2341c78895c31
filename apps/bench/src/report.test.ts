import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSavedResults, writeReport } from '@latentkit/report/node';
import { afterEach, describe, expect, it } from 'vitest';
import { formatTable, writeResults } from './report.js';

describe('formatTable', () => {
  it('aligns columns: text to the left, numbers to the right', () => {
    const text = formatTable({
      columns: ['name', 'ms'],
      rows: [
        ['a', '1.5'],
        ['longer', '12.25'],
      ],
    });
    expect(text.split('\n')).toEqual([
      'name    ms',
      '------  -----',
      'a         1.5',
      'longer  12.25',
    ]);
  });
});

describe('writeResults', () => {
  it('creates the directory and writes <name>.json with options and results', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'lk-bench-')), 'nested', 'bench-results');
    try {
      const path = writeResults(
        dir,
        'demo',
        { quick: true, backend: 'cpu' },
        { header: [], notes: [], table: { columns: [], rows: [] }, results: { x: 1 } },
        1234.4,
      );
      expect(path).toBe(join(dir, 'demo.json'));
      const body = JSON.parse(readFileSync(path, 'utf8'));
      expect(body.benchmark).toBe('demo');
      expect(body.options).toEqual({ quick: true, backend: 'cpu' });
      expect(body.results).toEqual({ x: 1 });
      expect(body.table).toEqual({ columns: [], rows: [] });
      expect(body.figures).toEqual([]);
      expect(body.durationMs).toBe(1234);
      expect(body.environment.logicalCores).toBeGreaterThan(0);
      expect(body.commit).toMatch(/^[0-9a-f]{40}(-dirty)?$/); // the tests run inside the repository
    } finally {
      rmSync(join(dir, '..', '..'), { recursive: true, force: true });
    }
  });
});

describe('the report of saved results', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  function tempDir(): string {
    const dir = mkdtempSync(join(tmpdir(), 'lk-bench-'));
    dirs.push(dir);
    return dir;
  }

  it('is re-rendered by @latentkit/report from what writeResults saved', () => {
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
    const { html, images } = writeReport(dir);
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('<h2 id="demo">demo</h2>');
    expect(page).toContain('a demo benchmark');
    expect(page).toContain('<td class="num">1.5</td>');
    expect(images).toEqual([join(dir, 'images', 'demo-1.png')]);
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
});
