import type { DemoFrame } from '../common/demo-frame.js';
import type { ModelSession } from '../common/model-client.js';
import type { LatentPlane } from './latent-plane.js';

/** What the latent explorer has once the model worker has loaded the model and test digits. */
export interface ExplorerLoaded {
  /** The explorer's session in the model worker (`latent-explorer-session.ts`). */
  session: ModelSession;
  /** The scatter of test codes with the point, paths and marker. */
  plane: LatentPlane;
  /** Test digit `i` as 784 intensities in [0, 1] (a new array). */
  digit(i: number): Float32Array;
  /** The test digits' posterior means, `[n × 2]`. */
  codes: Float32Array;
  /** `examples[d]`: test indices of digit d (`examplesByDigit`). */
  examples: number[][];
}

/** What the explorer's panels share: the frame and, once loaded, the session and data. */
export interface ExplorerContext {
  frame: DemoFrame;
  /** `undefined` until the set-up has the model worker's session and the test codes. */
  loaded(): ExplorerLoaded | undefined;
  /** Shows an error of a model-worker call in the frame's status line. */
  fail(error: unknown): void;
}
