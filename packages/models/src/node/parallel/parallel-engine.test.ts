import { WorkerError } from '@latentkit/core';
import {
  createAdam,
  InvalidArgumentError,
  initBackend,
  NonFiniteError,
  tf,
  UnknownOptionError,
} from '@latentkit/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { dataFor, mnistSubset } from '../../../test/support/mnist-subset.js';
import { createModel } from '../../model/create-model.js';
import type { ModelConfig } from '../../model/model-config.js';
import { type TrainOptions, train } from '../../training/train.js';
import { createMemoryCheckpointStore } from '../../training/train-checkpoint.js';
import type { TrainEngine } from '../../training/train-engine.js';
import { createParallelEngine } from './parallel-engine.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

const vae: ModelConfig = {
  kind: 'vae',
  inputShape: [784],
  latentDim: 4,
  encoder: { type: 'mlp', hidden: [32] },
};
const cvae: ModelConfig = { ...vae, kind: 'cvae', numClasses: 10 };
// 130 examples, batch 32: 5 batches per epoch, the last one of 2 rows.
const data = mnistSubset(130);
const base: TrainOptions = { epochs: 2, batchSize: 32, seed: 5, learningRate: 3e-3 };

async function run(
  config: ModelConfig,
  options: Partial<TrainOptions> = {},
): Promise<{ losses: number[]; params: Float32Array[] }> {
  const model = createModel(config, { seed: 1 });
  const losses: number[] = [];
  await train(model, dataFor(model, data), {
    ...base,
    ...options,
    onBatch: (b) => losses.push(b.loss),
  });
  const params = Object.values(model.store.toRecord()).map((r) => r.data);
  model.dispose();
  return { losses, params };
}

const maxRelDiff = (a: Float32Array[], b: Float32Array[]): number => {
  let worst = 0;
  a.forEach((x, i) => {
    x.forEach((v, j) => {
      const w = b[i]![j]!;
      worst = Math.max(worst, Math.abs(v - w) / Math.max(1e-3, Math.abs(w)));
    });
  });
  return worst;
};

describe('parallelEngine', () => {
  it('two workers: the same seed gives the same numbers twice, bit for bit; no thread left', async () => {
    const engine = createParallelEngine({ workers: 2 });
    const tensorCounts: number[][] = [];
    const a = await run(vae, {
      engine,
      onEpoch: () => void tensorCounts.push(engine.workerTensors()),
    });
    expect(engine.liveThreads()).toBe(0);
    const b = await run(vae, { engine: createParallelEngine({ workers: 2 }) });
    expect(a.losses).toHaveLength(10);
    expect(b.losses).toEqual(a.losses);
    expect(b.params).toEqual(a.params);
    // Workers' tensor counts do not grow from epoch to epoch (no leak in the workers).
    expect(tensorCounts).toHaveLength(2);
    expect(tensorCounts[1]).toEqual(tensorCounts[0]);
    expect(tensorCounts[0]![0]!).toBeGreaterThan(0);
  });

  it('one worker equals the local engine bit for bit; two match it to float32 rounding', async () => {
    for (const config of [vae, cvae]) {
      const local = await run(config);
      const one = await run(config, { engine: createParallelEngine({ workers: 1 }) });
      expect(one.losses).toEqual(local.losses);
      expect(one.params).toEqual(local.params);
      const two = await run(config, { engine: createParallelEngine({ workers: 2 }) });
      two.losses.forEach((l, i) => {
        expect(l).toBeCloseTo(local.losses[i]!, 2);
      });
      // Not bit-identical (different summation order), but the same run up to rounding.
      expect(two.losses).not.toEqual(local.losses);
      expect(maxRelDiff(two.params, local.params)).toBeLessThan(1e-3);
    }
  });

  it('rows read from the shared data equal batches staged by the calling thread, bit for bit', async () => {
    // Grey levels as uint8 (the workers scale them) and as floats; an identity `transform`
    // makes `train` gather every batch on the calling thread and the engine stage it.
    const bytes = Uint8Array.from(data.x, (v) => Math.round(v * 255));
    for (const x of [bytes, data.x]) {
      const losses = async (options: Partial<TrainOptions>): Promise<number[][]> => {
        const model = createModel(vae, { seed: 1 });
        const out: number[][] = [];
        await train(
          model,
          { x },
          { ...base, ...options, onBatch: (b) => out.push([b.loss, b.kl]) },
        );
        out.push(...Object.values(model.store.toRecord()).map((r) => Array.from(r.data)));
        model.dispose();
        return out;
      };
      const staged = await losses({
        engine: createParallelEngine({ workers: 2 }),
        transform: (batch) => batch,
      });
      const shared = await losses({ engine: createParallelEngine({ workers: 2 }) });
      expect(shared).toEqual(staged);
      const one = await losses({ engine: createParallelEngine({ workers: 1 }) });
      expect(one).toEqual(await losses({}));
    }
  });

  it("the tape-free step gives the tfjs path's numbers bit for bit, with one and two workers", async () => {
    // β and a warm-up, so that the KL weight changes from step to step (and starts at 0).
    const objective = { beta: 2, warmup: { type: 'linear', steps: 4 } } as const;
    for (const workers of [1, 2]) {
      const engine = createParallelEngine({ workers });
      const free = await run(vae, { objective, engine });
      expect(engine.workerPhases().map((p) => p.tapeFree)).toEqual(Array(workers).fill(true));
      const tfjs = createParallelEngine({ workers, tapeFree: false });
      const tape = await run(vae, { objective, engine: tfjs });
      expect(tfjs.workerPhases().map((p) => p.tapeFree)).toEqual(Array(workers).fill(false));
      expect(free.losses).toEqual(tape.losses);
      expect(free.params).toEqual(tape.params);
    }
  });

  it('the pipeline changes no number, also when the announced next batch is not the next one', async () => {
    for (const config of [vae, cvae]) {
      const plain = await run(config, {
        engine: createParallelEngine({ workers: 2, pipeline: false }),
      });
      const engine = createParallelEngine({ workers: 2 });
      const piped = await run(config, { engine });
      // 10 steps in 2 epochs of 5 batches: every step but each epoch's first was computed ahead.
      expect(engine.stepsComputedAhead()).toBe(8);
      // Each worker ran the 10 jobs (none dropped: no batch is announced across an epoch's end)
      // and spent time computing each; every phase is a finite, non-negative total.
      const phases = engine.workerPhases();
      expect(phases).toHaveLength(2);
      for (const p of phases) {
        expect(p.jobs).toBe(10);
        expect(p.computeMs).toBeGreaterThan(0);
        for (const ms of [p.barrierMs, p.decisionMs, p.updateMs, p.idleMs]) {
          expect(Number.isFinite(ms) && ms >= 0).toBe(true);
        }
      }
      expect(piped.losses).toEqual(plain.losses);
      expect(piped.params).toEqual(plain.params);
      // An engine told a wrong next batch on every other step drops the job it computed ahead.
      const inner = createParallelEngine({ workers: 2 });
      let announced = 0;
      const misled: TrainEngine = async (context) => {
        const engine = await inner(context);
        return {
          ...engine,
          step: (batch) => {
            const next = batch.next;
            if (next?.rows && batch.step % 2 === 0) {
              announced++;
              batch.next = { ...next, x: next.x, rows: next.rows.slice().reverse() };
            }
            return engine.step(batch);
          },
        };
      };
      const wrong = await run(config, { engine: misled });
      expect(announced).toBeGreaterThan(2);
      expect(inner.stepsComputedAhead()).toBe(8 - announced);
      expect(wrong.losses).toEqual(plain.losses);
      expect(wrong.params).toEqual(plain.params);
      expect(inner.liveThreads()).toBe(0);
    }
  });

  it('checkpoint and resume are exact in parallel mode', async () => {
    const full = await run(vae, { engine: createParallelEngine({ workers: 2 }) });
    const store = createMemoryCheckpointStore();
    const controller = new AbortController();
    const first = createModel(vae, { seed: 1 });
    const part: number[] = [];
    const engine = createParallelEngine({ workers: 2 });
    const r1 = await train(first, dataFor(first, data), {
      ...base,
      engine,
      checkpoint: store,
      signal: controller.signal,
      onBatch: (b) => {
        part.push(b.loss);
        if (b.step === 6) controller.abort();
      },
    });
    expect(r1.aborted).toBe(true);
    expect(engine.liveThreads()).toBe(0);
    first.dispose();
    const second = createModel(vae, { seed: 99 }); // other initial weights: the checkpoint replaces them
    const r2 = await train(second, dataFor(second, data), {
      ...base,
      engine: createParallelEngine({ workers: 2 }),
      checkpoint: store,
      resume: true,
      onBatch: (b) => part.push(b.loss),
    });
    expect(r2.steps).toBe(10);
    expect(part).toEqual(full.losses);
    expect(Object.values(second.store.toRecord()).map((r) => r.data)).toEqual(full.params);
    second.dispose();
  });

  it('a non-finite loss throws NonFiniteError, keeps the last parameters and stops the workers', async () => {
    const model = createModel(vae, { seed: 1 });
    const before = model.store.toRecord();
    const huge = new Float32Array(data.x.length).fill(3e38);
    const engine = createParallelEngine({ workers: 2 });
    await expect(train(model, { x: huge }, { ...base, engine })).rejects.toThrow(NonFiniteError);
    expect(engine.liveThreads()).toBe(0);
    expect(model.store.toRecord()).toEqual(before);
    model.dispose();
  });

  it('a worker that fails to start gives a WorkerError and no thread is left', async () => {
    const model = createModel(vae, { seed: 1 });
    // A parameter the worker's replica (built from the config) does not have.
    const extra = tf.zeros([2]);
    model.store.create('extra.weight', extra);
    extra.dispose();
    const engine = createParallelEngine({ workers: 2 });
    const error = await train(model, dataFor(model, data), { ...base, engine }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WorkerError);
    expect((error as WorkerError).originalName).toBe('InvalidArgumentError');
    expect((error as Error).message).toMatch(/extra\.weight/);
    expect(engine.liveThreads()).toBe(0);
    model.dispose();
  });

  it('refuses bad options with typed errors', async () => {
    const tensorsBefore = tf.memory().numTensors;
    expect(() => createParallelEngine({ workers: 0 })).toThrow(InvalidArgumentError);
    expect(() => createParallelEngine({ workers: 1.5 })).toThrow(InvalidArgumentError);
    expect(() => createParallelEngine({ adam: { beta1: 1 } })).toThrow(InvalidArgumentError);
    expect(() => createParallelEngine({ threads: 2 } as never)).toThrow(UnknownOptionError);
    expect(() => createParallelEngine({ pipeline: 'yes' } as never)).toThrow(/pipeline/);
    expect(() => createParallelEngine({ tapeFree: 1 } as never)).toThrow(/tapeFree/);
    const model = createModel(vae, { seed: 1 });
    const engine = createParallelEngine({ workers: 2 });
    const optimizer = createAdam();
    await expect(
      train(model, dataFor(model, data), { ...base, engine, optimizer }),
    ).rejects.toThrow(InvalidArgumentError);
    await expect(
      train(model, dataFor(model, data), { ...base, engine, objective: { freeBits: 0.5 } }),
    ).rejects.toThrow(/free bits/);
    expect(engine.liveThreads()).toBe(0);
    optimizer.dispose();
    model.dispose();
    expect(tf.memory().numTensors).toBe(tensorsBefore);
  });
});
