import { describe, expect, it } from 'vitest';
import { isSavedResult } from './is-saved-result.js';
import { isSnapshotManifest } from './is-snapshot-manifest.js';

describe('isSnapshotManifest', () => {
  const manifest = {
    command: 'pnpm bench all --full',
    commit: 'fd40034',
    snapshotDate: '2026-12-07T13:00:00.000Z',
    benchmarks: ['matmul', 'reference'],
    missing: ['verilog'],
    forced: false,
  };

  it('accepts a manifest and refuses other JSON', () => {
    expect(isSnapshotManifest(manifest)).toBe(true);
    expect(isSnapshotManifest({ ...manifest, forced: 'no' })).toBe(false);
    expect(isSnapshotManifest({ ...manifest, benchmarks: ['a', 1] })).toBe(false);
    const { missing: _, ...withoutMissing } = manifest;
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
