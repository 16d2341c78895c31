import { describe, expect, it } from 'vitest';
import { isSavedResult } from './is-saved-result.js';
import { isSnapshotManifest } from './is-snapshot-manifest.js';

describe('isSnapshotManifest', () => {
  const entry = {
    benchmark: 'reference',
    commit: 'fd40034',
    command: 'pnpm bench all --full',
    added: '2026-12-07T13:00:00.000Z',
  };
  const manifest = {
    snapshotDate: '2026-12-07T13:00:00.000Z',
    entries: [entry, { ...entry, benchmark: 'matmul' }],
    missing: ['verilog'],
    forced: false,
  };

  it('accepts a manifest and refuses other JSON', () => {
    expect(isSnapshotManifest(manifest)).toBe(true);
    expect(isSnapshotManifest({ ...manifest, entries: [] })).toBe(true);
    expect(isSnapshotManifest({ ...manifest, forced: 'no' })).toBe(false);
    expect(isSnapshotManifest({ ...manifest, missing: ['a', 1] })).toBe(false);
    const { commit: _, ...noCommit } = entry;
    expect(isSnapshotManifest({ ...manifest, entries: [entry, noCommit] })).toBe(false);
    expect(isSnapshotManifest({ ...manifest, entries: [null] })).toBe(false);
    const { missing: __, ...withoutMissing } = manifest;
    expect(isSnapshotManifest(withoutMissing)).toBe(false);
    expect(isSnapshotManifest([manifest])).toBe(false);
    expect(isSnapshotManifest(null)).toBe(false);
  });

  it('is never mistaken for a saved result, nor a result for it', () => {
    expect(isSavedResult(manifest)).toBe(false);
    const result = {
      benchmark: 'pca',
      date: '2026-01-02T03:04:05.000Z',
      durationMs: 12,
      options: { quick: false, backend: 'wasm' },
      environment: {},
      results: {},
    };
    expect(isSnapshotManifest(result)).toBe(false);
  });
});
