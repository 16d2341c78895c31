import { describe, expect, it } from 'vitest';
import { migVerdict } from './mig-verdict.js';

describe('migVerdict', () => {
  it('sorts the factors into separated, leaning and spread by their gaps', () => {
    const v = migVerdict([
      { factor: 'shape', gap: 0.01 },
      { factor: 'scale', gap: 0.12 },
      { factor: 'orientation', gap: 0 },
      { factor: 'posX', gap: 0.41 },
      { factor: 'posY', gap: 0.2 },
    ]);
    expect(v).toBe(
      ' — x position and y position each have a latent dimension of their own (gap ≥ 0.2); ' +
        'scale leans on one dimension only a little more than on the next (gap 0.05–0.2); ' +
        'shape and rotation are spread over several dimensions or hardly encoded (gap < 0.05).',
    );
  });

  it('uses the singular for one factor, skips constant factors, and says nothing without a table', () => {
    expect(
      migVerdict([
        { factor: 'posY', gap: 0.3 },
        { factor: 'shape', gap: null },
      ]),
    ).toBe(' — y position has a latent dimension of its own (gap ≥ 0.2).');
    expect(migVerdict([{ factor: 'orientation', gap: 0.01 }])).toBe(
      ' — rotation is spread over several dimensions or hardly encoded (gap < 0.05).',
    );
    expect(migVerdict([])).toBe('');
    expect(migVerdict([{ factor: 'scale', gap: null }])).toBe('');
  });
});
