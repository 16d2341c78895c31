import { availableParallelism } from 'node:os';
import { train } from '@latentkit/models';
import { describe, expect, it } from 'vitest';
import { defaultWorkers, selectTrainer } from './trainer.js';

describe('selectTrainer', () => {
  it('uses the in-thread train of @latentkit/models for one worker', async () => {
    const t = await selectTrainer(1);
    expect(t.train).toBe(train);
    expect(t.workers).toBe(1);
  });

  it('rejects a worker count below 1 or not an integer', async () => {
    await expect(selectTrainer(0)).rejects.toThrow(/--workers/);
    await expect(selectTrainer(1.5)).rejects.toThrow(/--workers/);
  });

  it('uses trainParallel for more workers, and every core by default', async () => {
    const t = await selectTrainer(2);
    expect(t.workers).toBe(2);
    expect(t.name).toContain('trainParallel');
    expect(defaultWorkers()).toBe(availableParallelism());
    expect((await selectTrainer()).workers).toBe(availableParallelism());
  });
});
