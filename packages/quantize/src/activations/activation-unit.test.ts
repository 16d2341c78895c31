import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QuantizationError } from '../errors/quantization-error.js';
import { fixedFormat } from '../fixed/fixed-format.js';
import { type ActivationUnit, activationCode, checkActivationUnit } from './activation-unit.js';
import { activationUnitFor } from './unit-for-activation.js';

describe('activation units', () => {
  it('ReLU, identity and leaky ReLU are exact in their own format and round once otherwise', () => {
    const f = fixedFormat(10, 4);
    const relu = activationUnitFor('relu', f, f);
    const leaky = activationUnitFor('leakyRelu', f, f, { negativeSlope: 0.25 });
    fc.assert(
      fc.property(fc.integer({ min: -512, max: 511 }), (c) => {
        expect(activationCode(relu, c, f, f, 'truncate')).toBe(Math.max(c, 0));
        expect(activationCode({ kind: 'identity' }, c, f, f, 'truncate')).toBe(c);
        expect(activationCode(leaky, c, f, f, 'truncate')).toBe(c >= 0 ? c : Math.floor(c / 4));
        expect(activationCode(relu, c, f, fixedFormat(8, 2), 'half-even')).toBe(
          Math.min(
            127,
            Math.max(
              0,
              Math.round(c / 4 + (Math.abs((c / 4) % 1) === 0.5 && Math.round(c / 4) % 2 ? -1 : 0)),
            ),
          ),
        );
      }),
    );
  });

  it('rejects unknown units and malformed constants', () => {
    const f = fixedFormat(8, 4);
    expect(() =>
      checkActivationUnit({ kind: 'gelu' } as unknown as ActivationUnit, f, f, 'u'),
    ).toThrow(QuantizationError);
    expect(() => checkActivationUnit({ kind: 'sigmoidPlan' }, fixedFormat(8, -1), f, 'u')).toThrow(
      /frac/,
    );
    expect(() =>
      checkActivationUnit(
        {
          kind: 'lut',
          fn: 'sigmoid',
          start: 0,
          stepShift: 0,
          addressBits: 2,
          interpolate: false,
          table: [1, 2],
        },
        f,
        f,
        'u',
      ),
    ).toThrow(/LUT/);
    expect(() =>
      activationCode({ kind: 'softmax' } as unknown as ActivationUnit, 0, f, f, 'truncate'),
    ).toThrow(QuantizationError);
  });
});
