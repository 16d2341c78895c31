import { describe, expect, it } from 'vitest';
import { migVerdict } from './mig-verdict.js';

describe('migVerdict', () => {
  it('sorts the factors into separated, leaning and spread by their gaps', () => {
    const v = migVerdict([
      { factor: 'shape', gap: 0.01, topLatent: 0 },
      { factor: 'scale', gap: 0.12, topLatent: 0 },
      { factor: 'orientation', gap: 0, topLatent: 0 },
      { factor: 'posX', gap: 0.41, topLatent: 0 },
      { factor: 'posY', gap: 0.2, topLatent: 0 },
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
        { factor: 'posY', gap: 0.3, topLatent: 0 },
        { factor: 'shape', gap: null, topLatent: 0 },
      ]),
    ).toBe(' — y position has a latent dimension of its own (gap ≥ 0.2).');
    expect(migVerdict([{ factor: 'orientation', gap: 0.01, topLatent: 0 }])).toBe(
      ' — rotation is spread over several dimensions or hardly encoded (gap < 0.05).',
    );
    expect(migVerdict([])).toBe('');
    expect(migVerdict([{ factor: 'scale', gap: null, topLatent: 0 }])).toBe('');
  });

  it('names a factor apart when its top dimension is inactive', () => {
    const factors = [
      { factor: 'posX', gap: 0.44, topLatent: 2 },
      { factor: 'scale', gap: 0.25, topLatent: 5 },
      { factor: 'shape', gap: 0.02, topLatent: 5 },
    ];
    const kl = [0, 0, 1.2, 0, 1.2, 0.004];
    expect(migVerdict(factors, kl)).toBe(
      ' — x position has a latent dimension of its own (gap ≥ 0.2); ' +
        'scale is tracked (gap 0.25) by the posterior mean of z5, an inactive dimension (KL < 0.05 nats), so its row barely changes the sprite; ' +
        'shape is spread over several dimensions or hardly encoded (gap < 0.05).',
    );
    // Without the KL every dimension counts as active.
    expect(migVerdict(factors)).toContain('x position and scale each have a latent dimension');
  });
});
