import { LatentkitError } from '@latentkit/core';
import { describe, expect, it } from 'vitest';
import { QuantizationError } from './quantization-error.js';

describe('QuantizationError', () => {
  it('is a LatentkitError with a stable code, a problem tag and its own name', () => {
    const e = new QuantizationError('overflow', 'layer 0: accumulator too narrow');
    expect(e).toBeInstanceOf(LatentkitError);
    expect(e).toBeInstanceOf(Error);
    expect(e.code).toBe('QUANTIZATION');
    expect(e.problem).toBe('overflow');
    expect(e.name).toBe('QuantizationError');
    expect(e.message).toContain('accumulator');
  });
});
