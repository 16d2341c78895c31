import { InvalidArgumentError, NonFiniteError, ShapeError } from '@latentkit/core';
import { describe, expect, it } from 'vitest';
import { encodeSafetensors } from './encode-safetensors.js';
import { SafetensorsError } from './safetensors-error.js';
import { safetensorsToRecord } from './safetensors-to-record.js';
import { REFERENCE_VAE_SHAPES, readReferenceBytes } from './testing/reference-files.js';
import { torchVaeNameMap, torchVaeTransposed } from './torch-vae-name-map.js';

const f32 = (shape: number[], values: number[]) => ({
  dtype: 'F32' as const,
  shape,
  data: Float32Array.from(values),
});

const LATENTKIT_SHAPES = REFERENCE_VAE_SHAPES;

describe('safetensorsToRecord', () => {
  it('renames and transposes: element [o, i] of a torch weight lands at [i, o]', () => {
    const bytes = encodeSafetensors({
      'fc.weight': f32([2, 3], [1, 2, 3, 4, 5, 6]),
      'fc.bias': f32([2], [7, 8]),
    });
    const { record } = safetensorsToRecord(bytes, {
      nameMap: { 'fc.weight': 'enc.w', 'fc.bias': 'enc.b' },
      transpose: ['fc.weight'],
      expectedShapes: { 'enc.w': [3, 2], 'enc.b': [2] },
    });
    expect(record['enc.w']).toEqual({
      shape: [3, 2],
      dtype: 'float32',
      data: Float32Array.from([1, 4, 2, 5, 3, 6]),
    });
    expect(record['enc.b']!.data).toEqual(Float32Array.from([7, 8]));
  });

  it('the reference torch file: a forgotten transpose is a ShapeError naming the parameter', () => {
    const file = readReferenceBytes('torch-vae-mnist.safetensors');
    const load = () =>
      safetensorsToRecord(file, { nameMap: torchVaeNameMap, expectedShapes: LATENTKIT_SHAPES });
    expect(load).toThrow(ShapeError);
    expect(load).toThrow(
      /^encoder\.fc1\.weight: file has shape \[400, 784\], the model expects \[784, 400\]$/,
    );
    const wrongModel = { ...LATENTKIT_SHAPES, 'encoder.mu.weight': [400, 10] };
    expect(() =>
      safetensorsToRecord(file, {
        nameMap: torchVaeNameMap,
        transpose: torchVaeTransposed,
        expectedShapes: wrongModel,
      }),
    ).toThrow(
      "encoder.mu.weight: file has shape [400, 20] (transposed from 'fc21.weight' [20, 400]), the model expects [400, 10]",
    );
  });

  it('strict mode names unmapped, absent, unexpected and missing tensors; non-strict skips them', () => {
    const bytes = encodeSafetensors({ a: f32([1], [1]), b: f32([1], [2]) });
    const strictErr = (options: object) => () => safetensorsToRecord(bytes, options);
    expect(strictErr({ nameMap: { a: 'x' } })).toThrow(/without a nameMap entry: b/);
    expect(strictErr({ nameMap: { a: 'x', b: 'y', c: 'z' } })).toThrow(/not in the file: c/);
    expect(strictErr({ transpose: ['q'] })).toThrow(/not in the file: q/);
    expect(strictErr({ expectedShapes: { a: [1] } })).toThrow(/model has no parameter 'b'/);
    expect(strictErr({ expectedShapes: { a: [1], b: [1], c: [2] } })).toThrow(
      /missing from the file: c/,
    );
    expect(strictErr({ nameMap: { a: 'x', b: 'x' } })).toThrow(/two file tensors map to 'x'/);
    for (const options of [{ nameMap: { a: 'x' } }, { expectedShapes: { a: [1] } }]) {
      expect(strictErr(options)).toThrow(InvalidArgumentError);
    }
    const loose = safetensorsToRecord(bytes, { nameMap: { a: 'x', c: 'z' }, strict: false });
    expect(Object.keys(loose.record)).toEqual(['x']);
    const onlyA = safetensorsToRecord(bytes, { expectedShapes: { a: [1], c: [3] }, strict: false });
    expect(Object.keys(onlyA.record)).toEqual(['a']);
  });

  it('loads F16, BF16 exactly and F64 rounded; refuses integer tensors', () => {
    const bytes = encodeSafetensors({
      h: { dtype: 'F16', shape: [2], data: Uint16Array.from([0x3c00, 0xc000]) },
      b: { dtype: 'BF16', shape: [1], data: Uint16Array.from([0x3f80]) },
      d: { dtype: 'F64', shape: [1], data: Float64Array.from([0.1]) },
    });
    const { record } = safetensorsToRecord(bytes);
    expect(Array.from(record.h!.data)).toEqual([1, -2]);
    expect(Array.from(record.b!.data)).toEqual([1]);
    expect(record.d!.data[0]).toBe(Math.fround(0.1));
    const ints = encodeSafetensors({ i: { dtype: 'I32', shape: [1], data: Int32Array.from([1]) } });
    expect(() => safetensorsToRecord(ints)).toThrow(/i: dtype I32 cannot be loaded/);
  });

  it('refuses NaN and ±∞ weights naming the tensor and index, unless allowNonFinite', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      const bytes = encodeSafetensors({ ok: f32([2], [1, 2]), w: f32([3], [0.5, bad, 1]) });
      expect(() => safetensorsToRecord(bytes)).toThrow(NonFiniteError);
      expect(() => safetensorsToRecord(bytes)).toThrow(
        `safetensors tensor 'w' contains NaN or Infinity (value ${bad} at index 1)`,
      );
      const { record } = safetensorsToRecord(bytes, { allowNonFinite: true });
      expect(record.w!.data[1]).toBe(bad);
    }
    // F16's NaN pattern is caught too (after conversion to float32).
    const half = encodeSafetensors({
      h: { dtype: 'F16', shape: [1], data: Uint16Array.from([0x7e00]) },
    });
    expect(() => safetensorsToRecord(half)).toThrow(/'h' contains NaN/);
  });

  it('corrupt files and configs are SafetensorsErrors', () => {
    const bytes = encodeSafetensors({ a: f32([1], [1]) }, { config: '{not json' });
    expect(() => safetensorsToRecord(bytes)).toThrow(SafetensorsError);
    expect(() => safetensorsToRecord(bytes)).toThrow(/'config' is not valid JSON/);
    expect(() => safetensorsToRecord(bytes.subarray(0, 20))).toThrow(SafetensorsError);
    const transposed1d = encodeSafetensors({ a: f32([1], [1]) });
    expect(() => safetensorsToRecord(transposed1d, { transpose: ['a'] })).toThrow(ShapeError);
  });

  it('refuses a config nested deeper than 32 levels before JSON.parse builds it', () => {
    // A metadata value is a string, so the header's own nesting check never sees these brackets;
    // parsed, a 2 MB config like this one took a second and 60 MB of heap.
    const deep = `${'['.repeat(1e6)}${']'.repeat(1e6)}`;
    const bytes = encodeSafetensors({ a: f32([1], [1]) }, { config: deep });
    expect(() => safetensorsToRecord(bytes)).toThrow(SafetensorsError);
    expect(() => safetensorsToRecord(bytes)).toThrow(/'config' nests deeper than 32 levels/);
    const ok = `{"a":${'['.repeat(31)}${']'.repeat(31)}}`;
    expect(safetensorsToRecord(encodeSafetensors({}, { config: ok })).config).toEqual(
      JSON.parse(ok),
    );
  });

  it('refuses a transpose list or expected shapes of the wrong type with a typed error', () => {
    const bytes = encodeSafetensors({
      w: { dtype: 'F32', shape: [2], data: Float32Array.of(1, 2) },
    });
    expect(() => safetensorsToRecord(bytes, { transpose: 'w' as never })).toThrow(
      InvalidArgumentError,
    );
    expect(() => safetensorsToRecord(bytes, { transpose: 'w' as never })).toThrow(/transpose/);
    expect(() => safetensorsToRecord(bytes, { expectedShapes: { w: 2 as never } })).toThrow(
      /expectedShapes\['w'\]/,
    );
    expect(safetensorsToRecord(bytes, { expectedShapes: { w: [2] } }).record.w?.shape).toEqual([2]);
  });
});
