import { UnknownOptionError } from '@latentkit/core';
import { describe, expect, it } from 'vitest';
import { buildLutUnit } from './activations/lut-unit.js';
import { activationUnitFor } from './activations/unit-for-activation.js';
import {
  errorExceedsAt,
  functionErrorStats,
  quantizationReport,
  quantize,
  quantizeArray,
  quantizeMlp,
  quantizeVae,
  requantize,
  runQuantizedMlp,
  runQuantizedVae,
  unitErrorStats,
} from './index.js';
import { createNoiseConfig } from './noise/clt-gaussian.js';

// Each call passes only a misspelled option: the key check comes first, so the other arguments
// are never read.
const _ = undefined as never;
const cases: [
  name: string,
  call: (options: never) => unknown,
  misspelled: string,
  valid: string,
][] = [
  ['functionErrorStats', (o) => functionErrorStats(_, _, o), 'los', 'lo'],
  ['unitErrorStats', (o) => unitErrorStats(_, _, _, _, o), 'los', 'lo'],
  ['errorExceedsAt', (o) => errorExceedsAt(_, _, _, o), 'maxs', 'max'],
  ['buildLutUnit', (o) => buildLutUnit(_, _, _, o), 'addressbits', 'addressBits'],
  ['quantizeMlp', (o) => quantizeMlp(_, o), 'calibrations', 'calibration'],
  ['quantizeVae', (o) => quantizeVae(_, o), 'encoderlayers', 'encoderLayers'],
  ['quantize', (o) => quantize(_, _, o), 'roundings', 'rounding'],
  ['quantizeArray', (o) => quantizeArray(_, _, o), 'roundings', 'rounding'],
  ['requantize', (o) => requantize(_, _, _, o), 'roundings', 'rounding'],
  ['runQuantizedVae', (o) => runQuantizedVae(_, _, o), 'noises', 'noise'],
  ['runQuantizedMlp', (o) => runQuantizedMlp(_, _, o), 'traces', 'trace'],
  ['createNoiseConfig', (o) => createNoiseConfig(o), 'laness', 'lanes'],
  ['quantizationReport', (o) => quantizationReport(_, o), 'datas', 'data'],
  ['activationUnitFor', (o) => activationUnitFor(_, _, _, o), 'negativeslope', 'negativeSlope'],
];

describe('unknown option keys', () => {
  it.each(cases)(
    '%s refuses a misspelled key, naming it and the valid ones',
    async (_name, call, bad, valid) => {
      let error: unknown;
      try {
        await call({ [bad]: 1 } as never);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(UnknownOptionError);
      expect((error as Error).message).toContain(`"${bad}"`);
      expect((error as Error).message).toContain(`"${valid}"`);
    },
  );
});
