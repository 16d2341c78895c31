import { train } from '@latentkit/models';
import { describe, expect, it } from 'vitest';
import { selectTrainer } from './trainer.js';

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

  it('uses the parallel trainer for more workers when @latentkit/models/node exports one, else says it is missing', async () => {
    const node = (await import('@latentkit/models/node')) as Record<string, unknown>;
    if (typeof node.trainParallel === 'function') {
      const t = await selectTrainer(2);
      expect(t.workers).toBe(2);
      expect(t.name).toContain('trainParallel');
    } else if (typeof node.parallelEngine === 'function') {
      expect((await selectTrainer(2)).name).toContain('parallelEngine');
    } else {
      await expect(selectTrainer(2)).rejects.toThrow(/trainParallel or parallelEngine/);
    }
  });
});
