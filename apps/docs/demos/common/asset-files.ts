/**
 * Where the demos find their files, relative to one asset base URL (the site serves
 * `apps/docs/assets/` there): pretrained models under `models/`, the MNIST subset under `data/`.
 */

/** File names of the pretrained models, relative to `<assetBase>/models/`. */
export const MODEL_FILES = {
  /** VAE with a 2-D latent space on MNIST (latent explorer). */
  latent2d: 'latent-2d-vae.safetensors',
  /** Conditional VAE on MNIST (CVAE demo). */
  cvae: 'cvae.safetensors',
  /** β-VAE on procedural dSprites, 32 × 32 (β-VAE demo). */
  betaVae: 'beta-vae-dsprites.safetensors',
  /** MLP digit classifier (CVAE demo, browser tests). */
  classifier: 'mnist-classifier.safetensors',
  /** Float Iris VAE, quantized in the page (hardware demo). */
  irisVae: 'iris-vae.safetensors',
  /** Conv VQ-VAE on MNIST, 7 × 7 grid of K = 128 codes (VQ-VAE demo). */
  vqVae: 'vq-vae.safetensors',
  /** PixelCNN prior over the VQ-VAE's code grids (VQ-VAE demo). */
  vqVaePrior: 'vq-vae-prior.safetensors',
} as const;

/** Key of a pretrained model in {@link MODEL_FILES} and in the manifest. */
export type PretrainedModelId = keyof typeof MODEL_FILES;

/** The manifest the pretraining script writes beside the models (see `ModelManifest`). */
export const MANIFEST_FILE = 'manifest.json';

/** The four IDX files of the compact MNIST subset, relative to `<assetBase>/data/` (gzip). */
export const MNIST_SUBSET_FILES = {
  trainImages: 'mnist-subset-train-images-idx3-ubyte.gz',
  trainLabels: 'mnist-subset-train-labels-idx1-ubyte.gz',
  testImages: 'mnist-subset-test-images-idx3-ubyte.gz',
  testLabels: 'mnist-subset-test-labels-idx1-ubyte.gz',
} as const;

/**
 * Joins an asset base URL (absolute, or relative to the page, with or without a trailing `/`)
 * and a relative path: `assetUrl('/assets', 'models/cvae.safetensors')` →
 * `'/assets/models/cvae.safetensors'`.
 *
 * @param base - Base URL of the asset folder; `''` means relative to the page.
 * @param path - Path below it (no leading `/`).
 */
export function assetUrl(base: string, path: string): string {
  if (base === '') return path;
  return base.endsWith('/') ? `${base}${path}` : `${base}/${path}`;
}
