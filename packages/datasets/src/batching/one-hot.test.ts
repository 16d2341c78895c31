import { InvalidArgumentError, initBackend } from '@latentkit/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { oneHot, oneHotTensor } from './one-hot.js';

beforeAll(async () => {
  await initBackend({ backend: 'cpu' });
});

describe('oneHot', () => {
  it('puts a single 1 at each label', () => {
    expect(Array.from(oneHot([2, 0], 3))).toEqual([0, 0, 1, 1, 0, 0]);
    const t = oneHotTensor(Uint8Array.of(1), 2);
    expect(t.shape).toEqual([1, 2]);
    expect(Array.from(t.dataSync())).toEqual([0, 1]);
    t.dispose();
  });

  it('rejects labels out of range and bad class counts', () => {
    expect(() => oneHot([3], 3)).toThrow(InvalidArgumentError);
    expect(() => oneHot([-1], 3)).toThrow(InvalidArgumentError);
    expect(() => oneHot([1.5], 3)).toThrow(InvalidArgumentError);
    expect(() => oneHot([0], 0)).toThrow(InvalidArgumentError);
  });
});
