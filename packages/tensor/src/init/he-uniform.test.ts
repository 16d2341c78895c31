import { beforeAll } from 'vitest';
import { initBackend } from '../backend/init-backend.js';
import { heUniform } from './he-uniform.js';
import { describeInitializer } from './init-cases.testutil.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

// He uniform: bound √(6/fanIn), variance 2/fanIn (default gain √2 on √(3/fanIn)).
describeInitializer('heUniform', {
  init: heUniform,
  distribution: 'uniform',
  baseGain: Math.SQRT2,
  variance: (fanIn) => 2 / fanIn,
});
