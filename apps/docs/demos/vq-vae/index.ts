export type { VqVaeDemoHandle, VqVaeDemoOptions } from './vq-vae-demo.js';
export { mountVqVaeDemo } from './vq-vae-demo.js';
