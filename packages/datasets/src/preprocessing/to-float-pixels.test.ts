import {
  InvalidArgumentError,
  initBackend,
  ShapeError,
  UnknownOptionError,
} from '@latentkit/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { toFloatPixels, toFloatTensor } from './to-float-pixels.js';

beforeAll(async () => {
  await initBackend({ backend: 'cpu' });
});

describe('toFloatPixels / toFloatTensor', () => {
  it('scales grey levels to [0, 1] by default and leaves other arrays alone', () => {
    expect(Array.from(toFloatPixels(Uint8Array.of(0, 51, 255)))).toEqual([0, Math.fround(0.2), 1]);
    expect(Array.from(toFloatPixels(Uint8Array.of(0, 1), { scale: 1 }))).toEqual([0, 1]);
    expect(Array.from(toFloatPixels(Int32Array.of(2)))).toEqual([2]);
    const t = toFloatTensor(Uint8Array.of(255, 0, 0, 255), [1, 2, 2, 1]);
    expect(t.dtype).toBe('float32');
    expect(Array.from(t.dataSync())).toEqual([1, 0, 0, 1]);
    t.dispose();
  });

  it('rejects bad shapes and options', () => {
    expect(() => toFloatTensor(new Uint8Array(3), [2, 2])).toThrow(ShapeError);
    expect(() => toFloatPixels(new Uint8Array(3), { scale: Number.NaN })).toThrow(
      InvalidArgumentError,
    );
    expect(() => toFloatPixels(new Uint8Array(3), { factor: 2 } as never)).toThrow(
      UnknownOptionError,
    );
  });
});
