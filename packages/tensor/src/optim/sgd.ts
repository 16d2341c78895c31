import { InvalidArgumentError, renamedOption, requireKnownOptions } from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';
import type { ClipOptions, Optimizer } from './optimizer.js';
import { createOptimizer } from './optimizer-core.js';

/** Options of {@link createSgd}. */
export interface SgdOptions extends ClipOptions {
  /**
   * Learning rate. Required: there is no sensible default (optional in the type only while the
   * deprecated `lr` is accepted).
   */
  learningRate?: number;
  /** @deprecated Use `learningRate` (rates are spelled out across latentkit). */
  lr?: number;
  /** Momentum factor μ ≥ 0. Default 0 (plain SGD). */
  momentum?: number;
  /** Dampening d of the momentum buffer's gradient term, in [0, 1]. Default 0. */
  dampening?: number;
  /** Nesterov momentum (needs momentum > 0 and dampening 0). Default false. */
  nesterov?: boolean;
  /** L2 weight decay λ ≥ 0, added to the gradient as λ·θ. Default 0. */
  weightDecay?: number;
}

/**
 * Stochastic gradient descent with PyTorch's `torch.optim.SGD` update:
 *
 * ```
 * g ← g + λ·θ                                   (if weightDecay)
 * b ← g at a parameter's first step, else μ·b + (1 − d)·g   (if momentum)
 * g ← g + μ·b  (nesterov)   or   g ← b                     (if momentum)
 * θ ← θ − lr·g
 * ```
 *
 * Clipping (see {@link ClipOptions}) is applied to the gradients first. State per parameter:
 * the momentum buffer `momentum` (only when μ > 0) and the step count.
 *
 * @param options - See {@link SgdOptions}.
 * @throws {@link InvalidArgumentError} for a missing learning rate, an out-of-range option, or
 *   Nesterov without momentum or with dampening.
 * @throws {@link UnknownOptionError} for an unknown option.
 *
 * @example
 * ```ts
 * import { createSgd, tf, valueAndParamGrads } from '@latentkit/tensor';
 *
 * const opt = createSgd({ learningRate: 0.01, momentum: 0.9, weightDecay: 1e-4 });
 * const { value, grads } = valueAndParamGrads(store, () => loss());
 * opt.step(grads, store); // updates the store's variables in place
 * tf.dispose([value, ...Object.values(grads)]);
 * ```
 */
export function createSgd(options: SgdOptions): Optimizer {
  requireKnownOptions(options, SGD_KEYS, 'createSgd options');
  const learningRate = renamedOption<number>(options, 'learningRate', 'lr', 'createSgd options');
  if (learningRate === undefined) throw new InvalidArgumentError('learningRate', 'is required');
  const mu = options.momentum ?? 0;
  const damp = options.dampening ?? 0;
  const wd = options.weightDecay ?? 0;
  const nesterov = options.nesterov ?? false;
  if (!Number.isFinite(mu) || mu < 0) {
    throw new InvalidArgumentError('momentum', `must be a finite number ≥ 0, got ${mu}`);
  }
  if (!Number.isFinite(damp) || damp < 0 || damp > 1) {
    throw new InvalidArgumentError('dampening', `must be in [0, 1], got ${damp}`);
  }
  if (!Number.isFinite(wd) || wd < 0) {
    throw new InvalidArgumentError('weightDecay', `must be a finite number ≥ 0, got ${wd}`);
  }
  if (nesterov && (mu <= 0 || damp !== 0)) {
    throw new InvalidArgumentError('nesterov', 'needs momentum > 0 and dampening 0');
  }
  return createOptimizer(
    {
      kind: 'sgd',
      slotNames: mu > 0 ? ['momentum'] : [],
      constants: [
        ...(wd > 0 ? [wd] : []),
        ...(mu > 0 ? [mu] : []),
        ...(damp > 0 ? [1 - damp] : []),
      ],
      update({ param, grad, slots, step, constant, perStep, lr }) {
        let g = grad;
        if (wd > 0) g = tf.add(g, tf.mul(param, constant(wd)));
        const out: Record<string, tf.Tensor> = {};
        if (mu > 0) {
          let buf: tf.Tensor;
          if (step === 1) buf = g;
          else {
            const scaled = damp === 0 ? g : tf.mul(g, constant(1 - damp));
            buf = tf.add(tf.mul(slots.momentum!, constant(mu)), scaled);
          }
          out.momentum = buf;
          g = nesterov ? tf.add(g, tf.mul(buf, constant(mu))) : buf;
        }
        const updated = tf.sub(
          param,
          tf.mul(
            g,
            perStep('lr', () => lr),
          ),
        );
        return { param: updated, slots: out };
      },
    },
    learningRate,
    options,
  );
}

const SGD_KEYS = [
  'learningRate',
  'lr',
  'momentum',
  'dampening',
  'nesterov',
  'weightDecay',
  'clipValue',
  'clipNorm',
];

/** @deprecated Use {@link createSgd} (factories are `createX` across latentkit). */
export const sgd: (options: SgdOptions) => Optimizer = createSgd;
