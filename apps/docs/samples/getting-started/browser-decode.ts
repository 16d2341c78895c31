// #region sample
import {
  createModel,
  type ModelConfig,
  safetensorsToRecord,
} from '@latentkit/models';
import { initBackend, tf } from '@latentkit/tensor';

/**
 * Loads a model saved by the Node sample and draws the decoding of one
 * latent
 * point.
 */
export async function drawDecoding(
  canvas: HTMLCanvasElement,
  modelUrl: string,
): Promise<void> {
  // Serve node_modules/@tensorflow/tfjs-backend-wasm/dist/*.wasm with
  // your
  // app, then say where.
  await initBackend({ wasmPaths: '/tfjs-wasm/' });

  const bytes = new Uint8Array(
    await (await fetch(modelUrl)).arrayBuffer(),
  );
  const { record, config } = safetensorsToRecord(bytes);
  // the file's config; weights replaced below
  const model = createModel(config as ModelConfig, { seed: 0 });
  model.store.loadRecord(record);

  // E[x|z] for one z drawn from the prior, as a 28 × 28 image of
  // probabilities.
  const pixels = tf.tidy(() => {
    const z = tf.randomNormal(
      [1, model.latentDim],
      0,
      1,
      'float32',
      42,
    );
    return model.decodeMean(z).dataSync() as Float32Array;
  });
  const image = new ImageData(28, 28);
  pixels.forEach((p, i) => {
    const grey = 255 - Math.round(255 * p); // dark ink on white
    image.data.set([grey, grey, grey, 255], 4 * i);
  });
  canvas.getContext('2d')?.putImageData(image, 0, 0);
  model.dispose();
}
// #endregion sample
