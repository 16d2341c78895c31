import { InvalidArgumentError } from '@latentkit/core';

/**
 * One step of Marsaglia's 32-bit xorshift generator ("Xorshift RNGs", J. Stat. Softw. 8(14),
 * 2003), shifts (13, 17, 5): `s ^= s << 13; s ^= s >>> 17; s ^= s << 5` on 32 bits. It is a
 * linear map over GF(2)³² (an LFSR in matrix form) with period 2³² − 1 over the non-zero states;
 * in hardware it is three XOR layers of wires, one output word per clock.
 *
 * Hand-written (5 lines) because the bit-exact hardware twin needs this exact recurrence; a
 * library generator would hide its state update.
 *
 * @param state - A non-zero uint32.
 * @returns The next state (= the output word), a non-zero uint32.
 */
export function xorshift32(state: number): number {
  let s = state >>> 0;
  s ^= s << 13;
  s >>>= 0;
  s ^= s >>> 17;
  s ^= s << 5;
  return s >>> 0;
}

/**
 * Checks a seed of {@link xorshift32}: an integer in [1, 2³² − 1] (0 is a fixed point).
 *
 * @throws {@link InvalidArgumentError}
 */
export function checkXorshiftSeed(seed: number, what = 'seed'): void {
  if (!Number.isInteger(seed) || seed < 1 || seed > 0xffffffff) {
    throw new InvalidArgumentError(what, `must be an integer in [1, 2^32 − 1], got ${seed}`);
  }
}

/**
 * Distinct non-zero uint32 seeds for `lanes` generators derived from one number with the
 * splitmix32 finalizer (a fixed bijective mix), so lanes start far apart in the sequence.
 * These become constants in the RTL.
 */
export function laneSeeds(seed: number, lanes: number): number[] {
  if (!Number.isInteger(lanes) || lanes < 1) {
    throw new InvalidArgumentError('lanes', `must be a positive integer, got ${lanes}`);
  }
  const out: number[] = [];
  let x = seed >>> 0;
  while (out.length < lanes) {
    x = (x + 0x9e3779b9) >>> 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    z = (z ^ (z >>> 16)) >>> 0;
    if (z !== 0 && !out.includes(z)) out.push(z);
  }
  return out;
}
