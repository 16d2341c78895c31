// The checks both datasets smoke snippets run: `datasets.mjs` passes the modules it got from
// `import` (ESM builds), `datasets.cjs` the ones from `require` (CommonJS builds). This file never
// loads the package itself, so each snippet still tests its own module system: load Iris, parse
// an IDX buffer, and check one typed error across the two entries. Throws on any mismatch.

/**
 * @param {typeof import('@latentkit/datasets')} main The `@latentkit/datasets` entry.
 * @param {typeof import('@latentkit/datasets/node')} node The `@latentkit/datasets/node` entry.
 * @param {string} label `ESM` or `CJS`, for the summary line.
 */
function run(main, node, label) {
  const { encodeIdx, IdxFormatError, loadIris, parseIdx } = main;
  const { decodeIdxSync } = node;

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
  console.log(
    `datasets ${label} smoke ok: Iris 150 rows, IDX round trip, typed error across entries`,
  );
}

module.exports = { run };
