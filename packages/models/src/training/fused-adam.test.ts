import { createAdam } from '@latentkit/tensor';
import { describe, expect, it } from 'vitest';
import * as api from '../index.js';

describe('createFusedAdam (deprecated)', () => {
  it("and fusedAdam are @latentkit/tensor's createAdam itself", () => {
    expect(api.createFusedAdam).toBe(createAdam);
    expect(api.fusedAdam).toBe(createAdam);
  });
});
