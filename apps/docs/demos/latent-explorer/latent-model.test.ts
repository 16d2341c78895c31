import { tf } from '@latentkit/tensor';
import { describe, expect, it } from 'vitest';
import { anomalyScores, decodePoints, encodeMeans, interpolationStrip } from './latent-model.js';
import { useTinyLatentModel } from './tiny-latent-model.js';

const tiny = useTinyLatentModel();

describe('latent explorer model helpers', () => {
  it('latent point → image: σ(decoder logits), equal to decodeMean, in [0, 1], different points differ', () => {
    const before = tf.memory().numTensors;
    const img = decodePoints(tiny(), Float32Array.from([0.5, -1]));
    expect(tf.memory().numTensors).toBe(before);
    const ref = tf.tidy(() =>
      tiny()
        .decodeMean(tf.tensor2d([0.5, -1], [1, 2]))
        .dataSync(),
    );
    expect(img).toEqual(ref);
    expect(img).toHaveLength(784);
    expect(Math.min(...img)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...img)).toBeLessThanOrEqual(1);
    // By hand: decoder.out(relu(decoder.fc1(z))) then the logistic function.
    const r = tiny().store.toRecord();
    const z = [0.5, -1];
    const w1 = r['decoder.fc1.weight']!;
    const hidden = Array.from({ length: 16 }, (_, j) =>
      Math.max(0, r['decoder.fc1.bias']!.data[j]! + z[0]! * w1.data[j]! + z[1]! * w1.data[16 + j]!),
    );
    const w2 = r['decoder.out.weight']!;
    for (const p of [0, 300, 783]) {
      let s = r['decoder.out.bias']!.data[p]!;
      for (let j = 0; j < 16; j++) s += hidden[j]! * w2.data[j * 784 + p]!;
      expect(img[p]).toBeCloseTo(1 / (1 + Math.exp(-s)), 5);
    }
    expect(decodePoints(tiny(), Float32Array.from([0.6, -1]))).not.toEqual(img);
    expect(() => decodePoints(tiny(), Float32Array.from([1, 2, 3]))).toThrow(/n × 2/);
  });

  it('encodeMeans batches without changing the result', () => {
    const n = 1100; // > one batch of 500
    const x = Float32Array.from({ length: n * 784 }, (_, i) => ((i * 7919) % 255) / 255);
    const all = encodeMeans(tiny(), x, n);
    const one = tf.tidy(() =>
      tiny()
        .encode(tf.tensor2d(x.subarray(1050 * 784, 1051 * 784), [1, 784]))
        .mu.dataSync(),
    );
    expect(all.subarray(2100, 2102)[0]).toBeCloseTo(one[0]!, 5);
    expect(all.subarray(2100, 2102)[1]).toBeCloseTo(one[1]!, 5);
  });

  it('interpolation: ends are a and b; linear is straight; slerp keeps |z| when |a| = |b|', () => {
    const a = [2, 0];
    const b = [0, 2];
    const lin = interpolationStrip(tiny(), a, b, 5, 'linear');
    const sph = interpolationStrip(tiny(), a, b, 5, 'spherical');
    for (const p of [lin, sph]) {
      expect(Array.from(p.codes.subarray(0, 2))).toEqual(a);
      expect(p.codes[8]).toBeCloseTo(0, 6);
      expect(p.codes[9]).toBeCloseTo(2, 6);
      expect(p.images).toHaveLength(5 * 784);
      expect(p.images.subarray(0, 784)).toEqual(decodePoints(tiny(), Float32Array.from(a)));
    }
    for (let i = 0; i < 5; i++) {
      expect(Math.hypot(sph.codes[2 * i]!, sph.codes[2 * i + 1]!)).toBeCloseTo(2, 5);
      expect(lin.codes[2 * i]! + lin.codes[2 * i + 1]!).toBeCloseTo(2, 6); // on the segment x + y = 2
    }
    expect(Math.hypot(lin.codes[4]!, lin.codes[5]!)).toBeCloseTo(Math.SQRT2, 5); // the chord dips inside
  });

  it('anomaly scores are positive nats and deterministic (seed 0)', () => {
    const x = Float32Array.from({ length: 2 * 784 }, (_, i) => (i % 3 === 0 ? 1 : 0));
    const s1 = anomalyScores(tiny(), x, 2);
    const s2 = anomalyScores(tiny(), x, 2);
    expect(s1).toEqual(s2);
    expect(s1[0]).toBeGreaterThan(0);
  });
});
