import type { ModelConfig } from '@latentkit/models';
import { describe, expect, it } from 'vitest';
import {
  batchProgressText,
  emptyTrainState,
  lossHistoryText,
  lossRange,
  lossSeries,
  modelStatusText,
  outcomeText,
} from './train-state.js';

describe('training demo state', () => {
  it('keeps the loss history as data-loss-history holds it', () => {
    expect(lossHistoryText([])).toBe('');
    expect(lossHistoryText([543.214, 200, 99.999])).toBe('543.21,200.00,100.00');
  });

  it('draws the losses, their running mean and the test curve at its steps', () => {
    const state = emptyTrainState();
    state.losses.push(...Array.from({ length: 30 }, (_, i) => 300 - i));
    state.testCurve.push({ step: 14, value: 280 }, { step: 29, value: 265 });
    const [loss, mean, test] = lossSeries(state);
    expect(Array.from(loss!.y)).toEqual(state.losses);
    expect(Array.from(loss!.x!)).toEqual(state.losses.map((_, i) => i));
    // Running mean over 20 steps: at step 29 the mean of 300−10 … 300−29.
    expect(mean!.y[29]).toBeCloseTo(300 - 19.5, 10);
    expect(mean!.y[0]).toBe(300);
    expect(Array.from(test!.x!)).toEqual([14, 29]);
    expect(Array.from(test!.y)).toEqual([280, 265]);
    expect(test!.dashed).toBe(true);
    expect(new Set([loss!.color, mean!.color, test!.color]).size).toBe(3);
  });

  it('ranges the chart from the recent minimum to the first losses', () => {
    expect(lossRange([])).toEqual({});
    expect(lossRange([540, 500, 400, 300, 200, 150, 120])).toEqual({ yMin: 100, yMax: 540 });
    // Never above 600, never below 250 at the top, never below 0 at the bottom.
    expect(lossRange([900, 10])).toEqual({ yMin: 0, yMax: 600 });
    expect(lossRange([100, 90])).toEqual({ yMin: 70, yMax: 250 });
    // Only the last 200 losses set the bottom.
    const long = [5, ...Array.from({ length: 200 }, () => 150)];
    expect(lossRange(long).yMin).toBe(130);
  });

  it('says where a run is and how it ended', () => {
    expect(
      batchProgressText(
        { steps: 42, epoch: 1, loss: 180.26, recon: 160.04, kl: 20.22, imagesPerSecond: 1234.6 },
        20,
      ),
    ).toBe('epoch 2/20, step 42: loss 180.3 nats (recon 160.0 + KL 20.2), 1235 images/s');
    expect(outcomeText({ aborted: true, steps: 17 }, 20)).toBe('Stopped after 17 steps.');
    expect(outcomeText({ aborted: false, steps: 640 }, 20)).toBe(
      'Done: 20 epochs, 640 steps in total.',
    );
  });

  it('describes the model in the status line', () => {
    const config: ModelConfig = {
      kind: 'vae',
      inputShape: [784],
      latentDim: 8,
      encoder: { type: 'mlp', hidden: [128], activation: 'relu' },
    };
    expect(
      modelStatusText(config, { numParams: 203_424, trainCount: 2000, testCount: 500 }, 0),
    ).toBe(
      'Model: a VAE 784 → 128 → 8-D latent, 203,424 parameters, random weights (seed 0); ' +
        "trained in a Web Worker; training data: the subset's 2000 training digits; test: 500 test digits.",
    );
  });
});
