import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatTable, isNumericCell, writeResults } from './report.js';

describe('isNumericCell', () => {
  it('accepts numbers with separators, exponents and ×, %, k suffixes, and nothing else', () => {
    for (const s of ['1', '-2.5', '12,000', '1.2e-7', '0.27×', '94%', '3.89k']) {
      expect(isNumericCell(s)).toBe(true);
    }
    for (const s of ['', 'seed 1', 'n/a', '1 2', 'k']) expect(isNumericCell(s)).toBe(false);
  });
});

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
    } finally {
      rmSync(join(dir, '..', '..'), { recursive: true, force: true });
    }
  });
});
