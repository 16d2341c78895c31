import { UnknownOptionError } from '@latentkit/core';
import { describe, expect, it } from 'vitest';
import {
  buildDecoder,
  buildEncoder,
  kmeans,
  maskedCodeConv,
  maskedConv2d,
  modelToTorchSafetensors,
  restartDeadCodes,
  torchNameMap,
  torchStateDictToRecord,
} from './index.js';
import { loadSafetensorsFile, trainParallel } from './node.js';

// Each call passes only a misspelled option: the key check comes first, so the other arguments
// are never read.
const _ = undefined as never;
const cases: [
  name: string,
  call: (options: never) => unknown,
  misspelled: string,
  valid: string,
][] = [
  ['buildDecoder', (o) => buildDecoder(_, _, o), 'seeds', 'seed'],
  ['buildEncoder', (o) => buildEncoder(_, _, o), 'seeds', 'seed'],
  ['loadSafetensorsFile', (o) => loadSafetensorsFile(_, o), 'maxfilebytes', 'maxFileBytes'],
  ['trainParallel', (o) => trainParallel(_, _, o), 'workerss', 'workers'],
  ['maskedCodeConv', (o) => maskedCodeConv(_, _, o), 'seeds', 'seed'],
  ['maskedConv2d', (o) => maskedConv2d(_, _, o), 'seeds', 'seed'],
  ['kmeans', (o) => kmeans(_, _, o), 'iterationss', 'iterations'],
  ['restartDeadCodes', (o) => restartDeadCodes(_, _, o), 'thresholds', 'threshold'],
  ['torchNameMap', (o) => torchNameMap(_, o), 'conventions', 'convention'],
  ['torchStateDictToRecord', (o) => torchStateDictToRecord(_, o), 'namemap', 'nameMap'],
  ['modelToTorchSafetensors', (o) => modelToTorchSafetensors(_, o), 'namemap', 'nameMap'],
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
