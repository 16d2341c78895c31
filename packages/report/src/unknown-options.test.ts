import { UnknownOptionError } from '@latentkit/core';
import { describe, expect, it } from 'vitest';
import {
  chartFrame,
  encodeGreyPng,
  figureSvg,
  imageGridPng,
  niceTicks,
  renderReport,
  tileImages,
} from './index.js';
import { loadSavedResults } from './node.js';

// Each call passes only a misspelled option: the key check comes first, so the other arguments
// are never read.
const _ = undefined as never;
const cases: [
  name: string,
  call: (options: never) => unknown,
  misspelled: string,
  valid: string,
][] = [
  ['chartFrame', (o) => chartFrame(o), 'layouts', 'layout'],
  ['figureSvg', (o) => figureSvg(_, o), 'deflates', 'deflate'],
  ['encodeGreyPng', (o) => encodeGreyPng(_, o), 'deflates', 'deflate'],
  ['imageGridPng', (o) => imageGridPng(_, o), 'deflates', 'deflate'],
  ['tileImages', (o) => tileImages(_, _, o), 'pads', 'pad'],
  ['loadSavedResults', (o) => loadSavedResults(_, o), 'onskip', 'onSkip'],
  ['renderReport', (o) => renderReport(_, _, o), 'deflates', 'deflate'],
  ['niceTicks', (o) => niceTicks(_, _, _, o), 'withins', 'within'],
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
