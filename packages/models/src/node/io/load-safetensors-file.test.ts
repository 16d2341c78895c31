import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeSafetensors } from '../../io/decode-safetensors.js';
import { encodeSafetensors } from '../../io/encode-safetensors.js';
import { SafetensorsError } from '../../io/safetensors-error.js';
import { readReferenceBytes, referenceDir } from '../../io/testing/reference-files.js';
import { loadSafetensorsFile } from './load-safetensors-file.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'latentkit-load-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('loadSafetensorsFile', () => {
  it('reads the PyTorch reference file like decodeSafetensors does', async () => {
    const loaded = await loadSafetensorsFile(join(referenceDir(), 'torch-vae-mnist.safetensors'));
    const direct = decodeSafetensors(readReferenceBytes('torch-vae-mnist.safetensors'));
    expect(Object.keys(loaded.tensors)).toEqual(Object.keys(direct.tensors));
    expect(loaded.tensors['fc1.weight']!.shape).toEqual([400, 784]);
    expect(loaded.tensors['fc4.bias']!.data).toEqual(direct.tensors['fc4.bias']!.data);
    expect(loaded.metadata.format).toBe('pt');
  });

  it('passes decode options, enforces maxFileBytes, and refuses corrupt files', async () => {
    const path = join(dir, 'h.safetensors');
    await writeFile(
      path,
      encodeSafetensors({ h: { dtype: 'F16', shape: [1], data: Uint16Array.from([0x3c00]) } }),
    );
    expect((await loadSafetensorsFile(path, { halfPrecision: 'raw' })).tensors.h!.data).toEqual(
      Uint16Array.from([0x3c00]),
    );
    await expect(loadSafetensorsFile(path, { maxFileBytes: 10 })).rejects.toThrow(
      /more than maxFileBytes = 10/,
    );
    const corrupt = join(dir, 'corrupt.safetensors');
    await writeFile(corrupt, Uint8Array.from([200, 0, 0, 0, 0, 0, 0, 0, 123]));
    await expect(loadSafetensorsFile(corrupt)).rejects.toThrow(SafetensorsError);
    await expect(loadSafetensorsFile(join(dir, 'missing'))).rejects.toMatchObject({
      code: 'ENOENT',
    });
  });
});
