export type { LatentExplorerHandle, LatentExplorerOptions } from './latent-explorer.js';
export { mountLatentExplorer } from './latent-explorer.js';
