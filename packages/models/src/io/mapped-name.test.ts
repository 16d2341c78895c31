import { InvalidArgumentError } from '@latentkit/tensor';
import { describe, expect, it } from 'vitest';
import { decodeSafetensors } from './decode-safetensors.js';
import { mappedName } from './mapped-name.js';
import { paramsToSafetensors } from './params-to-safetensors.js';
import { safetensorsToRecord } from './safetensors-to-record.js';

const record = { w: { shape: [2, 2], dtype: 'float32' as const, data: new Float32Array(4) } };
const notAString = [5, {}, null] as unknown as string[];

describe('mappedName', () => {
  it('gives an own string entry, undefined without one, and refuses anything else', () => {
    expect(mappedName({ a: 'b' }, 'a')).toBe('b');
    expect(mappedName({ a: 'b' }, 'toString')).toBeUndefined();
    expect(mappedName(undefined, 'a')).toBeUndefined();
    expect(mappedName({ a: undefined } as unknown as Record<string, string>, 'a')).toBeUndefined();
    expect(() => mappedName({ a: 5 } as unknown as Record<string, string>, 'a')).toThrow(
      /nameMap: the entry for "a" must be a string, got a number/,
    );
  });

  it('paramsToSafetensors refuses a non-string nameMap entry instead of saving under its text', () => {
    for (const target of notAString) {
      const run = () => paramsToSafetensors(record, undefined, { nameMap: { w: target } });
      expect(run).toThrow(InvalidArgumentError);
      expect(run).toThrow(/nameMap: the entry for "w" must be a string/);
    }
    const kept = paramsToSafetensors(record, undefined, {
      nameMap: { w: undefined } as unknown as Record<string, string>,
    });
    expect(Object.keys(decodeSafetensors(kept).tensors)).toEqual(['w']);
  });

  it('safetensorsToRecord refuses a non-string nameMap entry instead of loading under its text', () => {
    const bytes = paramsToSafetensors(record);
    for (const target of notAString) {
      for (const strict of [true, false]) {
        const run = () => safetensorsToRecord(bytes, { nameMap: { w: target }, strict });
        expect(run).toThrow(InvalidArgumentError);
        expect(run).toThrow(/nameMap: the entry for "w" must be a string/);
      }
    }
    expect(Object.keys(safetensorsToRecord(bytes, { nameMap: { w: 'v' } }).record)).toEqual(['v']);
  });
});
