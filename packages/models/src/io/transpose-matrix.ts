/**
 * @internal Transposes a row-major `[rows, cols]` float32 matrix into a new row-major
 * `[cols, rows]` one. Moves bit patterns (through Uint32Array views), so every value, NaN
 * payloads included, is kept exactly.
 *
 * @param data - `rows · cols` values.
 * @param rows - Number of rows of the input.
 * @param cols - Number of columns of the input.
 */
export function transposeMatrix(data: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(rows * cols);
  const src = new Uint32Array(data.buffer, data.byteOffset, data.length);
  const dst = new Uint32Array(out.buffer);
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    for (let c = 0; c < cols; c++) dst[c * rows + r] = src[base + c]!;
  }
  return out;
}
