/** Small seeded models for the ROM read-back tests: an MLP with a LUT sigmoid and a tiny VAE. */

import { createRng } from '@latentkit/core';
import {
  type FloatMlp,
  type QuantizedMlp,
  type QuantizedVae,
  quantizeMlp,
  quantizeVae,
} from '@latentkit/quantize';
import { buildLutUnit } from '@latentkit/quantize/internal';

function floatMlp(seed: number, sizes: number[], acts: string[]): FloatMlp {
  const rng = createRng(seed);
  return {
    layers: acts.map((activation, k) => ({
      name: `fc${k + 1}`,
      inFeatures: sizes[k]!,
      outFeatures: sizes[k + 1]!,
      activation,
      weight: Float64Array.from({ length: sizes[k]! * sizes[k + 1]! }, () => 2 * rng.next() - 1),
      bias: Float64Array.from({ length: sizes[k + 1]! }, () => rng.next() - 0.5),
    })),
  } as FloatMlp;
}

/** 3 → 5 (sigmoid as an interpolated 32-entry LUT) → 3 (linear), 8 bits. */
export function lutMlp(): QuantizedMlp {
  const rng = createRng(31);
  const calibration = Float64Array.from({ length: 3 * 64 }, () => 2 * rng.next() - 1);
  const base = quantizeMlp(floatMlp(30, [3, 5, 3], ['sigmoid', 'linear']), {
    calibration,
    bits: 8,
  });
  const l0 = base.layers[0]!;
  const lut = buildLutUnit('sigmoid', l0.activationInput, l0.activationOutput, {
    addressBits: 5,
    interpolate: true,
  });
  return { ...base, layers: [{ ...l0, activation: lut }, base.layers[1]!] };
}

/** A tiny VAE: 3 → 4 → [μ | log σ²] (2 + 2) → z (2) → 4 → 3, 10 bits. */
export function tinyVae(): QuantizedVae {
  const rng = createRng(41);
  const calibration = Float64Array.from({ length: 3 * 64 }, () => 2 * rng.next() - 1);
  return quantizeVae(
    {
      encoder: floatMlp(42, [3, 4, 4], ['relu', 'linear']),
      decoder: floatMlp(43, [2, 4, 3], ['relu', 'sigmoid']),
    },
    { calibration, bits: 10 },
  );
}

/** Seeded input codes of `count` vectors of `n` codes in a `width`-bit signed format. */
export function randomCodes(seed: number, count: number, n: number, width: number): number[][] {
  const rng = createRng(seed);
  const half = 2 ** (width - 1);
  return Array.from({ length: count }, () =>
    Array.from({ length: n }, () => Math.floor(rng.next() * 2 * half) - half),
  );
}

/**
 * `files[file]` with the low bit of word `address` flipped (word lines are the non-comment
 * lines of a `$readmemh` file).
 */
export function flipLowBit(text: string, address: number): string {
  const lines = text.split('\n');
  let a = -1;
  for (let i = 0; i < lines.length; i++) {
    if (!/^[0-9a-f]+$/.test(lines[i]!)) continue;
    a++;
    if (a === address) {
      const w = lines[i]!;
      lines[i] = (Number.parseInt(w, 16) ^ 1).toString(16).padStart(w.length, '0');
      return lines.join('\n');
    }
  }
  throw new Error(`no word ${address}`);
}
