export type { PcaDemoHandle, PcaDemoOptions } from './pca-demo.js';
export { mountPcaDemo } from './pca-demo.js';
