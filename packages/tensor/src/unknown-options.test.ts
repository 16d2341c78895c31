import { UnknownOptionError } from '@latentkit/core';
import { describe, expect, it } from 'vitest';
import {
  checkGradient,
  clipGradients,
  conv2d,
  conv2dFilterGrad,
  conv2dTranspose,
  dense,
  gemm,
  getActivation,
  glorotNormal,
  glorotUniform,
  heNormal,
  heUniform,
  initBackend,
  runTrainingLoop,
  runTrainingLoopSync,
  torchDefault,
  zeros,
} from './index.js';

// Each call passes only a misspelled option: the key check comes first, so the other arguments
// are never read.
const _ = undefined as never;
const cases: [
  name: string,
  call: (options: never) => unknown,
  misspelled: string,
  valid: string,
][] = [
  ['checkGradient', (o) => checkGradient(_, _, o), 'epss', 'eps'],
  ['conv2dFilterGrad', (o) => conv2dFilterGrad(_, _, _, _, _, _, _, o), 'methods', 'method'],
  ['glorotNormal', (o) => glorotNormal(_, _, o), 'fanin', 'fanIn'],
  ['glorotUniform', (o) => glorotUniform(_, _, o), 'fanin', 'fanIn'],
  ['heNormal', (o) => heNormal(_, _, o), 'fanin', 'fanIn'],
  ['heUniform', (o) => heUniform(_, _, o), 'fanin', 'fanIn'],
  ['torchDefault', (o) => torchDefault(_, _, o), 'fanin', 'fanIn'],
  ['zeros', (o) => zeros(_, _, o), 'fanin', 'fanIn'],
  ['gemm', (o) => gemm(_, _, o), 'transposea', 'transposeA'],
  ['getActivation', (o) => getActivation(_, o), 'negativeslope', 'negativeSlope'],
  ['conv2dTranspose', (o) => conv2dTranspose(_, _, o), 'seeds', 'seed'],
  ['conv2d', (o) => conv2d(_, _, o), 'seeds', 'seed'],
  ['dense', (o) => dense(_, _, o), 'seeds', 'seed'],
  ['clipGradients', (o) => clipGradients(_, o), 'clipvalue', 'clipValue'],
  ['initBackend', (o) => initBackend(o), 'backends', 'backend'],
  ['runTrainingLoop', (o) => runTrainingLoop(o), 'signall', 'signal'],
  ['runTrainingLoopSync', (o) => runTrainingLoopSync(o), 'numrows', 'numRows'],
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
