import { createModel, type Model } from '@latentkit/models';
import { initBackend, tf } from '@latentkit/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toGreyBytes } from './image-figure.js';
import {
  firstOfEachDigit,
  interpolationFigure,
  latentScatterFigure,
  priorSamplesFigure,
} from './latent-figures.js';
import type { MnistRows } from './mnist.js';

// An untrained small model is enough: the figures' geometry and their relation to the model's
// own encode/decode is what is checked.
let model: Model;
const set: MnistRows = {
  x: Uint8Array.from({ length: 12 * 784 }, (_, i) => (i * 7919) % 256),
  labels: Uint8Array.from([5, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0]),
  n: 12,
};

beforeAll(async () => {
  await initBackend({ backend: 'cpu' });
  model = createModel(
    { kind: 'vae', inputShape: [784], latentDim: 3, encoder: { type: 'mlp', hidden: [8] } },
    { seed: 1 },
  );
});
afterAll(() => model.dispose());

function encodeMean(rows: number[]): tf.Tensor {
  return tf.tidy(() => {
    const x = tf.tensor2d(
      Float32Array.from(rows.flatMap((r) => Array.from(set.x.subarray(r * 784, (r + 1) * 784)))),
      [rows.length, 784],
    );
    return model.encode(tf.div(x, 255)).mu;
  });
}

describe('firstOfEachDigit', () => {
  it('finds the first row of each digit', () => {
    expect(firstOfEachDigit(set, [0, 5, 9])).toEqual([1, 0, 10]);
    expect(() => firstOfEachDigit({ ...set, labels: new Uint8Array(12) }, [3])).toThrow(RangeError);
  });
});

describe('priorSamplesFigure', () => {
  it('gives rows × cols images and the same pixels for the same seed', () => {
    const a = priorSamplesFigure(model, { rows: 2, cols: 3, seed: 4, title: 't' });
    const b = priorSamplesFigure(model, { rows: 2, cols: 3, seed: 4, title: 't' });
    const c = priorSamplesFigure(model, { rows: 2, cols: 3, seed: 5, title: 't' });
    expect(Buffer.from(a.pixels, 'base64').length).toBe(6 * 784);
    expect(a.pixels).toBe(b.pixels);
    expect(a.pixels).not.toBe(c.pixels);
  });
});

describe('interpolationFigure', () => {
  it('has a linear and a spherical row per pair, both starting and ending at the decoded means', () => {
    const f = interpolationFigure(model, set, [[0, 9]], 5, 't');
    expect(f.rows).toBe(2);
    expect(f.cols).toBe(5);
    expect(f.rowLabels).toEqual(['0→9 linear', '0→9 spherical']);
    const bytes = Buffer.from(f.pixels, 'base64');
    const ends = tf.tidy(() => model.decodeMean(encodeMean([1, 10])));
    const want = toGreyBytes(ends.dataSync());
    ends.dispose();
    const image = (r: number, c: number) =>
      bytes.subarray((r * 5 + c) * 784, (r * 5 + c + 1) * 784);
    const close = (got: Uint8Array, exp: Uint8Array) => {
      for (let i = 0; i < 784; i++) expect(Math.abs(got[i]! - exp[i]!)).toBeLessThanOrEqual(1);
    };
    for (const r of [0, 1]) {
      close(image(r, 0), want.subarray(0, 784));
      close(image(r, 4), want.subarray(784));
    }
  });
});

describe('latentScatterFigure', () => {
  it('plots the first two coordinates of the posterior means, classed by label', () => {
    const f = latentScatterFigure(model, set, 't');
    const mu = encodeMean(Array.from({ length: 12 }, (_, i) => i));
    const m = mu.arraySync() as number[][];
    mu.dispose();
    expect(f.classes).toEqual([...set.labels]);
    expect(f.classNames).toHaveLength(10);
    for (let i = 0; i < 12; i++) {
      expect(f.x[i]).toBeCloseTo(m[i]![0]!, 2);
      expect(f.y[i]).toBeCloseTo(m[i]![1]!, 2);
    }
  });
});
