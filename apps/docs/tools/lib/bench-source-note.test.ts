import type { SavedResult, SnapshotEntry } from '@latentkit/report';
import { describe, expect, it } from 'vitest';
import { commitText, sourceNote } from './bench-source-note.js';

const result = (benchmark: string, date: string, commit?: string): SavedResult => ({
  benchmark,
  date,
  durationMs: 1000,
  options: { quick: false, backend: 'wasm' },
  environment: {
    node: 'v20.20.2',
    platform: 'linux',
    arch: 'x64',
    cpuModel: 'Test CPU',
    logicalCores: 2,
    loadAverage1m: 1,
  },
  ...(commit ? { commit } : {}),
  results: {},
});
const entry = (benchmark: string, commit: string, command: string): SnapshotEntry => ({
  benchmark,
  commit,
  command,
  added: '2026-12-08T02:00:00.000Z',
});
const HASH = '0123456789abcdef0123456789abcdef01234567';

describe('sourceNote', () => {
  it('names the committed snapshot: command, commit, dates and missing benchmarks', () => {
    const md = sourceNote(
      [result('pca', '2026-11-30T10:00:00.000Z'), result('matmul', '2026-12-08T01:00:00.000Z')],
      {
        kind: 'snapshot',
        path: 'apps/bench/bench-snapshot',
        manifest: {
          snapshotDate: '2026-12-08T02:00:00.000Z',
          entries: [
            entry('matmul', HASH, 'pnpm bench all --full'),
            entry('pca', HASH, 'pnpm bench all --full'),
          ],
          missing: ['verilog'],
          forced: false,
        },
      },
    );
    expect(md).toContain(
      '<strong>committed snapshot</strong> in <code>apps/bench/bench-snapshot</code>: 2 benchmarks, ' +
        'full mode, run 2026-11-30 – 2026-12-08 with <code>pnpm bench all --full</code> at commit ' +
        '<code>0123456789ab</code> (snapshot refreshed 2026-12-08)',
    );
    expect(md).toContain('Not in the snapshot: <code>verilog</code>');
    expect(md).toMatch(/^::: info Where these figures come from\n/);
  });

  it('lists each run of a merged snapshot with its benchmarks', () => {
    const md = sourceNote([result('pca', '2026-12-08T01:00:00.000Z')], {
      kind: 'snapshot',
      path: 's',
      manifest: {
        snapshotDate: '2026-12-08T02:00:00.000Z',
        entries: [
          entry('cvae', 'aaa', 'pnpm bench all --full'),
          entry('pca', 'bbb', 'pnpm bench pca --full'),
          entry('reference', 'aaa', 'pnpm bench all --full'),
        ],
        missing: [],
        forced: false,
      },
    });
    expect(md).toContain(
      ' in 2 runs: <code>pnpm bench all --full</code> at commit <code>aaa</code> ' +
        '(<code>cvae</code>, <code>reference</code>); <code>pnpm bench pca --full</code> at commit ' +
        '<code>bbb</code> (<code>pca</code>)',
    );
    expect(md).not.toContain('Not in the snapshot');
  });

  it('says a local run is not the snapshot, with the commits its files record', () => {
    const md = sourceNote(
      [
        { ...result('pca', '2026-12-08T01:00:00.000Z', `${'a'.repeat(40)}-dirty`) },
        {
          ...result('cvae', '2026-12-08T01:00:00.000Z'),
          options: { quick: true, backend: 'wasm' },
        },
      ],
      { kind: 'local', path: 'apps/bench/bench-results' },
    );
    expect(md).toContain(
      '<strong>your own run</strong>, read from <code>apps/bench/bench-results</code>',
    );
    expect(md).toContain('2 benchmarks, 1 of 2 in quick mode');
    expect(md).toContain(`commit <code>${'a'.repeat(12)}</code> (with uncommitted changes)`);
    expect(md).toContain('They are not the committed snapshot');
  });
});

describe('commitText', () => {
  it('shortens a hash to 12 digits', () => {
    expect(commitText(HASH)).toBe('<code>0123456789ab</code>');
    expect(commitText('unknown')).toBe('<code>unknown</code>');
  });
});
