import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/init-backend.js';
import { describeInitializer } from './init-cases.testutil.js';
import { stats } from './init-stats.testutil.js';
import { torchDefault } from './torch-default.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

// PyTorch default: bound 1/√fanIn (kaiming_uniform with a = √5), variance 1/(3·fanIn).
describeInitializer('torchDefault', {
  init: torchDefault,
  distribution: 'uniform',
  baseGain: 1,
  variance: (fanIn) => 1 / (3 * fanIn),
});

describe('torchDefault bias', () => {
  it('uses the weight fan-in passed in options (PyTorch bias rule) and needs it', () => {
    const s = stats(torchDefault([20000], 5, { fanIn: 25 }));
    expect(s.maxAbs).toBeLessThanOrEqual(0.2 * (1 + 1e-6));
    expect(s.maxAbs).toBeGreaterThan(0.199);
    expect(Math.abs(s.variance / (0.04 / 3) - 1)).toBeLessThan(0.03);
    expect(() => torchDefault([20], 5)).toThrow(/fanIn/);
  });
});
