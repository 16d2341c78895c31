import { fixedFormat } from '@latentkit/quantize';
import { describe, expect, it } from 'vitest';
import { type LatentWalkControls, walkLatent, walkSelection } from './latent-walk.js';

const c: LatentWalkControls = {
  inputCount: 3,
  format: fixedFormat(8, 4),
  startVectors: [
    [1, 2, 3],
    [-5, 0, 5],
  ],
  step: 4,
  min: -8,
  max: 8,
  dimBits: 2,
  startBits: 1,
};

describe('walkLatent', () => {
  it('selects the dimension with the low switches and the start vector with SW[15:12]', () => {
    expect(walkSelection(c, 0x1002)).toEqual({ dim: 2, start: 1 });
    expect(walkSelection({ ...c, startBits: 0 }, 0x1002)).toEqual({ dim: 2, start: 0 });
  });

  it('loads, steps and saturates like the RTL', () => {
    expect(walkLatent(c, 0x1000, [])).toEqual([-5, 0, 5]);
    const z = walkLatent(c, 0, [
      { switches: 0, button: 'up' },
      { switches: 0, button: 'up' },
      { switches: 0, button: 'up' }, // 1 → 5 → 8 (saturated) → 8
      { switches: 1, button: 'down' },
      { switches: 3, button: 'up' }, // no dimension 3: ignored
      { switches: 2 }, // switches only
    ]);
    expect(z).toEqual([8, -2, 3]);
    expect(walkLatent(c, 0, [{ switches: 0x1000, button: 'center' }])).toEqual([-5, 0, 5]);
  });

  it('loads zeros for a selection without a start vector', () => {
    expect(walkLatent({ ...c, startBits: 2 }, 0x3000, [])).toEqual([0, 0, 0]);
    expect(() => walkLatent(c, 0x10000, [])).toThrow(/switches/);
  });
});
