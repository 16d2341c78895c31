import { describe, expect, it } from 'vitest';
import { transposeMatrix } from './transpose-matrix.js';

describe('transposeMatrix', () => {
  it('out[c][r] = in[r][c], twice is the identity, NaN payloads kept', () => {
    const rows = 3;
    const cols = 5;
    const data = Float32Array.from({ length: rows * cols }, (_, i) => i * 1.5 - 4);
    new Uint32Array(data.buffer)[7] = 0x7fa00123; // a signalling NaN with a payload
    const t = transposeMatrix(data, rows, cols);
    const inBits = new Uint32Array(data.buffer);
    const outBits = new Uint32Array(t.buffer);
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) expect(outBits[c * rows + r]).toBe(inBits[r * cols + c]);
    }
    expect(new Uint32Array(transposeMatrix(t, cols, rows).buffer)).toEqual(inBits);
    expect(transposeMatrix(new Float32Array(0), 0, 4)).toEqual(new Float32Array(0));
  });
});
