import { UnknownOptionError } from '@latentkit/core';
import { describe, expect, it } from 'vitest';
import { getInitializer, INITIALIZER_NAMES, type InitializerName } from './get-initializer.js';
import { glorotUniform } from './glorot-uniform.js';
import { heNormal } from './he-normal.js';

describe('getInitializer', () => {
  it('maps names to initializers and passes functions through', () => {
    expect(getInitializer('glorotUniform')).toBe(glorotUniform);
    expect(getInitializer('heNormal')).toBe(heNormal);
    expect(getInitializer(heNormal)).toBe(heNormal);
    expect(INITIALIZER_NAMES).toHaveLength(6);
  });

  it('throws UnknownOptionError for other names', () => {
    expect(() => getInitializer('orthogonal' as InitializerName, 'weightInit')).toThrow(
      UnknownOptionError,
    );
    expect(() => getInitializer('toString' as InitializerName)).toThrow(UnknownOptionError);
  });
});
