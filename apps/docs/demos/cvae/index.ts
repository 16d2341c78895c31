export type { CvaeDemoHandle, CvaeDemoOptions } from './cvae-demo.js';
export { mountCvaeDemo } from './cvae-demo.js';
