import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import { renamedOption } from './renamed-option.js';

describe('renamedOption', () => {
  it('prefers the new name, falls back to the old one, and is undefined without either', () => {
    expect(renamedOption({ learningRate: 0.1 }, 'learningRate', 'lr')).toBe(0.1);
    expect(renamedOption({ lr: 0.2 }, 'learningRate', 'lr')).toBe(0.2);
    expect(renamedOption({}, 'learningRate', 'lr')).toBeUndefined();
    expect(renamedOption({ learningRate: 0.1, lr: 0.1 }, 'learningRate', 'lr')).toBe(0.1);
  });

  it('refuses two different values, naming both keys', () => {
    const run = () =>
      renamedOption({ learningRate: 0.1, lr: 0.2 }, 'learningRate', 'lr', 'train options');
    expect(run).toThrow(InvalidArgumentError);
    expect(run).toThrow(
      /train options give both learningRate \(0.1\) and its deprecated old name lr \(0.2\)/,
    );
  });
});
