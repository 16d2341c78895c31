import {
  InvalidArgumentError,
  renamedOption,
  requireKnownOptions,
  UnknownOptionError,
} from '@latentkit/core';
import type { AdamCoefficients } from './adam-kernel.js';
import type { ClipOptions } from './optimizer.js';

/** Options of {@link createAdam}. */
export interface AdamOptions extends ClipOptions {
  /** Learning rate. Default 1e-3. */
  learningRate?: number;
  /** @deprecated Use `learningRate` (rates are spelled out across latentkit). */
  lr?: number;
  /** Decay of the first-moment average, in [0, 1). Default 0.9. */
  beta1?: number;
  /** Decay of the second-moment average, in [0, 1). Default 0.999. */
  beta2?: number;
  /** Added to the denominator for stability. Default 1e-8. */
  eps?: number;
  /** Weight decay coefficient λ ≥ 0. Default 0 (none). */
  weightDecay?: number;
  /**
   * How `weightDecay` is applied. `'decoupled'` (default, AdamW — PyTorch's `torch.optim.AdamW`):
   * θ ← θ·(1 − lr·λ) before the Adam update. `'l2'` (PyTorch's `torch.optim.Adam(weight_decay)`):
   * λ·θ is added to the gradient, so it passes through the moment estimates.
   */
  weightDecayMode?: 'decoupled' | 'l2';
}

/**
 * Resolved Adam hyper-parameters, without clipping (plain data; also sent to worker threads).
 *
 * @internal
 */
export interface AdamHyper {
  /** Learning rate. */
  lr: number;
  /** First-moment decay, in [0, 1). */
  beta1: number;
  /** Second-moment decay, in [0, 1). */
  beta2: number;
  /** Added to the denominator, ≥ 0. */
  eps: number;
  /** λ ≥ 0 (0: no weight decay). */
  weightDecay: number;
  /** How λ is applied (see {@link AdamOptions.weightDecayMode}). */
  weightDecayMode: 'decoupled' | 'l2';
}

/** Every key of {@link AdamOptions}. */
export const ADAM_OPTION_KEYS: readonly string[] = [
  'learningRate',
  'lr',
  'beta1',
  'beta2',
  'eps',
  'weightDecay',
  'weightDecayMode',
  'clipValue',
  'clipNorm',
];

function unitInterval(name: string, v: number): number {
  if (!Number.isFinite(v) || v < 0 || v >= 1) {
    throw new InvalidArgumentError(name, `must be in [0, 1), got ${v}`);
  }
  return v;
}

function nonNegative(name: string, v: number): number {
  if (!Number.isFinite(v) || v < 0) {
    throw new InvalidArgumentError(name, `must be a finite number ≥ 0, got ${v}`);
  }
  return v;
}

/**
 * Checks {@link AdamOptions} (all keys, clipping included) and fills in the defaults of the
 * update's hyper-parameters.
 *
 * @param options - `createAdam` options.
 * @param context - Names the options in error messages. Default `'createAdam options'`.
 * @throws {@link InvalidArgumentError} for an out-of-range value (the learning rate as `lr`).
 * @throws {@link UnknownOptionError} for an unknown key or `weightDecayMode`.
 * @internal
 */
export function resolveAdamHyper(
  options: AdamOptions = {},
  context = 'createAdam options',
): AdamHyper {
  requireKnownOptions(options, ADAM_OPTION_KEYS, context);
  const learningRate = renamedOption<number>(options, 'learningRate', 'lr', context);
  const mode = options.weightDecayMode ?? 'decoupled';
  if (mode !== 'decoupled' && mode !== 'l2') {
    throw new UnknownOptionError('weightDecayMode', mode, ['decoupled', 'l2']);
  }
  return {
    lr: nonNegative('lr', learningRate ?? 1e-3),
    beta1: unitInterval('beta1', options.beta1 ?? 0.9),
    beta2: unitInterval('beta2', options.beta2 ?? 0.999),
    eps: nonNegative('eps', options.eps ?? 1e-8),
    weightDecay: nonNegative('weightDecay', options.weightDecay ?? 0),
    weightDecayMode: mode,
  };
}

/**
 * The kernel coefficients of a parameter's update number `step` (1-based). The bias corrections
 * and the decay factor 1 − lr·λ are computed in float64, as PyTorch computes them in Python
 * floats; the kernel rounds each to float32.
 *
 * @param h - Resolved hyper-parameters.
 * @param step - The parameter's update count including this update (≥ 1).
 * @internal
 */
export function adamCoefficients(h: AdamHyper, step: number): AdamCoefficients {
  const c: AdamCoefficients = {
    beta1: h.beta1,
    oneMinusBeta1: 1 - h.beta1,
    beta2: h.beta2,
    oneMinusBeta2: 1 - h.beta2,
    bc2Sqrt: Math.sqrt(1 - h.beta2 ** step),
    eps: h.eps,
    stepSize: h.lr / (1 - h.beta1 ** step),
  };
  if (h.weightDecay > 0) {
    if (h.weightDecayMode === 'l2') c.l2 = h.weightDecay;
    else c.decay = 1 - h.lr * h.weightDecay;
  }
  return c;
}
