import { UnknownOptionError } from '@latentkit/core';
import { describe, expect, it } from 'vitest';
import { centeredScatter } from './covariance.js';
import { IncrementalPca, linearAutoencoderAngles, scatterMatrix, toDenseMatrix } from './index.js';
import { createScatterWorkers } from './node.js';
import { randomizedPca, randomizedPcaFromScatter } from './randomized-pca.js';

// Each call passes only a misspelled option: the key check comes first, so the other arguments
// are never read.
const _ = undefined as never;
const cases: [
  name: string,
  call: (options: never) => unknown,
  misspelled: string,
  valid: string,
][] = [
  ['centeredScatter', (o) => centeredScatter(_, _, o), 'engines', 'engine'],
  ['toDenseMatrix', (o) => toDenseMatrix(_, o), 'names', 'name'],
  [
    'linearAutoencoderAngles',
    (o) => linearAutoencoderAngles(_, o),
    'numcomponents',
    'numComponents',
  ],
  ['createScatterWorkers', (o) => createScatterWorkers(o), 'threadss', 'threads'],
  ['randomizedPca', (o) => randomizedPca(_, _, _, o), 'whitens', 'whiten'],
  ['randomizedPcaFromScatter', (o) => randomizedPcaFromScatter(_, _, o), 'whitens', 'whiten'],
  ['scatterMatrix', (o) => scatterMatrix(_, o), 'engines', 'engine'],
  ['new IncrementalPca', (o) => new IncrementalPca(o), 'blockrows', 'blockRows'],
  ['IncrementalPca.result', (o) => new IncrementalPca().result(o), 'ncomponent', 'numComponents'],
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
