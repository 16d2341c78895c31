import { readFileSync, writeFileSync } from 'node:fs';
import {
  createModel,
  encodeLatent,
  evaluateElbo,
  traverseLatent,
} from '@latentkit/models';
import { exportOnnxModel, importOnnxModel } from '@latentkit/onnx';
import { quantizeVae } from '@latentkit/quantize';
import { initBackend, tf } from '@latentkit/tensor';
import { generateVae } from '@latentkit/verilog';
import * as ort from 'onnxruntime-node';

await initBackend();
// your data: n rows of 784 pixels in [0, 1] (MNIST here)
const n = 64;
const rows = new Float32Array(n * 784);

// #region import
// the two files written by torch.onnx.export
const { config, record, float } = importOnnxModel({
  encoder: readFileSync('encoder.onnx'),
  decoder: readFileSync('decoder.onnx'),
});
// { kind: 'vae', inputShape: [784], latentDim: 20, encoder: { type: 'mlp',
//   hidden: [400], activation: 'relu' }, likelihood: 'bernoulli', … }
console.log(config);
const model = createModel(config);
model.store.loadRecord(record);
// #endregion import

// #region explore
// −ELBO, reconstruction and KL in nats per image, as for a latentkit model
const elbo = evaluateElbo(model, { x: rows }, { samples: 1, seed: 0 });
console.log(elbo.negElbo, elbo.recon, elbo.kl);
tf.tidy(() => {
  const x = tf.tensor2d(rows, [n, 784]);
  // posterior means, [n, 20]
  const z = encodeLatent(model, x);
  // decode a sweep of latent 0 around the first image's code: [5, 784]
  const sweep = traverseLatent(model, tf.slice(z, [0, 0], [1, -1]), {
    dim: 0,
    values: [-3, -1.5, 0, 1.5, 3],
  });
  console.log(sweep.shape);
});
// #endregion explore

// #region hardware
// fixed point: calibrate every layer's formats on real inputs
// (`float` is undefined for conv models and CVAEs: the hardware path is for MLP VAEs)
if (!float) throw new Error('the hardware path needs an MLP VAE');
const q = quantizeVae(float, { calibration: rows, bits: 16 });
// Verilog of the whole VAE, with its hexadecimal weight ROMs
const core = generateVae(q, { name: 'torch_vae' });
console.log(Object.keys(core.files));
// #endregion hardware

// #region export
// back to ONNX: x → (mu, logvar), z → x_hat (probabilities: Sigmoid inside)
const files = exportOnnxModel(model);
writeFileSync('latentkit-encoder.onnx', files.encoder);
writeFileSync('latentkit-decoder.onnx', files.decoder);
// run it in onnxruntime (here onnxruntime-node; Python's onnxruntime reads the same files)
const session = await ort.InferenceSession.create(files.decoder);
const zs = new ort.Tensor('float32', new Float32Array(2 * 20), [2, 20]);
const { x_hat } = await session.run({ z: zs });
// [2, 784]: σ(logits) of the decoder at z = 0
console.log(x_hat?.dims);
await session.release();
// #endregion export
model.dispose();
