import { createModel } from '@latentkit/models';
import { initBackend } from '@latentkit/tensor';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { trainRun } from './train-run.js';
import { selectTrainer } from './trainer.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('trainRun', () => {
  it('trains a few steps, returns one report per epoch and prints one line per epoch', async () => {
    await initBackend({ backend: 'cpu' });
    const model = createModel(
      { kind: 'vae', inputShape: [16], latentDim: 2, encoder: { type: 'mlp', hidden: [8] } },
      { seed: 3 },
    );
    const x = Float32Array.from({ length: 64 * 16 }, (_, i) => ((i * 37) % 17) / 17);
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => {
      lines.push(line);
    });
    try {
      const epochs = await trainRun(
        await selectTrainer(1),
        model,
        { x, n: 64 },
        {
          label: 'tiny',
          epochs: 2,
          seed: 1,
          batchSize: 32,
          validation: { x: x.subarray(0, 16 * 16), n: 16 },
        },
      );
      expect(epochs).toHaveLength(2);
      expect(epochs[1]!.steps).toBe(4);
      expect(epochs.every((e) => Number.isFinite(e.validation?.negElbo))).toBe(true);
      expect(lines.filter((l) => l.startsWith('tiny epoch '))).toHaveLength(2);
      expect(lines[1]).toMatch(/^tiny epoch 2\/2: .* validation −ELBO \d+\.\d\d/);
    } finally {
      model.dispose();
    }
  });
});
