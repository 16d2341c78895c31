import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeSafetensors } from './decode-safetensors.js';
import { SafetensorsError } from './safetensors-error.js';

/** A safetensors file whose header is the given text (no tensors). */
function fileWithHeader(text: string): Uint8Array {
  const header = new TextEncoder().encode(text);
  const out = new Uint8Array(8 + header.length);
  new DataView(out.buffer).setUint32(0, header.length, true);
  out.set(header, 8);
  return out;
}

describe('safetensors header nesting', () => {
  it('refuses a header nested deeper than a safetensors header can be, before parsing it', () => {
    for (const text of [
      '{"x":[[[1]]]}',
      '{"__metadata__":{"a":{"b":[1]}}}',
      '{"x":{"y":{"z":{}}}}',
    ]) {
      expect(() => decodeSafetensors(fileWithHeader(text))).toThrow(SafetensorsError);
      expect(() => decodeSafetensors(fileWithHeader(text))).toThrow(/nests deeper than 3 levels/);
    }
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    const text = '{"__metadata__":{"note":"[[[[{{{{ \\" ]]]]"}}';
    expect(decodeSafetensors(fileWithHeader(text)).metadata).toEqual({ note: '[[[[{{{{ " ]]]]' });
  });

  it('refuses a 100 MB nested header in a 256 MB heap with little extra memory', () => {
    const script = fileURLToPath(
      new URL('../../test/scripts/decode-nested-header.ts', import.meta.url),
    );
    const tsx = createRequire(import.meta.url).resolve('tsx');
    const out = execFileSync(
      process.execPath,
      ['--max-old-space-size=256', '--expose-gc', '--import', tsx, script, '100'],
      { encoding: 'utf8' },
    );
    const result = JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as {
      code: string;
      headerBytes: number;
      extraHeapMB: number;
      extraExternalMB: number;
    };
    expect(result.code).toBe('CORRUPT_FILE');
    expect(result.headerBytes).toBeGreaterThan(100e6);
    expect(result.extraHeapMB + result.extraExternalMB).toBeLessThan(64);
  });
});
