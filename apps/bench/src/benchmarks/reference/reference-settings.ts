import type { ModelConfig } from '@latentkit/models';
import type { BenchOptions } from '../../benchmark.js';

/** The pytorch/examples VAE: 784-400-20 MLP, ReLU, Bernoulli (logits) decoder. */
export const REFERENCE_CONFIG: ModelConfig = {
  kind: 'vae',
  inputShape: [784],
  latentDim: 20,
  encoder: { type: 'mlp', hidden: [400], activation: 'relu' },
  likelihood: 'bernoulli',
};

/**
 * PyTorch figures recorded earlier with the same script: PyTorch 1.13 (Debian), CPU on the same
 * kind of 2-core machine, 10 epochs. Shown, marked "recorded, not measured", when torch is absent.
 */
export const RECORDED_TORCH = {
  samplesPerSecond: 13_000,
  epochs: 10,
  testLoss: { 1: 105.25, 2: 105.76 } as Record<number, number>,
};

/** The target: mean test loss over seeds after 10 epochs, nats per image. */
export const TARGET_TEST_LOSS = 105.3;

/** Epochs, seeds and the IWAE evaluation of one reference run. */
export interface ReferenceSettings {
  epochs: number;
  seeds: number[];
  /** `k` importance samples on the first `images` test images. */
  iwae: { k: number; images: number };
  /**
   * The thread-scaling probe (`thread-scaling.ts`): timed images per probe epoch and interleaved
   * rounds of 1 thread vs the run's worker count.
   */
  scaling: { images: number; rounds: number };
}

const SETTINGS: { quick: ReferenceSettings; full: ReferenceSettings } = {
  quick: {
    epochs: 2,
    seeds: [1],
    iwae: { k: 50, images: 1000 },
    scaling: { images: 6400, rounds: 1 },
  },
  full: {
    epochs: 10,
    seeds: [1, 2],
    iwae: { k: 100, images: 10000 },
    scaling: { images: 19_200, rounds: 3 },
  },
};

/** The mode's settings, with `--seeds` in place of the mode's seeds when given. */
export function referenceSettings(options: BenchOptions): ReferenceSettings {
  const mode = options.quick ? SETTINGS.quick : SETTINGS.full;
  return options.seeds ? { ...mode, seeds: options.seeds } : mode;
}
