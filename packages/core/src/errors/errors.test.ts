import { describe, expect, it } from 'vitest';
import { BackendError } from './backend-error.js';
import { InvalidArgumentError } from './invalid-argument-error.js';
import { LatentkitError } from './latentkit-error.js';
import { NonFiniteError } from './non-finite-error.js';
import { ShapeError } from './shape-error.js';
import { UnknownOptionError } from './unknown-option-error.js';

describe('the error hierarchy', () => {
  it('gives every error its class name, a stable code and the LatentkitError base', () => {
    const cases: [LatentkitError, string, string][] = [
      [new BackendError('wasm failed'), 'BackendError', 'BACKEND'],
      [new InvalidArgumentError('lr', 'must be > 0'), 'InvalidArgumentError', 'INVALID_ARGUMENT'],
      [new NonFiniteError('loss'), 'NonFiniteError', 'NON_FINITE'],
      [new ShapeError('bad shape', [2], [3]), 'ShapeError', 'SHAPE_MISMATCH'],
      [
        new UnknownOptionError('reduction', 'avg', ['mean']),
        'UnknownOptionError',
        'UNKNOWN_OPTION',
      ],
    ];
    for (const [error, name, code] of cases) {
      expect(error).toBeInstanceOf(LatentkitError);
      expect(error).toBeInstanceOf(Error);
      expect(error.name).toBe(name);
      expect(error.code).toBe(code);
    }
  });

  it('puts what is wrong in the message', () => {
    expect(new InvalidArgumentError('lr', 'must be > 0').message).toBe('lr: must be > 0');
    expect(new NonFiniteError('loss').message).toBe('loss contains NaN or Infinity');
    expect(new UnknownOptionError('reduction', 'avg', ['mean', 'sum']).message).toBe(
      `unknown value "avg" for option 'reduction'; expected one of "mean", "sum"`,
    );
    const shape = new ShapeError('x must be [2]', [2], [3]);
    expect([shape.expected, shape.actual]).toEqual([[2], [3]]);
  });
});
