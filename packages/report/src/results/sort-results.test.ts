import { describe, expect, it } from 'vitest';
import type { SavedResult } from './saved-result.js';
import { sortResults } from './sort-results.js';

function result(name: string): SavedResult {
  return {
    benchmark: name,
    date: '2026-01-02T03:04:05.000Z',
    durationMs: 1500,
    options: { quick: true, backend: 'wasm' },
    environment: {
      node: 'v20',
      platform: 'linux',
      arch: 'x64',
      cpuModel: 'cpu',
      logicalCores: 2,
      loadAverage1m: 0.5,
    },
    results: {},
  };
}

describe('sortResults', () => {
  it('puts known sections in report order and the rest by name', () => {
    const names = sortResults([
      result('zeta'),
      result('pca'),
      result('reference'),
      result('alpha'),
      result('matmul'),
    ]).map((r) => r.benchmark);
    expect(names).toEqual(['reference', 'matmul', 'pca', 'alpha', 'zeta']);
  });
});
