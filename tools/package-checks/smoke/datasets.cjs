// CommonJS consumer smoke test for @latentkit/datasets: require both entries, load Iris, parse an
// IDX buffer, and check one typed error. Throws (non-zero exit) on any mismatch.
const { IdxFormatError, encodeIdx, loadIris, parseIdx } = require('@latentkit/datasets');
const { decodeIdxSync } = require('@latentkit/datasets/node');

const iris = loadIris();
if (iris.count !== 150 || iris.features.length !== 150 * 4 || iris.labels.length !== 150) {
  throw new Error(
    `Iris: expected 150 rows of 4 features, got ${iris.count} (${iris.features.length} values)`,
  );
}

const bytes = encodeIdx({ dtype: 'uint8', dims: [2, 2], data: Uint8Array.of(1, 2, 3, 4) });
const parsed = parseIdx(bytes);
if (parsed.dims.join('x') !== '2x2' || parsed.data[3] !== 4)
  throw new Error('IDX round trip failed');

let caught;
try {
  decodeIdxSync(bytes.subarray(0, 9));
} catch (error) {
  caught = error;
}
if (!(caught instanceof IdxFormatError)) {
  throw new Error(`truncated IDX should throw IdxFormatError, got ${String(caught)}`);
}
console.log('datasets CJS smoke ok: Iris 150 rows, IDX round trip, typed error across entries');
