import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isSnapshotManifest, type SavedResult } from '@latentkit/report';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SNAPSHOT_MANIFEST, snapshotResults } from './snapshot-results.js';

const result = (benchmark: string, quick: boolean): SavedResult => ({
  benchmark,
  date: '2026-12-07T11:22:47.717Z',
  durationMs: 754_000,
  options: { quick, backend: 'wasm', workers: 2 },
  environment: {
    node: 'v20.20.2',
    platform: 'linux',
    arch: 'x64',
    cpuModel: 'Test CPU',
    logicalCores: 2,
    loadAverage1m: 3.96,
  },
  table: { columns: ['run', 'samples/s'], rows: [['seed 1', '15.46k']] },
  results: {},
});

let root: string;
let from: string;
let to: string;
const write = (r: SavedResult) =>
  writeFileSync(join(from, `${r.benchmark}.json`), `${JSON.stringify(r, null, 2)}\n`);

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'lk-snapshot-'));
  from = join(root, 'bench-results');
  to = join(root, 'bench-snapshot');
  mkdirSync(from);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('snapshotResults', () => {
  it('copies full-mode results byte for byte and writes the manifest and README', () => {
    write(result('reference', false));
    write(result('matmul', false));
    writeFileSync(join(from, 'report.html'), '<html></html>');
    const now = new Date('2026-12-07T13:00:00.000Z');
    const s = snapshotResults({
      from,
      to,
      commit: 'abc123',
      now,
      known: ['matmul', 'reference', 'pca'],
    });
    expect(readdirSync(to).sort()).toEqual([
      'README.md',
      'matmul.json',
      'reference.json',
      SNAPSHOT_MANIFEST,
    ]);
    expect(readFileSync(join(to, 'reference.json'), 'utf8')).toBe(
      readFileSync(join(from, 'reference.json'), 'utf8'),
    );
    const manifest: unknown = JSON.parse(readFileSync(join(to, SNAPSHOT_MANIFEST), 'utf8'));
    expect(isSnapshotManifest(manifest)).toBe(true);
    expect(manifest).toEqual({
      command: 'pnpm bench all --full',
      commit: 'abc123',
      snapshotDate: '2026-12-07T13:00:00.000Z',
      benchmarks: ['matmul', 'reference'],
      missing: ['pca'],
      forced: false,
    });
    expect(s.results.map((r) => r.benchmark)).toEqual(['reference', 'matmul']);
    expect(s.bytes).toBe(
      readFileSync(join(from, 'reference.json')).length +
        readFileSync(join(from, 'matmul.json')).length,
    );
    const readme = readFileSync(join(to, 'README.md'), 'utf8');
    expect(readme).toContain('`abc123`');
    expect(readme).toContain(
      '| `reference` | full | 2026-12-07 11:22 UTC | 12.6 min | Test CPU | 2 | v20.20.2 | 3.96 | wasm, 2 training thread(s) |',
    );
    expect(readme).toContain('**Missing:** `pca`');
  });

  it('refuses quick-mode results unless forced, and then says so', () => {
    write(result('reference', false));
    write(result('latent-2d', true));
    expect(() => snapshotResults({ from, to, commit: 'x' })).toThrow(
      /quick-mode results \(latent-2d\)/,
    );
    expect(() => readdirSync(to)).toThrow(); // nothing written
    const s = snapshotResults({ from, to, commit: 'x', force: true });
    expect(s.manifest.forced).toBe(true);
    expect(readFileSync(join(to, 'README.md'), 'utf8')).toContain('| `latent-2d` | **quick** |');
  });

  it('replaces the result files of an older snapshot', () => {
    write(result('pca', false));
    snapshotResults({ from, to, commit: 'x' });
    rmSync(join(from, 'pca.json'));
    write(result('cvae', false));
    snapshotResults({ from, to, commit: 'y' });
    expect(
      readdirSync(to)
        .filter((n) => n.endsWith('.json'))
        .sort(),
    ).toEqual(['cvae.json', SNAPSHOT_MANIFEST]);
  });

  it('takes the commit the results record, and refuses results of different commits', () => {
    write({ ...result('pca', false), commit: 'c1' });
    write({ ...result('cvae', false), commit: 'c1' });
    expect(snapshotResults({ from, to }).manifest.commit).toBe('c1');
    expect(readFileSync(join(to, 'README.md'), 'utf8')).toContain(
      '`c1` (recorded in every result file)',
    );
    write({ ...result('cvae', false), commit: 'c2' });
    expect(() => snapshotResults({ from, to })).toThrow(/different commits \(c1, c2\)/);
    expect(snapshotResults({ from, to, commit: 'given' }).manifest.commit).toBe('given');
  });

  it('refuses an empty folder and a file that does not parse', () => {
    expect(() => snapshotResults({ from, to })).toThrow(/no benchmark results/);
    write(result('pca', false));
    writeFileSync(join(from, 'broken.json'), '{ "benchmark": ');
    expect(() => snapshotResults({ from, to })).toThrow(/cannot parse broken\.json/);
  });
});
