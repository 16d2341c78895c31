import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isSnapshotManifest, type SavedResult } from '@latentkit/report';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SNAPSHOT_MANIFEST, snapshotResults } from './snapshot-results.js';

const result = (benchmark: string, quick: boolean, commit?: string): SavedResult => ({
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
  ...(commit ? { commit } : {}),
  table: { columns: ['run', 'samples/s'], rows: [['seed 1', '15.46k']] },
  results: {},
});

let root: string;
let from: string;
let to: string;
const write = (r: SavedResult) =>
  writeFileSync(join(from, `${r.benchmark}.json`), `${JSON.stringify(r, null, 2)}\n`);
const resultFiles = () =>
  readdirSync(to)
    .filter((n) => n.endsWith('.json') && n !== SNAPSHOT_MANIFEST)
    .sort();

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
    const entry = (benchmark: string) => ({
      benchmark,
      commit: 'abc123',
      command: 'pnpm bench all --full',
      added: '2026-12-07T13:00:00.000Z',
    });
    expect(manifest).toEqual({
      snapshotDate: '2026-12-07T13:00:00.000Z',
      entries: [entry('matmul'), entry('reference')],
      missing: ['pca'],
      forced: false,
    });
    expect(s.results.map((r) => r.benchmark)).toEqual(['reference', 'matmul']);
    expect(s.bytes).toBe(
      readFileSync(join(from, 'reference.json')).length +
        readFileSync(join(from, 'matmul.json')).length,
    );
    const readme = readFileSync(join(to, 'README.md'), 'utf8');
    expect(readme).toContain(
      '- `pnpm bench all --full` at commit `abc123` (not recorded in every result file',
    );
    expect(readme).toContain('copied 2026-12-07 13:00 UTC: `matmul`, `reference`');
    expect(readme).toContain(
      '| `reference` | full | 2026-12-07 11:22 UTC | 12.6 min | Test CPU | 2 | v20.20.2 | 3.96 | wasm, 2 training thread(s) | `abc123` |',
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
    const readme = readFileSync(join(to, 'README.md'), 'utf8');
    expect(readme).toContain('| `latent-2d` | **quick** |');
    expect(readme).toContain('**Includes quick-mode results**');
  });

  it('replaces the result files of an older snapshot', () => {
    write(result('pca', false));
    snapshotResults({ from, to, commit: 'x' });
    rmSync(join(from, 'pca.json'));
    write(result('cvae', false));
    snapshotResults({ from, to, commit: 'y' });
    expect(resultFiles()).toEqual(['cvae.json']);
  });

  it('merges: replaces only the benchmarks re-run, keeping the provenance of the others', () => {
    write(result('pca', false, 'c1'));
    write(result('reference', false, 'c1'));
    snapshotResults({ from, to, now: new Date('2026-12-07T13:00:00.000Z') });
    rmSync(join(from, 'pca.json'));
    write({ ...result('reference', false, 'c2'), durationMs: 1 });
    const s = snapshotResults({
      from,
      to,
      merge: true,
      command: 'pnpm bench reference --full',
      now: new Date('2026-12-08T09:00:00.000Z'),
    });
    expect(resultFiles()).toEqual(['pca.json', 'reference.json']);
    expect(s.manifest.entries).toEqual([
      {
        benchmark: 'pca',
        commit: 'c1',
        command: 'pnpm bench all --full',
        added: '2026-12-07T13:00:00.000Z',
      },
      {
        benchmark: 'reference',
        commit: 'c2',
        command: 'pnpm bench reference --full',
        added: '2026-12-08T09:00:00.000Z',
      },
    ]);
    expect(s.results.find((r) => r.benchmark === 'reference')?.durationMs).toBe(1);
    const readme = readFileSync(join(to, 'README.md'), 'utf8');
    expect(readme).toContain(
      '`c1` (recorded in the result files), copied 2026-12-07 13:00 UTC: `pca`',
    );
    expect(readme).toContain(
      '- `pnpm bench reference --full` at commit `c2` (recorded in the result files)',
    );
  });

  it('refuses to merge into a folder without a manifest', () => {
    write(result('pca', false));
    expect(() => snapshotResults({ from, to, merge: true })).toThrow(/no snapshot\.json/);
  });

  it('takes the commit the results record, and refuses results of different commits', () => {
    write(result('pca', false, 'c1'));
    write(result('cvae', false, 'c1'));
    expect(snapshotResults({ from, to }).manifest.entries.map((e) => e.commit)).toEqual([
      'c1',
      'c1',
    ]);
    write(result('cvae', false, 'c2'));
    expect(() => snapshotResults({ from, to })).toThrow(/different commits \(c1, c2\)/);
    const given = snapshotResults({ from, to, commit: 'given' });
    expect(given.manifest.entries.every((e) => e.commit === 'given')).toBe(true);
  });

  it('refuses an empty folder and a file that does not parse', () => {
    expect(() => snapshotResults({ from, to })).toThrow(/no benchmark results/);
    write(result('pca', false));
    writeFileSync(join(from, 'broken.json'), '{ "benchmark": ');
    expect(() => snapshotResults({ from, to })).toThrow(/cannot parse broken\.json/);
  });
});
