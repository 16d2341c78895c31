import type { FixedFormat } from '../fixed/fixed-format.js';
import type { RoundingMode } from '../fixed/rounding.js';
import { type LutUnit, lutCode } from './lut-unit.js';
import { sigmoidPlanCode } from './sigmoid-plan.js';
import { sigmoidTaylorCode } from './sigmoid-taylor.js';

/** PLAN piecewise-linear sigmoid unit (see `sigmoidPlanCode`). */
export interface SigmoidPlanUnit {
  /** Discriminant. */
  kind: 'sigmoidPlan';
}

/** 5th-order Taylor sigmoid unit (see `sigmoidTaylorCode`). */
export interface SigmoidTaylorUnit {
  /** Discriminant. */
  kind: 'sigmoidTaylor';
  /** Internal guard bits. */
  guardBits: number;
}

/** A unit computing the logistic sigmoid: PLAN, Taylor, or a LUT with `fn: 'sigmoid'`. */
export type SigmoidUnit = SigmoidPlanUnit | SigmoidTaylorUnit | LutUnit;

/** Evaluates a {@link SigmoidUnit} on an input code; the result is a code of `outFormat`. */
export function sigmoidUnitCode(
  unit: SigmoidUnit,
  code: number,
  inFormat: FixedFormat,
  outFormat: FixedFormat,
  rounding: RoundingMode,
): number {
  if (unit.kind === 'sigmoidPlan') return sigmoidPlanCode(code, inFormat, outFormat, rounding);
  if (unit.kind === 'sigmoidTaylor') {
    return sigmoidTaylorCode(code, inFormat, outFormat, rounding, unit.guardBits);
  }
  return lutCode(unit, code, outFormat, rounding);
}
