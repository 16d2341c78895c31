import { beforeAll } from 'vitest';
import { initBackend } from '../backend/init-backend.js';
import { glorotNormal } from './glorot-normal.js';
import { describeInitializer } from './init-cases.testutil.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

// Glorot normal: σ² = 2/(fanIn+fanOut), untruncated (so values beyond 2σ occur).
describeInitializer('glorotNormal', {
  init: glorotNormal,
  distribution: 'normal',
  baseGain: 1,
  variance: (fanIn, fanOut) => 2 / (fanIn + fanOut),
});
