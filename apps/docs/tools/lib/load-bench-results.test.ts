import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isSavedResult, type SavedResult } from '@latentkit/report';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderBenchBody } from './bench-page.js';
import { escapeForPage } from './escape-for-page.js';
import { loadBenchResults } from './load-bench-results.js';
import { BENCH_SNAPSHOT_DIR, type BenchSource, benchResultSources, REPO_ROOT } from './paths.js';

const result = (benchmark: string, quick: boolean): SavedResult => ({
  benchmark,
  date: '2026-12-07T11:22:47.717Z',
  durationMs: 1000,
  options: { quick, backend: 'wasm' },
  environment: {
    node: 'v20.20.2',
    platform: 'linux',
    arch: 'x64',
    cpuModel: 'Test CPU',
    logicalCores: 2,
    loadAverage1m: 1,
  },
  table: { columns: ['a'], rows: [['1']] },
  results: {},
});

describe('benchResultSources', () => {
  it('reads $LATENTKIT_BENCH_RESULTS alone when set, else a local run before the snapshot', () => {
    expect(benchResultSources({ LATENTKIT_BENCH_RESULTS: '/x/y' })).toEqual([
      { kind: 'env', dir: '/x/y' },
    ]);
    const sources = benchResultSources({});
    expect(sources.map((s) => s.kind)).toEqual(['local', 'local', 'snapshot']);
    expect(sources[0]!.dir).toBe(join(REPO_ROOT, 'apps/bench/bench-results'));
    expect(sources[2]!.dir).toBe(BENCH_SNAPSHOT_DIR);
  });
});

describe('loadBenchResults', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'lk-bench-page-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const folder = (name: string, results: SavedResult[], manifest?: object): BenchSource['dir'] => {
    const dir = join(root, name);
    mkdirSync(dir);
    for (const r of results) writeFileSync(join(dir, `${r.benchmark}.json`), JSON.stringify(r));
    if (manifest) writeFileSync(join(dir, 'snapshot.json'), JSON.stringify(manifest));
    return dir;
  };
  const manifest = (benchmarks: string[]) => ({
    snapshotDate: '2026-12-07T13:00:00.000Z',
    entries: benchmarks.map((benchmark) => ({
      benchmark,
      commit: 'abc',
      command: 'pnpm bench all --full',
      added: '2026-12-07T13:00:00.000Z',
    })),
    missing: [],
    forced: false,
  });

  it('prefers a local run with results over the snapshot, and reads a snapshot manifest', () => {
    const local = folder('local', [result('pca', true)]);
    const empty = folder('empty', []);
    const snap = folder('snap', [result('matmul', false)], manifest(['matmul']));
    const sources: BenchSource[] = [
      { kind: 'local', dir: empty },
      { kind: 'local', dir: join(root, 'absent') },
      { kind: 'snapshot', dir: snap },
    ];
    const fromSnapshot = loadBenchResults(sources);
    expect(fromSnapshot.source).toEqual({ kind: 'snapshot', dir: snap });
    expect(fromSnapshot.manifest?.entries[0]?.commit).toBe('abc');
    expect(fromSnapshot.results.map((r) => r.benchmark)).toEqual(['matmul']);
    const fromLocal = loadBenchResults([{ kind: 'local', dir: local }, ...sources]);
    expect(fromLocal.source?.kind).toBe('local');
    expect(fromLocal.manifest).toBeUndefined();
    expect(loadBenchResults([{ kind: 'local', dir: empty }]).source).toBeUndefined();
  });

  it("refuses a manifest that does not list the folder's results", () => {
    const snap = folder('snap', [result('matmul', false)], manifest(['matmul', 'pca']));
    expect(() => loadBenchResults([{ kind: 'snapshot', dir: snap }])).toThrow(
      /lists matmul, pca but the folder holds matmul/,
    );
  });

  it('flags quick-mode results on the page', () => {
    const dir = folder('quick', [result('latent-2d', true)]);
    const { results, source } = loadBenchResults([{ kind: 'local', dir }]);
    const md = renderBenchBody(results, './img', { kind: source!.kind, path: 'x' }).markdown;
    expect(md).toContain('::: warning Quick mode');
    expect(md).toContain('quick mode · 2026-12-07');
  });
});

describe('the committed snapshot', () => {
  const loaded = loadBenchResults([{ kind: 'snapshot', dir: BENCH_SNAPSHOT_DIR }]);
  const reference = JSON.parse(readFileSync(join(BENCH_SNAPSHOT_DIR, 'reference.json'), 'utf8'));

  it('holds full-mode results with a manifest, the reference suite among them', () => {
    expect(loaded.source?.kind).toBe('snapshot');
    expect(loaded.manifest?.forced).toBe(false);
    for (const e of loaded.manifest!.entries) expect(e.commit).toMatch(/^[0-9a-f]{40}(-dirty)?$/);
    expect(loaded.results.map((r) => r.benchmark)).toContain('reference');
    expect(loaded.results.every((r) => !r.options.quick)).toBe(true);
    expect(isSavedResult(reference)).toBe(true);
  });

  it('gives a page with the reference table figures, every chart and the provenance', () => {
    const body = renderBenchBody(loaded.results, './_generated/bench', {
      kind: 'snapshot',
      path: 'apps/bench/bench-snapshot',
      manifest: loaded.manifest!,
    });
    const md = body.markdown;
    const rows: string[][] = reference.table.rows;
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const cells = row.filter((c) => c !== '').map((c) => `>${escapeForPage(c)}</td>`);
      for (const cell of cells) expect(md).toContain(cell);
    }
    // the test −ELBO column's numbers, read from the JSON, appear in the page
    const elbo = reference.table.columns.findIndex((c: string) => c.startsWith('test −ELBO'));
    expect(elbo).toBeGreaterThan(-1);
    for (const row of rows) {
      if (row[elbo]) expect(md).toContain(`<td class="num">${row[elbo]}</td>`);
    }
    const figures = loaded.results.reduce((n, r) => n + (r.figures?.length ?? 0), 0);
    expect(body.images).toHaveLength(figures);
    expect(body.images.filter((i) => i.name.startsWith('reference-'))).toHaveLength(
      reference.figures.length,
    );
    const commits = loaded.manifest!.entries.map((e) => e.commit);
    for (const c of commits) expect(md).toContain(`at commit <code>${c.slice(0, 12)}</code>`);
    for (const r of loaded.results) {
      const e = loaded.manifest!.entries.find((x) => x.benchmark === r.benchmark);
      if (r.commit) expect(e?.commit).toBe(r.commit); // the manifest agrees with the files
    }
    expect(md).not.toContain('::: warning Quick mode');
  });
});
