export type { TrainDemoHandle, TrainDemoOptions } from './train-demo.js';
export { mountTrainDemo } from './train-demo.js';
