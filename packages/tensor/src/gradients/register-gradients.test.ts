import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/init-backend.js';
import { binaryCases } from './binary-gradients.cases.js';
import { convCases } from './conv-gradients.cases.js';
import { fusedLossCases } from './fused-loss-gradients.cases.js';
import { gemmCases } from './gemm-gradient.cases.js';
import { matMulCases } from './matmul-gradient.cases.js';
import { reductionCases } from './reduction-gradients.cases.js';
import { latentkitGradients, registerLatentkitGradients } from './register-gradients.js';
import { shapeCases } from './shape-gradients.cases.js';
import { unaryCases } from './unary-gradients.cases.js';

// Every case table that a *.test.ts file in this folder runs against finite differences (on cpu and
// wasm). Each case also asserts that its function really launches the kernel it names.
const allCases = [
  ...unaryCases,
  ...binaryCases,
  ...reductionCases,
  ...shapeCases,
  ...matMulCases,
  ...gemmCases,
  ...convCases,
  ...fusedLossCases,
];
const registered = latentkitGradients.map((g) => g.kernelName);

describe('latentkitGradients coverage', () => {
  it('has a finite-difference test case for every registered kernel', () => {
    const tested = new Set(allCases.map((c) => c.kernel));
    const untested = registered.filter((k) => !tested.has(k));
    expect(untested, 'gradients registered without a test case').toEqual([]);
  });

  it('has no test case for a kernel that is not registered (stale cases)', () => {
    const names = new Set(registered);
    expect(allCases.filter((c) => !names.has(c.kernel)).map((c) => c.kernel)).toEqual([]);
  });

  it('registers each kernel once (a duplicate would silently replace the first)', () => {
    const dupes = registered.filter((k, i) => registered.indexOf(k) !== i);
    expect(dupes).toEqual([]);
  });

  it('has unique case names (they seed the inputs)', () => {
    const names = allCases.map((c) => c.name);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });
});

describe('registerLatentkitGradients', () => {
  beforeAll(async () => {
    await initBackend({ backend: 'cpu' });
  });

  it('makes tfjs use latentkit’s gradient function for every kernel', () => {
    for (const config of latentkitGradients) {
      expect(tf.getGradient(config.kernelName), config.kernelName).toBe(config);
    }
  });

  it('is idempotent', () => {
    registerLatentkitGradients();
    registerLatentkitGradients();
    for (const config of latentkitGradients) {
      expect(tf.getGradient(config.kernelName)).toBe(config);
    }
  });
});
