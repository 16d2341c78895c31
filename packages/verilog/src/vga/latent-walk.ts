import type { FixedFormat } from '@latentkit/quantize';
import { VerilogError } from '../errors/verilog-error.js';

/** The latent-walk controls of a VGA top, as generated into its RTL. */
export interface LatentWalkControls {
  /** Latent codes per vector (the decoder's inputs). */
  inputCount: number;
  /** Format of the latent codes. */
  format: FixedFormat;
  /** Start vectors (codes), selectable with `SW[12 + startBits − 1 : 12]`; `BTNC` loads one. */
  startVectors: number[][];
  /** Codes added by `BTNU` / subtracted by `BTND`. */
  step: number;
  /** Smallest code a step reaches (saturating). */
  min: number;
  /** Largest code a step reaches (saturating). */
  max: number;
  /** Switches `SW[dimBits − 1 : 0]` select the latent dimension. */
  dimBits: number;
  /** Switches `SW[12 + startBits − 1 : 12]` select the start vector (0 when there is one). */
  startBits: number;
}

/** One control action on the board: set the switches, then press (and release) a button. */
export interface WalkAction {
  /** The 16 switches `SW[15:0]` as a number (bit i = `SW[i]`). */
  switches: number;
  /** The button pressed after setting the switches, if any. */
  button?: 'up' | 'down' | 'center';
}

/**
 * The dimension and start vector the switches select.
 *
 * @example
 * ```ts
 * import { walkSelection } from '@latentkit/verilog';
 *
 * // a 20-D latent (dimBits 5) with two start vectors (startBits 1):
 * walkSelection(vga.vga.controls, 0b0001_0000_0000_0101); // → { dim: 5, start: 1 }
 * ```
 */
export function walkSelection(
  c: LatentWalkControls,
  switches: number,
): {
  /** The latent dimension the low switches select. */
  dim: number;
  /** The start vector `SW[15:12]` selects. */
  start: number;
} {
  return {
    dim: switches & ((1 << c.dimBits) - 1),
    start: c.startBits === 0 ? 0 : (switches >> 12) & ((1 << c.startBits) - 1),
  };
}

/**
 * The latent vector (codes) the top holds after reset with switches `resetSwitches` and then
 * `actions`, in order — the TypeScript twin of the RTL's walk: reset and `BTNC` load start vector
 * `SW[12 + startBits − 1 : 12]` (a selection without a start vector loads zeros); `BTNU`/`BTND`
 * add/subtract `step` codes to dimension `SW[dimBits − 1 : 0]`, saturating at `min`/`max`; a
 * dimension ≥ `inputCount` ignores the steps.
 *
 * @throws {@link VerilogError} (`bad-vectors`) for switches outside 0…0xffff.
 *
 * @example
 * ```ts
 * import { walkLatent } from '@latentkit/verilog';
 *
 * const controls = vga.vga.controls; // from nexysVgaTop(…)
 * walkLatent(controls, 0, [{ switches: 3, button: 'up' }, { switches: 3, button: 'up' }]);
 * // → the latent codes after two steps up in dimension 3
 * ```
 */
export function walkLatent(
  c: LatentWalkControls,
  resetSwitches: number,
  actions: readonly WalkAction[],
): number[] {
  const load = (sw: number) => {
    const s = walkSelection(c, sw).start;
    return s < c.startVectors.length ? [...c.startVectors[s]!] : new Array(c.inputCount).fill(0);
  };
  for (const sw of [resetSwitches, ...actions.map((a) => a.switches)]) {
    if (!Number.isInteger(sw) || sw < 0 || sw > 0xffff) {
      throw new VerilogError('bad-vectors', `switches must be an integer in 0…0xffff, got ${sw}`);
    }
  }
  let z = load(resetSwitches);
  for (const a of actions) {
    const { dim } = walkSelection(c, a.switches);
    if (a.button === 'center') z = load(a.switches);
    else if (a.button !== undefined && dim < c.inputCount) {
      const v = z[dim]! + (a.button === 'up' ? c.step : -c.step);
      z[dim] = Math.min(c.max, Math.max(c.min, v));
    }
  }
  return z;
}
