import { createRng } from '@latentkit/tensor';
import type { MnistRows } from '../training/mnist.js';
import { trainDigitClassifier } from './digit-classifier.js';
import { decodeCodes } from './evaluate-codes.js';
import type { PriorRun } from './prior-run.js';
import type { VqvaeSettings } from './settings.js';
import { summarizeProbabilities, type TopClassSummary } from './top-class.js';
import type { QuantizerRun } from './train-quantizer.js';

/** One classifier's verdicts. */
export interface Verdict {
  /** e.g. `'MLP + outlier exposure'`. */
  name: string;
  outlierWeight: number;
  /** Training seconds. */
  seconds: number;
  /** On the evaluation images, with their labels (accuracy). */
  real: TopClassSummary;
  /**
   * On the evaluation images decoded from their own code grids, with their labels: the ceiling
   * for samples of any prior over these codes (the decoder is the same).
   */
  reconstructed: TopClassSummary;
  /** On the prior's decoded samples, one per temperature. */
  prior: TopClassSummary[];
  /** On decoded uniformly random code grids. */
  random: TopClassSummary;
}

/** What {@link judgeSamples} returns. */
export interface Judgement {
  temperatures: number[];
  /** Decoded prior samples per temperature, `scored × 784` each. */
  samples: Float32Array[];
  /** Decoded uniformly random grids, `scored × 784`. */
  random: Float32Array;
  /** The judge (outlier exposure) first, then the plain classifier for contrast. */
  verdicts: Verdict[];
}

/**
 * Draws `scored` grids from the prior at each temperature and `scored` uniformly random grids,
 * decodes them with the model, and scores them, the real test digits and their reconstructions
 * through the code grid (`run.final.codes`, decoded) with two MLP digit
 * classifiers trained on all labelled training images: the judge, trained with outlier exposure
 * (so that its confidence needs a digit's shape, not just ink), and the same MLP without it,
 * whose softmax is as confident on random textures as on digits (reported for contrast).
 */
export function judgeSamples(
  run: QuantizerRun,
  prior: PriorRun,
  train: MnistRows,
  test: MnistRows,
  s: VqvaeSettings,
  seed: number,
): Judgement {
  const { model } = run;
  const n = s.scored;
  const samples = s.temperatures.map((t) => decodeCodes(model, prior.sample(n, seed, t), n));
  const codes = new Int32Array(n * 49);
  const rng = createRng(seed).fork('random-codes');
  for (let i = 0; i < codes.length; i++) codes[i] = rng.int(model.vq!.numCodes);
  const random = decodeCodes(model, codes, n);
  const reconstructed = decodeCodes(model, run.final.codes, test.n);
  const verdicts = [s.classifier.outlierWeight, 0].map((outlierWeight): Verdict => {
    const name = outlierWeight > 0 ? 'MLP + outlier exposure' : 'MLP';
    const classifier = trainDigitClassifier(train, {
      arch: 'mlp',
      hidden: s.classifier.hidden,
      epochs: s.classifier.epochs,
      outlierWeight,
      seed,
      label: `classifier (${name})`,
    });
    try {
      const score = (x: Float32Array) => summarizeProbabilities(classifier.probabilities(x, n), 10);
      return {
        name,
        outlierWeight,
        seconds: classifier.seconds,
        real: summarizeProbabilities(classifier.probabilities(test.x, test.n), 10, test.labels),
        reconstructed: summarizeProbabilities(
          classifier.probabilities(reconstructed, test.n),
          10,
          test.labels,
        ),
        prior: samples.map(score),
        random: score(random),
      };
    } finally {
      classifier.dispose();
    }
  });
  return { temperatures: s.temperatures, samples, random, verdicts };
}
