import { UnknownOptionError } from '@latentkit/core';
import { describe, expect, it } from 'vitest';
import { importOnnxModel } from './index.js';

// Each call passes only a misspelled option: the key check comes first, so the other arguments
// are never read.
const _ = undefined as never;
const cases: [
  name: string,
  call: (options: never) => unknown,
  misspelled: string,
  valid: string,
][] = [['importOnnxModel', (o) => importOnnxModel(_, o), 'maxbytes', 'maxBytes']];

describe('unknown option keys', () => {
  it.each(cases)(
    '%s refuses a misspelled key, naming it and the valid ones',
    (_name, call, bad, valid) => {
      let error: unknown;
      try {
        call({ [bad]: 1 } as never);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(UnknownOptionError);
      expect((error as Error).message).toContain(`"${bad}"`);
      expect((error as Error).message).toContain(`"${valid}"`);
    },
  );
});
