import { InvalidArgumentError, initBackend, tf } from '@latentkit/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { codeStatistics } from './code-statistics.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

function stats(idx: number[], k: number) {
  const t = tf.tensor1d(idx, 'int32');
  const s = codeStatistics(t, k);
  const out = {
    counts: [...s.counts.dataSync()],
    perplexity: s.perplexity.dataSync()[0]!,
    usage: s.usage.dataSync()[0]!,
  };
  tf.dispose([t, s.counts, s.perplexity, s.usage]);
  return out;
}

describe('codeStatistics', () => {
  it('perplexity is K for a uniform assignment and 1 for a collapsed one', () => {
    const k = 16;
    const uniform = stats(
      Array.from({ length: 64 }, (_, i) => i % k),
      k,
    );
    expect(uniform.perplexity).toBeCloseTo(k, 4);
    expect(uniform.usage).toBe(1);
    const collapsed = stats(Array(50).fill(3), k);
    expect(collapsed.perplexity).toBeCloseTo(1, 6);
    expect(collapsed.usage).toBeCloseTo(1 / k, 7);
  });

  it('perplexity is exp of the entropy of known counts', () => {
    const counts = [5, 0, 3, 1, 0, 11];
    const idx = counts.flatMap((c, j) => Array(c).fill(j) as number[]);
    const n = idx.length;
    const h = -counts.filter((c) => c > 0).reduce((a, c) => a + (c / n) * Math.log(c / n), 0);
    const s = stats(idx, 6);
    expect(s.counts).toEqual(counts);
    expect(s.perplexity).toBeCloseTo(Math.exp(h), 5);
    expect(s.usage).toBeCloseTo(4 / 6, 7);
  });

  it('rejects bad input', () => {
    expect(() => codeStatistics(tf.zeros([3]), 4)).toThrow(InvalidArgumentError);
    expect(() => codeStatistics(tf.zeros([3], 'int32'), 0)).toThrow(InvalidArgumentError);
    expect(() => codeStatistics(tf.zeros([0], 'int32'), 3)).toThrow(InvalidArgumentError);
  });
});
