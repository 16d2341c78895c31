import {
  InvalidArgumentError,
  renamedOption,
  requireKnownOptions,
  UnknownOptionError,
} from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';
import type { ClipOptions, Optimizer } from './optimizer.js';
import { createOptimizer } from './optimizer-core.js';

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

function unitInterval(name: string, v: number): void {
  if (!Number.isFinite(v) || v < 0 || v >= 1) {
    throw new InvalidArgumentError(name, `must be in [0, 1), got ${v}`);
  }
}

function nonNegative(name: string, v: number): void {
  if (!Number.isFinite(v) || v < 0) {
    throw new InvalidArgumentError(name, `must be a finite number ≥ 0, got ${v}`);
  }
}

/**
 * Adam (Kingma & Ba) with PyTorch's update formula, optionally with decoupled weight decay
 * (AdamW) and gradient clipping. For each parameter θ with gradient g, at its step t (1-based):
 *
 * ```
 * m ← β1·m + (1 − β1)·g                 v ← β2·v + (1 − β2)·g²
 * θ ← θ − (lr / (1 − β1ᵗ)) · m / (√v / √(1 − β2ᵗ) + ε)
 * ```
 *
 * — the same expression and operation order as PyTorch's `torch.optim.Adam` (ε is added after
 * bias-correcting √v). With `weightDecay` λ: `'decoupled'` first sets θ ← θ·(1 − lr·λ)
 * (`AdamW`), `'l2'` uses g + λ·θ as the gradient (`Adam(weight_decay=λ)`). Clipping
 * (see {@link ClipOptions}) is applied to the gradients of each step first.
 *
 * State per parameter: `m`, `v` (float32, the parameter's shape) and its step count t.
 * Cost: 13 element-wise kernels per parameter per step (+1 with weight decay, +2 for `'l2'`),
 * plus 3 per parameter for norm clipping; constant scalars are cached, step-dependent ones
 * are made once per step.
 *
 * @param options - See {@link AdamOptions}.
 * @throws {@link InvalidArgumentError} for an out-of-range option.
 * @throws {@link UnknownOptionError} for an unknown option or `weightDecayMode`.
 *
 * @example
 * ```ts
 * const opt = createAdam({ learningRate: 1e-3, clipNorm: 5 });
 * const { value, grads } = valueAndParamGrads(store, () => loss());
 * opt.step(grads, store);
 * tf.dispose([value, ...Object.values(grads)]);
 * ```
 */
export function createAdam(options: AdamOptions = {}): Optimizer {
  requireKnownOptions(options, ADAM_KEYS, 'createAdam options');
  const learningRate = renamedOption<number>(options, 'learningRate', 'lr', 'createAdam options');
  const beta1 = options.beta1 ?? 0.9;
  const beta2 = options.beta2 ?? 0.999;
  const eps = options.eps ?? 1e-8;
  const wd = options.weightDecay ?? 0;
  const mode = options.weightDecayMode ?? 'decoupled';
  unitInterval('beta1', beta1);
  unitInterval('beta2', beta2);
  nonNegative('eps', eps);
  nonNegative('weightDecay', wd);
  if (mode !== 'decoupled' && mode !== 'l2') {
    throw new UnknownOptionError('weightDecayMode', mode, ['decoupled', 'l2']);
  }
  return createOptimizer(
    {
      kind: 'adam',
      slotNames: ['m', 'v'],
      constants: [
        beta1,
        1 - beta1,
        beta2,
        1 - beta2,
        eps,
        ...(wd > 0 && mode === 'l2' ? [wd] : []),
      ],
      update({ param, grad, slots, step, lr, constant, perStep }) {
        let p = param;
        let g = grad;
        if (wd > 0 && mode === 'l2') g = tf.add(g, tf.mul(p, constant(wd)));
        if (wd > 0 && mode === 'decoupled')
          p = tf.mul(
            p,
            perStep('decay', () => 1 - lr * wd),
          );
        const m = tf.add(tf.mul(slots.m!, constant(beta1)), tf.mul(g, constant(1 - beta1)));
        const v = tf.add(
          tf.mul(slots.v!, constant(beta2)),
          tf.mul(tf.square(g), constant(1 - beta2)),
        );
        // Bias corrections in float64 on the JS side, as PyTorch computes them in Python floats.
        const stepSize = perStep('stepSize', () => lr / (1 - beta1 ** step));
        const bc2Sqrt = perStep('bc2Sqrt', () => Math.sqrt(1 - beta2 ** step));
        const denom = tf.add(tf.div(tf.sqrt(v), bc2Sqrt), constant(eps));
        const updated = tf.sub(p, tf.mul(tf.div(m, denom), stepSize));
        return { param: updated, slots: { m, v } };
      },
    },
    learningRate ?? 1e-3,
    options,
  );
}

const ADAM_KEYS = [
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

/** @deprecated Use {@link createAdam} (factories are `createX` across latentkit). */
export const adam: (options?: AdamOptions) => Optimizer = createAdam;
