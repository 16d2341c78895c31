import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { randomUniform, tf } from '../src/index.js';

const here = (p: string) => new URL(p, import.meta.url);

describe('README example', () => {
  it('is the file examples/vae-step.ts, verbatim', () => {
    const readme = readFileSync(here('../README.md'), 'utf8');
    const example = readFileSync(here('../examples/vae-step.ts'), 'utf8');
    expect(readme).toContain(example.trim());
  });

  it('runs: the negative ELBO falls over 150 steps on a fixed batch', async () => {
    const { step, info } = await import('../examples/vae-step.js');
    expect(info.name).toBe('wasm');
    const x = tf.tidy(() => tf.cast(tf.greater(randomUniform([32, 784], 7), 0.7), 'float32'));
    const first = step(x as tf.Tensor2D, 0);
    let last = first;
    for (let i = 1; i < 150; i++) last = step(x as tf.Tensor2D, i);
    expect(Number.isFinite(first)).toBe(true);
    // Independent Bernoulli(0.3) pixels: the loss starts near 784·log 2 ≈ 543 and can fall towards
    // 784·H(0.3) ≈ 479 nats; 150 Adam steps at lr 1e-3 get well below the start.
    expect(last).toBeLessThan(first - 20);
    x.dispose();
  });
});
