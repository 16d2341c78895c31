import { loadIris } from '@latentkit/datasets';
import {
  InvalidArgumentError,
  initBackend,
  NonFiniteError,
  ShapeError,
  tf,
  UnknownOptionError,
} from '@latentkit/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { readReference } from '../test/mnist-fixture.js';
import { fitPca } from './fit-pca.js';
import { PcaModel } from './pca-model.js';

interface IrisReference {
  mean: number[];
  explained_variance: number[];
  explained_variance_ratio: number[];
  components: number[][];
  first_5_rows_projected: number[][];
}
const ref = readReference<IrisReference>('iris-pca.json');
const iris = () => {
  const { features, count, numFeatures } = loadIris();
  return { data: features, rows: count, cols: numFeatures };
};

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

describe('fitPca on Iris against scikit-learn', () => {
  it('mean, variances, ratios, components (sign convention) and projections', () => {
    const pca = fitPca(iris(), { numComponents: 4 });
    expect(pca.method).toBe('exact');
    for (let j = 0; j < 4; j++) expect(pca.mean[j]).toBeCloseTo(ref.mean[j] as number, 5);
    for (let c = 0; c < 4; c++) {
      const ev = ref.explained_variance[c] as number;
      expect(Math.abs((pca.explainedVariance[c] as number) - ev) / ev).toBeLessThan(1e-5);
      expect(pca.explainedVarianceRatio[c]).toBeCloseTo(
        ref.explained_variance_ratio[c] as number,
        6,
      );
      for (let j = 0; j < 4; j++)
        expect(pca.components[c * 4 + j]).toBeCloseTo(
          (ref.components[c] as number[])[j] as number,
          5,
        );
    }
    const z = pca.transform(iris());
    for (let i = 0; i < 5; i++)
      for (let c = 0; c < 4; c++)
        expect(z.data[i * 4 + c]).toBeCloseTo(
          (ref.first_5_rows_projected[i] as number[])[c] as number,
          5,
        );
    // Independent closed forms: singular values and the full spectrum sums to the total variance.
    expect(pca.singularValues[0]).toBeCloseTo(
      Math.sqrt((ref.explained_variance[0] as number) * 149),
      4,
    );
    expect(pca.explainedVariance.reduce((s, v) => s + v, 0)).toBeCloseTo(pca.totalVariance, 10);
    expect(pca.noiseVariance).toBe(0);
  });

  it('randomized agrees with exact; tensor and typed-array paths agree', () => {
    const exact = fitPca(iris(), { numComponents: 2 });
    const rnd = fitPca(iris(), { numComponents: 2, method: 'randomized', seed: 3 });
    for (let c = 0; c < 2; c++)
      expect(
        Math.abs((rnd.explainedVariance[c] as number) / (exact.explainedVariance[c] as number) - 1),
      ).toBeLessThan(1e-5);
    expect(rnd.noiseVariance).toBeCloseTo(exact.noiseVariance, 5);
    const t = tf.tensor2d(iris().data, [150, 4]);
    const zt = exact.transform(t);
    const zj = exact.transform(iris());
    const back = exact.inverseTransform(zt);
    const backJ = exact.inverseTransform(zj);
    const ztd = zt.dataSync();
    for (let i = 0; i < 300; i++) expect(ztd[i]).toBeCloseTo(zj.data[i] as number, 4);
    const bd = back.dataSync();
    for (let i = 0; i < 600; i++) expect(bd[i]).toBeCloseTo(backJ.data[i] as number, 4);
    tf.dispose([t, zt, back]);
  });
});

describe('transform, whitening, reconstruction, JSON', () => {
  // 2-D points on the line y = 2x plus a small orthogonal offset: known first axis (1, 2)/√5.
  const line = [
    [0, 0.1],
    [1, 1.9],
    [2, 4.05],
    [3, 5.95],
    [4, 8],
  ];

  it('full-rank round trip is the identity; whitened codes have unit variance', () => {
    const pca = fitPca(line, { numComponents: 2, whiten: true });
    expect(pca.components[0]).toBeCloseTo(1 / Math.sqrt(5), 2);
    expect(pca.components[1]).toBeCloseTo(2 / Math.sqrt(5), 2);
    const z = pca.transform(line);
    for (let c = 0; c < 2; c++) {
      let s = 0;
      for (let i = 0; i < 5; i++) s += (z.data[i * 2 + c] as number) ** 2;
      expect(s / 4).toBeCloseTo(1, 10);
    }
    const back = pca.inverseTransform(z);
    for (let i = 0; i < 10; i++)
      expect(back.data[i]).toBeCloseTo(line[i >> 1]?.[i & 1] as number, 10);
  });

  it('k = 1 reconstruction error equals the discarded eigenvalue × (N−1)/N', () => {
    const full = fitPca(line, { numComponents: 2 });
    const pca = fitPca(line, { numComponents: 1 });
    const err = pca.reconstructionError(line);
    expect(err.ssePerSample).toBeCloseTo(((full.explainedVariance[1] as number) * 4) / 5, 12);
    expect(err.msePerFeature).toBeCloseTo(err.ssePerSample / 2, 12);
    expect(pca.noiseVariance).toBeCloseTo(full.explainedVariance[1] as number, 12);
  });

  it('toJSON / fromJSON round trip, and validation on load', () => {
    const pca = fitPca(iris(), { numComponents: 3, whiten: true });
    const copy = PcaModel.fromJSON(JSON.parse(JSON.stringify(pca)));
    expect(copy.toJSON()).toEqual(pca.toJSON());
    const good = pca.toJSON();
    expect(() => PcaModel.fromJSON({ ...good, format: 'x' })).toThrow(InvalidArgumentError);
    expect(() => PcaModel.fromJSON({ ...good, mean: [1, 2] })).toThrow(ShapeError);
    expect(() => PcaModel.fromJSON({ ...good, mean: [1, 2, null, 4] })).toThrow(NonFiniteError);
    const skew = [...good.components];
    skew[0] = (skew[0] as number) + 0.1;
    expect(() => PcaModel.fromJSON({ ...good, components: skew })).toThrow(/orthonormal/);
    expect(() => PcaModel.fromJSON('nope')).toThrow(InvalidArgumentError);
  });
});

describe('bad input gets a typed error', () => {
  it('refuses a misspelled option, naming it and the known ones, and missing options', () => {
    const rows = [
      [1, 2],
      [3, 4],
      [5, 7],
    ];
    expect(() => fitPca(rows, { nComponent: 1 } as never)).toThrow(UnknownOptionError);
    expect(() => fitPca(rows, { numComponents: 1, whitten: true } as never)).toThrow(
      /unknown option "whitten" in fitPca options; known options: "numComponents"/,
    );
    expect(() => fitPca(rows, undefined as never)).toThrow(InvalidArgumentError);
  });

  it('NaN, empty, ragged, k too large, rank, unknown method, wrong width', () => {
    expect(() =>
      fitPca(
        [
          [1, Number.NaN],
          [2, 3],
          [3, 4],
        ],
        { numComponents: 1 },
      ),
    ).toThrow(NonFiniteError);
    expect(() => fitPca([], { numComponents: 1 })).toThrow(ShapeError);
    expect(() => fitPca([[1, 2], [3]], { numComponents: 1 })).toThrow(/ragged/);
    expect(() =>
      fitPca(
        [
          [1, 2],
          [3, 4],
          [5, 7],
        ],
        { numComponents: 3 },
      ),
    ).toThrow(InvalidArgumentError);
    expect(() =>
      fitPca(
        [
          [1, 2],
          [3, 4],
        ],
        { numComponents: 2 },
      ),
    ).toThrow(/min\(numSamples − 1/);
    // Rank 1: points on a line; two components have no second direction.
    expect(() =>
      fitPca(
        [
          [1, 2],
          [2, 4],
          [3, 6],
          [4, 8],
        ],
        { numComponents: 2 },
      ),
    ).toThrow(/rank/);
    expect(() =>
      fitPca(
        [
          [1, 2],
          [3, 4],
          [5, 7],
        ],
        { numComponents: 0 },
      ),
    ).toThrow(InvalidArgumentError);
    expect(() =>
      fitPca(
        [
          [1, 2],
          [3, 4],
          [5, 7],
        ],
        { numComponents: 1, method: 'svd' as 'exact' },
      ),
    ).toThrow(UnknownOptionError);
    const pca = fitPca(
      [
        [1, 2],
        [3, 4],
        [5, 7],
      ],
      { numComponents: 1 },
    );
    expect(() => pca.transform([[1, 2, 3]])).toThrow(ShapeError);
    expect(() => pca.inverseTransform([[1, 2]])).toThrow(ShapeError);
    expect(() => pca.truncate(2)).toThrow(InvalidArgumentError);
    const bad = tf.tensor1d([1, 2]);
    expect(() => fitPca(bad, { numComponents: 1 })).toThrow(ShapeError);
    bad.dispose();
  });

  it('accepts the deprecated count names nComponents / nIter, and old JSON files', () => {
    const a = fitPca(iris(), { numComponents: 2 });
    const b = fitPca(iris(), { nComponents: 2 });
    expect(b.explainedVariance).toEqual(a.explainedVariance);
    expect(b.nComponents).toBe(2);
    expect(b.nFeatures).toBe(b.numFeatures);
    expect(b.nSamples).toBe(150);
    expect(() => fitPca(iris(), { numComponents: 2, nComponents: 3 })).toThrow(
      /both numComponents \(2\) and its deprecated old name nComponents \(3\)/,
    );
    expect(() => fitPca(iris(), {} as never)).toThrow(/numComponents: is required/);
    const { numComponents, numFeatures, numSamples, ...rest } = a.toJSON();
    const old = {
      ...rest,
      nComponents: numComponents,
      nFeatures: numFeatures,
      nSamples: numSamples,
    };
    expect(PcaModel.fromJSON(old).components).toEqual(a.components);
  });
});
