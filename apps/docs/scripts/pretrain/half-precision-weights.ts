import { float32ToHalfBits, halfBitsToFloat32 } from '@latentkit/models';
import type { ParamStore, TensorRecord } from '@latentkit/tensor';

/**
 * Rounds every parameter of a store to the nearest float16 value in place, so that the model
 * evaluated afterwards is exactly the one a F16 safetensors file holds (the shipped files use
 * F16 to halve their size; scores are measured after this rounding).
 *
 * @param store - The parameters.
 * @param keepF32 - Names of parameters left as float32 (e.g. a VQ-VAE's codebook). Default none.
 * @returns The largest absolute change over all parameters.
 */
export function roundStoreToHalf(store: ParamStore, keepF32: readonly string[] = []): number {
  const record = store.toRecord();
  const rounded: Record<string, TensorRecord> = {};
  let maxChange = 0;
  for (const [name, rec] of Object.entries(record)) {
    if (keepF32.includes(name)) {
      rounded[name] = rec;
      continue;
    }
    const data = halfBitsToFloat32(float32ToHalfBits(rec.data as Float32Array, 'F16'), 'F16');
    for (let i = 0; i < data.length; i++) {
      maxChange = Math.max(maxChange, Math.abs(data[i]! - (rec.data as Float32Array)[i]!));
    }
    rounded[name] = { ...rec, data };
  }
  store.loadRecord(rounded);
  return maxChange;
}
