import {
  createEmaVectorQuantizer,
  createFiniteScalarQuantizer,
  disposeQuantizerOutput,
} from '@latentkit/models';
import { createParamStore, initBackend, tf } from '@latentkit/tensor';

await initBackend();
// encoder outputs [..., D] (yours here)
const zE = tf.randomNormal([64, 16], 0, 1, 'float32', 3);

// #region ema
const store = createParamStore();
const vq = createEmaVectorQuantizer(store, 'vq', {
  numCodes: 128,
  dim: 16,
  deadCodeThreshold: 1,
  seed: 0,
});
vq.initialize(zE, { seed: 1 }); // k-means on the first batch

const out = vq.quantize(zE);
// out.quantized: z_e + sg[e − z_e] (straight-through), add
// out.loss.total to
// the recon loss
// effective number of codes, fraction used
console.log(out.perplexity, out.usage);
// … after the optimizer step:
// EMA codebook update + restarts of dead codes
vq.update(zE, out.indices);
disposeQuantizerOutput(out);
// #endregion ema

// #region fsq
// implicit codebook of 1000 codes
const fsq = createFiniteScalarQuantizer({ levels: [8, 5, 5, 5] });
const q = fsq.quantize(tf.randomNormal([64, 4], 0, 1, 'float32', 4));
console.log(q.indices.shape); // [64]; no codebook, no loss
disposeQuantizerOutput(q);
// #endregion fsq

store.dispose();
zE.dispose();
