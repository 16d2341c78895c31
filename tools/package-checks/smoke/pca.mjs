// ESM consumer smoke test of @latentkit/pca: fit a tiny 2-D data set with a known answer.
import { fitPca, PcaModel } from '@latentkit/pca';
import { initBackend } from '@latentkit/tensor';

await initBackend({ backend: 'cpu' });
// Points (t, 2t) ± (2, −1)/√5·0.1: the first axis is (1, 2)/√5 with variance 5·var(t) = 12.5.
const e = 0.1 / Math.sqrt(5);
const x = [-2, -1, 0, 1, 2].map((t, i) => [t + (i % 2 ? 2 * e : -2 * e), 2 * t - (i % 2 ? e : -e)]);
const pca = fitPca(x, { nComponents: 1 });
const [c0, c1] = pca.components;
if (Math.abs(c0 - 1 / Math.sqrt(5)) > 1e-3 || Math.abs(c1 - 2 / Math.sqrt(5)) > 1e-3)
  throw new Error(`pca.mjs: wrong first component ${c0}, ${c1}`);
if (Math.abs(pca.explainedVariance[0] - 12.5) > 1e-2)
  throw new Error(`pca.mjs: wrong explained variance ${pca.explainedVariance[0]}`);
const copy = PcaModel.fromJSON(JSON.parse(JSON.stringify(pca)));
if (copy.transform([[1, 2]]).data[0] !== pca.transform([[1, 2]]).data[0])
  throw new Error('pca.mjs: JSON round trip changed the model');
console.log('pca.mjs ok');
