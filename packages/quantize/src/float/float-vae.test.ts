import { InvalidArgumentError } from '@latentkit/core';
import { describe, expect, it } from 'vitest';
import type { FloatVae } from './float-vae.js';
import { latentDimOf } from './float-vae.js';

describe('latentDimOf', () => {
  it("is half the encoder's output width", () => {
    const layer = { inFeatures: 1, outFeatures: 4, weight: [0, 0, 0, 0], bias: [0, 0, 0, 0] };
    const vae = { encoder: { layers: [layer] }, decoder: { layers: [] } } as unknown as FloatVae;
    expect(latentDimOf(vae)).toBe(2);
  });

  it('refuses an encoder without layers with an InvalidArgumentError', () => {
    for (const encoder of [{ layers: [] }, {}, undefined]) {
      const vae = { encoder, decoder: { layers: [] } } as unknown as FloatVae;
      expect(() => latentDimOf(vae)).toThrow(InvalidArgumentError);
      expect(() => latentDimOf(vae)).toThrow(/vae.encoder: needs at least one layer/);
    }
  });
});
