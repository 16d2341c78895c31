import { createRng, InvalidArgumentError } from '@latentkit/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/init-backend.js';
import { zeros } from './zeros.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

describe('zeros', () => {
  it('gives float32 zeros of the shape and does not advance a generator', () => {
    const rng = createRng(3);
    const before = createRng(3).next();
    const t = zeros([2, 3], rng);
    expect(t.dtype).toBe('float32');
    expect(t.shape).toEqual([2, 3]);
    expect(Array.from(t.dataSync())).toEqual([0, 0, 0, 0, 0, 0]);
    expect(rng.next()).toBe(before);
    t.dispose();
    expect(() => zeros([2, -1])).toThrow(InvalidArgumentError);
  });
});
