import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadSavedResults } from './load-saved-results.js';

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

const result = (benchmark: string) => ({
  benchmark,
  date: '2026-01-02T03:04:05.000Z',
  durationMs: 1,
  options: { quick: true, backend: 'wasm' },
  environment: {},
  results: {},
});

describe('loadSavedResults', () => {
  it('reads the results in name order and ignores other JSON and other files', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'b.json'), JSON.stringify(result('b')));
    writeFileSync(join(dir, 'a.json'), JSON.stringify(result('a')));
    writeFileSync(join(dir, 'other.json'), '{"not": "a result"}');
    writeFileSync(join(dir, 'notes.txt'), 'x');
    expect(loadSavedResults(dir).map((r) => r.benchmark)).toEqual(['a', 'b']);
  });

  it('skips unparsable files through onSkip (stderr by default) and a missing folder', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'broken.json'), '{');
    const skipped: string[] = [];
    expect(loadSavedResults(dir, { onSkip: (file) => skipped.push(file) })).toEqual([]);
    expect(skipped).toEqual(['broken.json']);
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(loadSavedResults(dir)).toEqual([]);
    expect(error).toHaveBeenCalledWith(expect.stringContaining('report: skipping broken.json'));
    expect(loadSavedResults(join(dir, 'missing'))).toEqual([]);
  });
});
