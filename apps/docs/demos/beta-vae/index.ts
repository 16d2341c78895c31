export type { BetaVaeDemoHandle, BetaVaeDemoOptions, SpriteFactors } from './beta-vae-demo.js';
export { mountBetaVaeDemo } from './beta-vae-demo.js';
