import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluateElbo, float32ToHalfBits, halfBitsToFloat32 } from '@latentkit/models';
import { type BackendInfo, createRng, initBackend, tf } from '@latentkit/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pretrainedFromBytes } from '../../demos/common/pretrained-model.js';
import { modelJob } from './model-job.js';
import type { PretrainContext } from './pretrain-job.js';

let dir: string;
let backend: BackendInfo;
beforeAll(async () => {
  backend = await initBackend({ backend: 'wasm' });
  dir = mkdtempSync(join(tmpdir(), 'lk-pretrain-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** 300 training and 100 test rows of 6 values in [0, 1] with structure (two latent factors). */
function toyData(seed: number, n: number): Float32Array {
  const rng = createRng(seed);
  const x = new Float32Array(n * 6);
  for (let i = 0; i < n; i++) {
    const a = rng.next();
    const b = rng.next();
    for (let j = 0; j < 6; j++) x[i * 6 + j] = j < 3 ? a : b;
  }
  return x;
}

describe('modelJob', () => {
  it('trains, rounds to F16, saves a file that loads and reproduces its recorded score', async () => {
    const logs: string[] = [];
    const context: PretrainContext = {
      modelsDir: dir,
      dataDir: dir,
      backend,
      quick: true,
      mnist: () => {
        throw new Error('not used');
      },
      log: (m) => logs.push(m),
    };
    const train = toyData(1, 300);
    const test = toyData(2, 100);
    const job = modelJob({
      id: 'toy',
      file: 'toy.safetensors',
      title: 'toy VAE',
      config: { kind: 'vae', inputShape: [6], latentDim: 2, encoder: { type: 'mlp', hidden: [8] } },
      seed: 3,
      epochs: 3,
      batchSize: 50,
      lr: 1e-2,
      data: () => ({
        train: { x: train },
        test: { x: test },
        trainNote: 'toy train',
        testNote: 'toy test',
      }),
      score: async () => ({ scores: { answer: 42 }, notes: { answer: 'a constant' } }),
    });
    const before = tf.memory().numTensors;
    const out = await job.run(context);
    expect(tf.memory().numTensors).toBe(before); // the job frees its model
    const entry = out.models!.toy!;
    const bytes = new Uint8Array(readFileSync(join(dir, 'toy.safetensors')));
    expect(entry.bytes).toBe(bytes.length);
    expect(entry.parameters).toBe(6 * 8 + 8 + 2 * (8 * 2 + 2) + 2 * 8 + 8 + 8 * 6 + 6);
    const { model, training } = pretrainedFromBytes(bytes);
    try {
      expect(training).toEqual(entry.training);
      expect(training.steps).toBe(3 * 6);
      expect(training.lossPerEpoch).toHaveLength(3);
      expect(training.scores.answer).toBe(42);
      const again = evaluateElbo(model, { x: test }, { seed: 0 });
      expect(again.negElbo).toBeCloseTo(training.scores.testNegElbo!, 3);
      // F16 storage: every weight is exactly representable in half precision.
      for (const rec of Object.values(model.store.toRecord())) {
        const v = rec.data as Float32Array;
        expect(halfBitsToFloat32(float32ToHalfBits(v, 'F16'), 'F16')).toEqual(v);
      }
    } finally {
      model.dispose();
    }
    expect(logs.some((l) => l.includes('toy: test −ELBO'))).toBe(true);
  });
});
