import { LatentkitError } from '@latentkit/core';
import { describe, expect, it } from 'vitest';
import { DatasetUnavailableError } from './dataset-unavailable-error.js';
import { IdxFormatError } from './idx-format-error.js';

describe('dataset errors', () => {
  it('IdxFormatError carries its problem, code and name', () => {
    const e = new IdxFormatError('bad-magic', 'first bytes 0x01 0x02');
    expect(e).toBeInstanceOf(LatentkitError);
    expect(e.name).toBe('IdxFormatError');
    expect(e.code).toBe('IDX_FORMAT');
    expect(e.problem).toBe('bad-magic');
    expect(e.message).toContain('bad-magic');
    expect(e.message).toContain('0x01 0x02');
  });

  it('DatasetUnavailableError keeps its cause', () => {
    const cause = new Error('ENOENT');
    const e = new DatasetUnavailableError('no files', cause);
    expect(e).toBeInstanceOf(LatentkitError);
    expect(e.code).toBe('DATASET_UNAVAILABLE');
    expect((e as { cause?: unknown }).cause).toBe(cause);
  });
});
