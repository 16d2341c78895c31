import { InvalidArgumentError } from '@latentkit/core';
import { describe, expect, it } from 'vitest';
import { floatVaeFromModel } from './float-vae-from-model.js';
import { fromParamRecord } from './from-param-record.js';

// Plain-JavaScript callers can pass anything: a typed error naming the argument, never a
// TypeError from inside (both threw "cannot read properties of undefined" before).
describe('bad input to the float-model builders', () => {
  it('fromParamRecord refuses a missing spec or record', () => {
    expect(() => fromParamRecord({}, {} as never)).toThrow(InvalidArgumentError);
    expect(() => fromParamRecord({}, {} as never)).toThrow(/spec\.layers/);
    expect(() =>
      fromParamRecord(null as never, { layers: [{ name: 'a', activation: 'relu' }] }),
    ).toThrow(/record/);
    expect(() =>
      fromParamRecord(
        { 'a.weight': { shape: 3 as never, data: Float32Array.of(1) } },
        {
          layers: [{ name: 'a', activation: 'relu' }],
        },
      ),
    ).toThrow(/expected rank 2/);
  });

  it('floatVaeFromModel refuses a config that is not an MLP VAE, without a TypeError', () => {
    expect(() => floatVaeFromModel({} as never, {})).toThrow(InvalidArgumentError);
    expect(() => floatVaeFromModel({} as never, {})).toThrow(/MLP VAE/);
    expect(() => floatVaeFromModel(null as never, {})).toThrow(/config/);
  });
});
