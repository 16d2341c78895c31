import { DSPRITES_FACTOR_SIZES, DSPRITES_SHAPES } from '@latentkit/datasets';
import { describe, expect, it } from 'vitest';
import { SPRITE_FACTOR_SIZES, SPRITE_SHAPES } from './sprite-factors.js';

describe('the β-VAE demo’s copy of the dSprites factors', () => {
  it('equals @latentkit/datasets', () => {
    expect([...SPRITE_SHAPES]).toEqual([...DSPRITES_SHAPES]);
    expect(SPRITE_FACTOR_SIZES).toEqual(DSPRITES_FACTOR_SIZES);
  });
});
