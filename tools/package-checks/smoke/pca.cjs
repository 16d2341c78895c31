// CommonJS consumer smoke test of @latentkit/pca: fit a tiny 2-D data set with a known answer.
const { fitPca } = require('@latentkit/pca');
const { initBackend } = require('@latentkit/tensor');

initBackend({ backend: 'cpu' }).then(() => {
  // Points on the line y = −x through (1, 1): first axis ±(1, −1)/√2, sign convention → the
  // largest-magnitude entry is positive, and both have magnitude 1/√2, so the first wins: (1, −1)/√2.
  const x = [
    [0, 2],
    [1, 1],
    [2, 0],
    [3, -1],
  ];
  const pca = fitPca(x, { nComponents: 1 });
  const [c0, c1] = pca.components;
  if (Math.abs(c0 - Math.SQRT1_2) > 1e-6 || Math.abs(c1 + Math.SQRT1_2) > 1e-6)
    throw new Error(`pca.cjs: wrong first component ${c0}, ${c1}`);
  // var of t = 0..3 is 5/3; along (1, −1)/√2 the spread is √2·t, so variance 10/3.
  if (Math.abs(pca.explainedVariance[0] - 10 / 3) > 1e-9)
    throw new Error(`pca.cjs: wrong explained variance ${pca.explainedVariance[0]}`);
  if (Math.abs(pca.explainedVarianceRatio[0] - 1) > 1e-9) throw new Error('pca.cjs: wrong ratio');
  console.log('pca.cjs ok');
});
