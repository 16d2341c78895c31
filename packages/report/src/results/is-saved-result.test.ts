import { describe, expect, it } from 'vitest';
import { isSavedResult } from './is-saved-result.js';

describe('isSavedResult', () => {
  const saved = {
    benchmark: 'pca',
    date: '2026-01-02T03:04:05.000Z',
    durationMs: 12,
    options: { quick: true, backend: 'wasm' },
    environment: {},
    results: {},
  };

  it('accepts a result and refuses other JSON', () => {
    expect(isSavedResult(saved)).toBe(true);
    expect(isSavedResult({ not: 'a result' })).toBe(false);
    expect(isSavedResult({ ...saved, options: null })).toBe(false);
    expect(isSavedResult(null)).toBe(false);
    expect(isSavedResult([saved])).toBe(false);
  });
});
