import { LatentkitError } from '@latentkit/core';
import { describe, expect, it } from 'vitest';
import { VerilogError } from './verilog-error.js';

describe('VerilogError', () => {
  it('is a LatentkitError with a stable code, a problem tag and its own name', () => {
    const e = new VerilogError('unsupported-unit', "layer 'enc': no circuit for 'softplus'");
    expect(e).toBeInstanceOf(LatentkitError);
    expect(e).toBeInstanceOf(Error);
    expect(e.code).toBe('VERILOG');
    expect(e.problem).toBe('unsupported-unit');
    expect(e.name).toBe('VerilogError');
    expect(e.message).toContain('softplus');
  });
});
