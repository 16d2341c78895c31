export type { HardwareDemoHandle, HardwareDemoOptions } from './hardware-demo.js';
export { mountHardwareDemo } from './hardware-demo.js';
