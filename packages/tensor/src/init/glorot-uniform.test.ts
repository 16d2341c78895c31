import { beforeAll } from 'vitest';
import { initBackend } from '../backend/init-backend.js';
import { glorotUniform } from './glorot-uniform.js';
import { describeInitializer } from './init-cases.testutil.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

// Glorot uniform: bound √(6/(fanIn+fanOut)), variance bound²/3 = 2/(fanIn+fanOut).
describeInitializer('glorotUniform', {
  init: glorotUniform,
  distribution: 'uniform',
  baseGain: 1,
  variance: (fanIn, fanOut) => 2 / (fanIn + fanOut),
});
