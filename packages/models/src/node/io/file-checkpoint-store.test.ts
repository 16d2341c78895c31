import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidArgumentError, initBackend } from '@latentkit/tensor';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { mnistImages } from '../../../test/support/mnist-subset.js';
import { SafetensorsError } from '../../io/safetensors-error.js';
import { createModel } from '../../model/create-model.js';
import type { ModelConfig } from '../../model/model-config.js';
import { type TrainOptions, train } from '../../training/train.js';
import {
  type CheckpointStore,
  createMemoryCheckpointStore,
  type TrainCheckpoint,
} from '../../training/train-checkpoint.js';
import { createFileCheckpointStore } from './file-checkpoint-store.js';

// Failure injection (as in save-safetensors-file.test.ts): the temp-file write can fail after a
// number of bytes (a full disk) or the final rename can fail; otherwise the real file system.
const inject = vi.hoisted(() => ({ failWriteAfter: -1, failRename: false, written: 0 }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...actual,
    open: async (...args: Parameters<typeof actual.open>) => {
      const handle = await actual.open(...args);
      if (inject.failWriteAfter < 0) return handle;
      return new Proxy(handle, {
        get(target, prop) {
          if (prop === 'write') {
            return async (buffer: Uint8Array, offset: number, length: number) => {
              const room = inject.failWriteAfter - inject.written;
              if (room <= 0)
                throw Object.assign(new Error('ENOSPC (injected)'), { code: 'ENOSPC' });
              const result = await target.write(buffer, offset, Math.min(length, room));
              inject.written += result.bytesWritten;
              return result;
            };
          }
          const value = Reflect.get(target, prop, target) as unknown;
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
    },
    rename: async (...args: Parameters<typeof actual.rename>) => {
      if (inject.failRename) throw Object.assign(new Error('EXDEV (injected)'), { code: 'EXDEV' });
      return actual.rename(...args);
    },
  };
});

let dir: string;
beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
  dir = await mkdtemp(join(tmpdir(), 'latentkit-ckpt-'));
});
afterEach(() => Object.assign(inject, { failWriteAfter: -1, failRename: false, written: 0 }));
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const config: ModelConfig = {
  kind: 'vae',
  inputShape: [784],
  latentDim: 4,
  encoder: { type: 'mlp', hidden: [32] },
};
const data = mnistImages(300);
const opts: TrainOptions = { epochs: 3, batchSize: 64, seed: 5, learningRate: 2e-3 }; // 5 batches per epoch

/** Saves to both stores; loads from the first. */
const tee = (a: CheckpointStore, b: CheckpointStore): CheckpointStore => ({
  async save(state) {
    await a.save(state);
    await b.save(state);
  },
  load: () => a.load(),
});

describe('fileCheckpointStore', () => {
  it('abort, then resume from the file in a new model: bit-identical losses and parameters', async () => {
    const full = createModel(config, { seed: 1 });
    const fullLosses: number[] = [];
    await train(full, data, { ...opts, onBatch: (b) => fullLosses.push(b.loss) });
    expect(fullLosses).toHaveLength(15);

    const path = join(dir, 'run.safetensors');
    const store = createFileCheckpointStore(path, { modelConfig: config });
    expect(await store.load()).toBeUndefined(); // no file yet
    const memory = createMemoryCheckpointStore();
    const first = createModel(config, { seed: 1 });
    const controller = new AbortController();
    const part1: number[] = [];
    const r1 = await train(first, data, {
      ...opts,
      checkpoint: tee(store, memory),
      checkpointEvery: 3,
      signal: controller.signal,
      onBatch: (b) => {
        part1.push(b.loss);
        if (b.step === 6) controller.abort();
      },
    });
    first.dispose();
    expect(r1).toMatchObject({ aborted: true, steps: 7 });
    // The file holds exactly what train handed over (the last save: on abort, epoch 1 batch 2).
    const fromFile = (await store.load()) as TrainCheckpoint;
    expect(fromFile).toEqual(await memory.load());
    expect(fromFile).toMatchObject({ epoch: 1, batch: 2, step: 7 });

    const second = createModel(config, { seed: 999 }); // other initial weights: the file overrides them
    const part2: number[] = [];
    const r2 = await train(second, data, {
      ...opts,
      checkpoint: createFileCheckpointStore(path),
      resume: true,
      onBatch: (b) => part2.push(b.loss),
    });
    expect(r2).toMatchObject({ aborted: false, steps: 15 });
    expect([...part1, ...part2]).toEqual(fullLosses);
    const a = full.store.toRecord();
    const b = second.store.toRecord();
    for (const name of Object.keys(a)) expect(b[name]!.data).toEqual(a[name]!.data);
    full.dispose();
    second.dispose();
  });

  it('a corrupted file is a SafetensorsError for load and for a resuming train, never a crash', async () => {
    const path = join(dir, 'corrupt.safetensors');
    const store = createFileCheckpointStore(path);
    const m = createModel(config, { seed: 2 });
    await train(m, data, { ...opts, epochs: 1, checkpoint: store });
    const bytes = new Uint8Array(await readFile(path));
    const damaged = [
      bytes.subarray(0, bytes.length - 10), // truncated
      (() => {
        const c = bytes.slice();
        c[c.length - 100]! ^= 0x10; // one flipped bit in the data
        return c;
      })(),
      new TextEncoder().encode('not a checkpoint at all'),
    ];
    for (const d of damaged) {
      await writeFile(path, d);
      await expect(store.load()).rejects.toThrow(SafetensorsError);
      await expect(train(m, data, { ...opts, checkpoint: store, resume: true })).rejects.toThrow(
        SafetensorsError,
      );
    }
    m.dispose();
  });

  it('a failed save (full disk mid-write, or a failing rename) leaves the previous checkpoint', async () => {
    const path = join(dir, 'keep.safetensors');
    const store = createFileCheckpointStore(path);
    const m = createModel(config, { seed: 3 });
    await train(m, data, { ...opts, epochs: 1, checkpoint: store });
    const before = await store.load();
    const beforeBytes = await readFile(path);
    for (const failure of ['write', 'rename'] as const) {
      if (failure === 'write') inject.failWriteAfter = 2000;
      else inject.failRename = true;
      // The next epoch's checkpoint cannot be written: train reports the error…
      await expect(
        train(m, data, { ...opts, epochs: 2, checkpoint: store, resume: true }),
      ).rejects.toThrow(failure === 'write' ? /ENOSPC/ : /EXDEV/);
      if (failure === 'write') expect(inject.written).toBe(2000); // it failed mid-file
      Object.assign(inject, { failWriteAfter: -1, failRename: false, written: 0 });
      // …and the file still holds the previous checkpoint, with no temp file left behind.
      expect((await readFile(path)).equals(beforeBytes)).toBe(true); // (Buffer.equals: fast)
      expect(await store.load()).toEqual(before);
      expect((await readdir(dir)).filter((f) => f.includes('keep'))).toEqual(['keep.safetensors']);
    }
    m.dispose();
  });

  it('checks the model config when given one, and its own arguments', async () => {
    const path = join(dir, 'config.safetensors');
    const m = createModel(config, { seed: 4 });
    await train(m, data, { ...opts, epochs: 1, checkpoint: createFileCheckpointStore(path) });
    m.dispose();
    expect(
      await createFileCheckpointStore(path, { modelConfig: { ...config } }).load(),
    ).toBeDefined();
    const other = { ...config, latentDim: 5 };
    await expect(createFileCheckpointStore(path, { modelConfig: other }).load()).rejects.toThrow(
      /saved for another model/,
    );
    expect(() => createFileCheckpointStore('')).toThrow(InvalidArgumentError);
    expect(() => createFileCheckpointStore(path, { strict: true } as never)).toThrow(/strict/);
    await expect(
      createFileCheckpointStore(join(dir, 'no', 'dir.safetensors')).save(
        (await createFileCheckpointStore(path).load())!,
      ),
    ).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
