import { beforeAll } from 'vitest';
import { initBackend } from '../backend/init-backend.js';
import { heNormal } from './he-normal.js';
import { describeInitializer } from './init-cases.testutil.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

// He normal: σ² = 2/fanIn, untruncated.
describeInitializer('heNormal', {
  init: heNormal,
  distribution: 'normal',
  baseGain: Math.SQRT2,
  variance: (fanIn) => 2 / fanIn,
});
