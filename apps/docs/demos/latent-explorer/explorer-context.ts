import type { Model } from '@latentkit/models';
import type { DemoFrame } from '../common/demo-frame.js';
import type { LatentPlane } from './latent-plane.js';

/** What the latent explorer has once its model and test digits are loaded. */
export interface ExplorerLoaded {
  /** The pretrained 2-D VAE. */
  model: Model;
  /** The scatter of test codes with the point, paths and marker. */
  plane: LatentPlane;
  /** The subset's test digits, `[n × 784]` intensities in [0, 1]. */
  testX: Float32Array;
  /** Their posterior means, `[n × 2]`. */
  codes: Float32Array;
  /** `examples[d]`: test indices of digit d (`examplesByDigit`). */
  examples: number[][];
}

/** What the explorer's panels share: the frame and, once loaded, the model and data. */
export interface ExplorerContext {
  frame: DemoFrame;
  /** `undefined` until the set-up has loaded the model and encoded the test digits. */
  loaded(): ExplorerLoaded | undefined;
}
