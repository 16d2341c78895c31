/**
 * A second, deliberately straightforward implementation of the golden model for tests: BigInt
 * everywhere, rational definitions of rounding (exact-reference.testutil), and its own versions
 * of the activation units written from their math (not from src/activations). It also asserts
 * that no accumulator value ever leaves the accumulator's range.
 */
import type { ActivationUnit } from '../activations/activation-unit.js';
import { overflowBig, roundRational } from '../fixed/exact-reference.testutil.js';
import type { FixedFormat } from '../fixed/fixed-format.js';
import type { RoundingMode } from '../fixed/rounding.js';
import type { QuantizedMlp } from './quantized-mlp.js';

/** Rounds the rational v / 2^frac into `fmt` and saturates. */
function intoSat(v: bigint, frac: number, fmt: FixedFormat, mode: RoundingMode): bigint {
  return overflowBig(roundRational(v, frac - fmt.frac, mode), fmt.width, 'saturate');
}

/** PLAN from its table, as an exact rational with denominator 2^(F+5). */
function planRef(c: bigint, inF: number): { v: bigint; frac: number } {
  const one = 1n << BigInt(inF); // 1.0 at frac F
  const a = c < 0n ? -c : c;
  // y(|x|) · 32 at frac F: |x|/4·32 = 8a, 0.5·32 = 16, ...
  let y32: bigint;
  if (a >= 5n * one) y32 = 32n * one;
  else if (8n * a >= 19n * one)
    y32 = a + 27n * one; // |x| ≥ 2.375 = 19/8
  else if (a >= one) y32 = 4n * a + 20n * one;
  else y32 = 8n * a + 16n * one;
  return { v: c < 0n ? 32n * one - y32 : y32, frac: inF + 5 };
}

function unitRef(
  u: ActivationUnit,
  c: bigint,
  inF: FixedFormat,
  outF: FixedFormat,
  mode: RoundingMode,
): bigint {
  switch (u.kind) {
    case 'identity':
      return intoSat(c, inF.frac, outF, mode);
    case 'relu':
      return intoSat(c > 0n ? c : 0n, inF.frac, outF, mode);
    case 'leakyRelu':
      return c >= 0n
        ? intoSat(c, inF.frac, outF, mode)
        : intoSat(c * BigInt(u.slope), inF.frac + u.slopeFrac, outF, mode);
    case 'sigmoidPlan': {
      const p = planRef(c, inF.frac);
      return intoSat(p.v, p.frac, outF, mode);
    }
    case 'lut': {
      const n = 1 << u.addressBits;
      const d = c - BigInt(u.start);
      const step = 1n << BigInt(u.stepShift);
      const t = u.table.map(BigInt);
      if (d < 0n) return t[0]!;
      const i = d / step;
      if (i >= BigInt(n)) return u.interpolate ? t[n]! : t[n - 1]!;
      if (!u.interpolate) return t[Number(i)]!;
      const f = d - i * step;
      const lo = t[Number(i)]!;
      const hi = t[Number(i) + 1]!;
      // lo + (hi − lo)·f/step, exact, at frac outF.frac + stepShift
      return intoSat(lo * step + (hi - lo) * f, outF.frac + u.stepShift, outF, mode);
    }
    default:
      throw new Error(`reference model has no ${u.kind} unit`);
  }
}

/** Runs the reference model; throws if an accumulator value exceeds its format. */
export function referenceRun(q: QuantizedMlp, input: readonly number[]): number[] {
  let x = input.map(BigInt);
  for (const l of q.layers) {
    const accMax = (1n << BigInt(l.accumulator.width - 1)) - 1n;
    const y: bigint[] = [];
    for (let j = 0; j < l.outFeatures; j++) {
      let acc = BigInt(l.biases[j]!) << BigInt(l.accumulator.frac - l.biasFormat.frac);
      for (let i = 0; i < l.inFeatures; i++) {
        acc += x[i]! * BigInt(l.weights[i * l.outFeatures + j]!);
        if (acc > accMax || acc < -accMax - 1n) throw new Error(`${l.name}: accumulator overflow`);
      }
      const a = overflowBig(
        roundRational(acc, l.accumulator.frac - l.activationInput.frac, l.rounding),
        l.activationInput.width,
        l.overflow,
      );
      const u = unitRef(l.activation, a, l.activationInput, l.activationOutput, l.rounding);
      y.push(
        overflowBig(
          roundRational(u, l.activationOutput.frac - l.output.frac, l.rounding),
          l.output.width,
          l.overflow,
        ),
      );
    }
    x = y;
  }
  return x.map(Number);
}
