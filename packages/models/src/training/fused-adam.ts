// The names of the fused Adam that lived here until `createAdam` of @latentkit/tensor became that
// fused pass, for all its options: one Adam implementation in latentkit.
import { type AdamOptions, createAdam, type Optimizer } from '@latentkit/tensor';

/** @deprecated Use `AdamOptions` of the tensor package (its `createAdam` is the fused Adam now). */
export type FusedAdamOptions = AdamOptions;

/** @deprecated Use `createAdam` of the tensor package: this name is that very function. */
export const createFusedAdam: (options?: AdamOptions) => Optimizer = createAdam;

/** @deprecated Use `createAdam` of the tensor package: this name is that very function. */
export const fusedAdam: (options?: AdamOptions) => Optimizer = createAdam;
