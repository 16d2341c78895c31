import { requireKnownOptions } from '@latentkit/core';
import { InvalidArgumentError, tf } from '@latentkit/tensor';
import { checkChoice, checkInt, checkNumber } from '../internal/check.js';
import type { LossTerms } from '../model/model.js';
import type { ModelKind } from '../model/model-config.js';

/**
 * KL warm-up (annealing): the KL term's weight is multiplied by a factor w(step) ∈ [0, 1]
 * (step = 0-based global optimizer step):
 * - `linear`: w = min(1, step / steps) (Bowman et al. 2016);
 * - `cyclical`: with τ = (step mod cycleSteps) / cycleSteps, w = min(1, τ / ratio) — rises
 *   linearly during the first `ratio` of every cycle, then stays 1 (Fu et al. 2019).
 */
export type KlWarmup =
  | {
      /** Discriminant: one linear ramp from 0 to 1. */
      type: 'linear';
      /** Optimizer steps of the ramp (integer ≥ 1); w = 1 from then on. */
      steps: number;
    }
  | {
      /** Discriminant: the ramp repeats every `cycleSteps`. */
      type: 'cyclical';
      /** Length of one cycle in optimizer steps (integer ≥ 1). */
      cycleSteps: number;
      /** Fraction of each cycle spent rising, in (0, 1]. Default 0.5. */
      ratio?: number;
    };

/**
 * Capacity annealing (Burgess et al. 2018): loss = recon + γ·|KL − C(step)| with the target
 * C(step) = min(1, step / steps)·max, in nats, increased linearly from 0.
 */
export interface CapacityOptions {
  /** Final capacity C_max in nats (≥ 0). */
  max: number;
  /** Steps over which C rises from 0 to `max` (integer ≥ 1). */
  steps: number;
  /** Weight γ of |KL − C| (> 0). Default 1000 (Burgess et al. on dSprites). */
  gamma?: number;
}

/**
 * One change of β in a {@link ObjectiveOptions.betaSchedule}: from optimizer step `step` on
 * (0-based, global across epochs and resumed runs), the KL weight is `beta` (times the warm-up
 * factor, if any) until the next change.
 */
export interface BetaChange {
  /** The first step that uses `beta` (integer ≥ 1; the schedule's steps strictly increase). */
  step: number;
  /** β from that step on (≥ 0). */
  beta: number;
}

/**
 * What a model is trained to minimize, per example averaged over the batch, in nats:
 * - AE: recon;
 * - VQ-VAE: recon + codebook + β·commitment (the quantizer's terms, `LossTerms.vq.total`; the
 *   commitment term only for EMA codebooks, nothing for FSQ; β is a quantizer option);
 * - VAE / CVAE: recon + w(step)·β·KL, where KL is the closed-form KL, or with free bits λ,
 *   Σ_d max(KL_d, λ) with KL_d the batch mean of dimension d's KL (Kingma et al. 2016); β may
 *   change at given steps (`betaSchedule`);
 * - with `capacity`: recon + γ·|KL − C(step)| (β, warm-up and free bits are then refused).
 */
export interface ObjectiveOptions {
  /** Weight β of the KL term (β-VAE with β > 1); with a `betaSchedule`, β before its first change. Default 1. */
  beta?: number;
  /**
   * Piecewise-constant β: each {@link BetaChange} sets β from its step on. E.g. a β-VAE trained
   * hard first so that factors separate, then eased so that a weaker factor becomes active:
   * `{ beta: 20, betaSchedule: [{ step: 9380, beta: 12 }] }`. Default none (β constant).
   */
  betaSchedule?: readonly BetaChange[];
  /** KL warm-up; see {@link KlWarmup}. Default none (w = 1). */
  warmup?: KlWarmup;
  /** Free bits λ: per-dimension KL floor in nats (> 0). Default none. */
  freeBits?: number;
  /** Capacity annealing; see {@link CapacityOptions}. */
  capacity?: CapacityOptions;
}

/** The scalar loss of one batch and the schedule values used (for reports). */
export type ObjectiveValue = {
  /** The objective, a scalar. */
  loss: tf.Scalar;
  /** Mean recon term over the batch (nats), a scalar. */
  recon: tf.Scalar;
  /** Mean closed-form KL over the batch (nats, unweighted and unclamped); 0 for an AE. */
  kl: tf.Scalar;
};

/** A validated objective. */
export interface Objective {
  /** The options with defaults filled in. */
  readonly options: Readonly<ObjectiveOptions>;
  /** Weight of the KL term at a step (w(step)·β); 0 for an AE, a VQ-VAE or with capacity annealing. */
  klWeight(step: number): number;
  /** Target capacity C(step) in nats, or `undefined` without capacity annealing. */
  capacity(step: number): number | undefined;
  /** The batch loss from a model's per-example terms (inside a tidy). */
  evaluate(terms: LossTerms, step: number): ObjectiveValue;
}

/**
 * The warm-up factor w(step) of a {@link KlWarmup} (1 without warm-up).
 *
 * @param warmup - The schedule, or `undefined`.
 * @param step - 0-based global step.
 *
 * @example
 * ```ts
 * import { klWarmupFactor } from '@latentkit/models';
 *
 * klWarmupFactor({ type: 'linear', steps: 1000 }, 250); // → 0.25
 * klWarmupFactor({ type: 'cyclical', cycleSteps: 1000, ratio: 0.5 }, 1250); // → 0.5
 * klWarmupFactor(undefined, 250); // → 1
 * ```
 */
export function klWarmupFactor(warmup: KlWarmup | undefined, step: number): number {
  if (!warmup) return 1;
  if (warmup.type === 'linear') return Math.min(1, step / warmup.steps);
  const tau = (step % warmup.cycleSteps) / warmup.cycleSteps;
  return Math.min(1, tau / (warmup.ratio ?? 0.5));
}

/**
 * β at a step under {@link ObjectiveOptions.beta} and {@link ObjectiveOptions.betaSchedule}: the
 * `beta` of the last change whose step is ≤ `step`, or `beta` before any change.
 *
 * @param beta - β before the first change (default 1).
 * @param schedule - The changes, steps strictly increasing (validated by {@link createObjective}).
 * @param step - 0-based global step.
 *
 * @example
 * ```ts
 * import { betaAt } from '@latentkit/models';
 *
 * const schedule = [{ step: 9380, beta: 12 }];
 * betaAt(20, schedule, 9379); // → 20
 * betaAt(20, schedule, 9380); // → 12
 * ```
 */
export function betaAt(
  beta: number | undefined,
  schedule: readonly BetaChange[] | undefined,
  step: number,
): number {
  let value = beta ?? 1;
  for (const change of schedule ?? []) {
    if (change.step > step) break;
    value = change.beta;
  }
  return value;
}

function resolveBetaSchedule(schedule: readonly BetaChange[]): BetaChange[] {
  if (!Array.isArray(schedule) || schedule.length === 0) {
    throw new InvalidArgumentError('betaSchedule', 'must be a non-empty array of { step, beta }');
  }
  let last = 0;
  return schedule.map((change, i) => {
    const name = `betaSchedule[${i}]`;
    requireKnownOptions(change, ['step', 'beta'], name);
    const step = checkInt(change.step, `${name}.step`);
    if (step <= last) {
      throw new InvalidArgumentError(
        `${name}.step`,
        `steps must strictly increase from 1, got ${step} after ${last}`,
      );
    }
    last = step;
    return { step, beta: checkNumber(change.beta, `${name}.beta`, 'nonNegative') };
  });
}

function resolveWarmup(w: KlWarmup): KlWarmup {
  const type = checkChoice(w?.type, 'warmup.type', ['linear', 'cyclical'] as const);
  if (type === 'linear') {
    requireKnownOptions(w, ['type', 'steps'], 'warmup');
    return { type, steps: checkInt((w as { steps: number }).steps, 'warmup.steps') };
  }
  requireKnownOptions(w, ['type', 'cycleSteps', 'ratio'], 'warmup');
  const c = w as { cycleSteps: number; ratio?: number };
  const ratio = checkNumber(c.ratio ?? 0.5, 'warmup.ratio', 'positive');
  if (ratio > 1) throw new InvalidArgumentError('warmup.ratio', `must be in (0, 1], got ${ratio}`);
  return { type, cycleSteps: checkInt(c.cycleSteps, 'warmup.cycleSteps'), ratio };
}

/**
 * Validates {@link ObjectiveOptions} for a model kind and returns the {@link Objective}.
 *
 * @throws {@link UnknownOptionError} for an unknown key or warm-up type.
 * @throws {@link InvalidArgumentError} for out-of-range values, a β schedule whose steps do not
 *   strictly increase, KL options on an AE or VQ-VAE, or capacity combined with β, a β schedule,
 *   warm-up or free bits.
 *
 * @example
 * ```ts
 * import { createObjective } from '@latentkit/models';
 *
 * const objective = createObjective({ beta: 4, warmup: { type: 'linear', steps: 10_000 } }, 'vae');
 * objective.klWeight(5_000); // → 2 (β · 5000 / 10000)
 * ```
 */
export function createObjective(options: ObjectiveOptions = {}, kind: ModelKind): Objective {
  requireKnownOptions(
    options,
    ['beta', 'betaSchedule', 'warmup', 'freeBits', 'capacity'],
    'objective',
  );
  const { beta, betaSchedule, warmup, freeBits, capacity } = options;
  const any =
    beta !== undefined ||
    betaSchedule !== undefined ||
    warmup !== undefined ||
    freeBits !== undefined;
  const deterministic = kind === 'ae' || kind === 'vqvae';
  if (deterministic && (any || capacity !== undefined)) {
    throw new InvalidArgumentError(
      'objective',
      `KL options need a VAE or CVAE, not kind '${kind}'`,
    );
  }
  if (capacity !== undefined && any) {
    throw new InvalidArgumentError(
      'objective.capacity',
      'replaces the β-weighted KL: do not combine it with beta, betaSchedule, warmup or freeBits',
    );
  }
  let cap: Required<CapacityOptions> | undefined;
  if (capacity !== undefined) {
    requireKnownOptions(capacity, ['max', 'steps', 'gamma'], 'capacity');
    cap = {
      max: checkNumber(capacity.max, 'capacity.max', 'nonNegative'),
      steps: checkInt(capacity.steps, 'capacity.steps'),
      gamma: checkNumber(capacity.gamma ?? 1000, 'capacity.gamma', 'positive'),
    };
  }
  const resolved: ObjectiveOptions = {
    ...(deterministic || cap ? {} : { beta: checkNumber(beta ?? 1, 'beta', 'nonNegative') }),
    ...(betaSchedule === undefined ? {} : { betaSchedule: resolveBetaSchedule(betaSchedule) }),
    ...(warmup === undefined ? {} : { warmup: resolveWarmup(warmup) }),
    ...(freeBits === undefined ? {} : { freeBits: checkNumber(freeBits, 'freeBits', 'positive') }),
    ...(cap ? { capacity: cap } : {}),
  };
  const klWeight = (step: number): number =>
    deterministic || cap
      ? 0
      : betaAt(resolved.beta, resolved.betaSchedule, step) * klWarmupFactor(resolved.warmup, step);
  const capacityAt = (step: number): number | undefined =>
    cap ? Math.min(1, step / cap.steps) * cap.max : undefined;
  return {
    options: resolved,
    klWeight,
    capacity: capacityAt,
    evaluate(terms, step) {
      return tf.tidy(() => {
        const recon = tf.mean(terms.recon) as tf.Scalar;
        if (terms.vq) {
          return { loss: tf.add(recon, terms.vq.total) as tf.Scalar, recon, kl: tf.scalar(0) };
        }
        if (!terms.kl || !terms.klPerDim) return { loss: recon, recon, kl: tf.scalar(0) };
        const kl = tf.mean(terms.kl) as tf.Scalar;
        if (cap) {
          const gap = tf.abs(tf.sub(kl, capacityAt(step)!));
          return { loss: tf.add(recon, tf.mul(gap, cap.gamma)) as tf.Scalar, recon, kl };
        }
        const w = klWeight(step);
        const klTerm =
          resolved.freeBits === undefined
            ? kl
            : tf.sum(tf.maximum(tf.mean(terms.klPerDim, 0), resolved.freeBits));
        // w = 1 (no warm-up, β = 1) skips the multiply: the same numbers, two kernels fewer per
        // step forward and backward.
        const weighted = w === 1 ? klTerm : tf.mul(klTerm, w);
        const loss = w === 0 ? recon : (tf.add(recon, weighted) as tf.Scalar);
        return { loss, recon, kl };
      });
    },
  };
}
