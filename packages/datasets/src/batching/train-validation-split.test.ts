import { InvalidArgumentError, ShapeError } from '@latentkit/core';
import { describe, expect, it } from 'vitest';
import { trainValidationSplit } from './train-validation-split.js';

describe('trainValidationSplit', () => {
  it('holds out round(n × fraction) rows, disjoint, sorted, covering 0..n-1', () => {
    const { train, validation } = trainValidationSplit(101, { validationFraction: 0.25, seed: 1 });
    expect(validation.length).toBe(25);
    expect(train.length).toBe(76);
    const all = [...train, ...validation].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 101 }, (_, i) => i));
    expect(Array.from(train)).toEqual(Array.from(train).sort((a, b) => a - b));
  });

  it('is seeded', () => {
    const a = trainValidationSplit(50, { validationFraction: 0.2, seed: 1 });
    expect(trainValidationSplit(50, { validationFraction: 0.2, seed: 1 })).toEqual(a);
    expect(trainValidationSplit(50, { validationFraction: 0.2, seed: 2 }).validation).not.toEqual(
      a.validation,
    );
  });

  it('keeps class proportions when stratified', () => {
    const labels = Array.from({ length: 100 }, (_, i) => (i < 80 ? 0 : 1));
    const { validation } = trainValidationSplit(100, {
      validationFraction: 0.1,
      seed: 3,
      stratify: labels,
    });
    expect(validation.length).toBe(10);
    expect(Array.from(validation).filter((i) => labels[i] === 1).length).toBe(2);
  });

  it('rejects invalid fractions, lengths and missing seeds', () => {
    for (const f of [0, 1, -0.1, 1.2, Number.NaN]) {
      expect(() => trainValidationSplit(10, { validationFraction: f, seed: 1 })).toThrow(
        InvalidArgumentError,
      );
    }
    expect(() => trainValidationSplit(10, { validationFraction: 0.01, seed: 1 })).toThrow(/empty/);
    expect(() => trainValidationSplit(10, { validationFraction: 0.5 } as never)).toThrow(
      InvalidArgumentError,
    );
    expect(() =>
      trainValidationSplit(10, { validationFraction: 0.5, seed: 1, stratify: [1, 2] }),
    ).toThrow(ShapeError);
  });
});
