import { describe, expect, it } from 'vitest';
import { exampleCoverageProblems } from './required-examples.js';

describe('exampleCoverageProblems', () => {
  const coverage = { required: ['@lk/a.f', '@lk/a.g', '@lk/a.h'], missing: ['@lk/a.g', '@lk/a.h'] };

  it('passes when every missing example is allow-listed', () => {
    expect(
      exampleCoverageProblems(coverage, { '@lk/a.g': 'internal', '@lk/a.h': 'internal' }),
    ).toEqual([]);
  });

  it('fails for a missing example that is not allow-listed', () => {
    const problems = exampleCoverageProblems(coverage, { '@lk/a.g': 'internal' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^@lk\/a\.h has no @example/);
  });

  it('fails for a stale allow-list entry: one with an example now, or no such export', () => {
    const problems = exampleCoverageProblems(coverage, {
      '@lk/a.f': 'internal',
      '@lk/a.g': 'internal',
      '@lk/a.h': 'internal',
      '@lk/a.gone': 'removed',
    });
    expect(problems).toEqual([
      expect.stringMatching(/^@lk\/a\.f .* has an @example now: remove it$/),
      expect.stringMatching(/^@lk\/a\.gone .* is no export that needs one: remove it$/),
    ]);
  });
});
