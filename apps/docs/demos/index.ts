export * from './beta-vae/index.js';
export * from './cvae/index.js';
export * from './hardware/index.js';
export * from './latent-explorer/index.js';
export * from './pca/index.js';
export * from './train-in-browser/index.js';
export * from './vq-vae/index.js';
