/**
 * The CVAE demo's work in the model worker: loads the pretrained CVAE and classifier (fetched
 * from the site's own origin) and answers `samples` (a row of samples of one digit, read by the
 * classifier) and `transfer` (one code decoded under every label).
 */
import type { Model } from '@latentkit/models';
import { fetchCached } from '../common/asset-cache.js';
import { assetUrl, MODEL_FILES } from '../common/asset-files.js';
import {
  classifierFromBytes,
  classifyImages,
  type MnistClassifier,
} from '../common/mnist-classifier.js';
import { pretrainedFromBytes } from '../common/pretrained-model.js';
import type { WorkerSession } from '../common/worker-host.js';
import { decodeWithLabels, priorCodes, sameCodeEveryLabel } from './cvae-sampling.js';

/** Options the page sends when it opens the session. */
export interface CvaeSessionOptions {
  /** Absolute URL of the site's asset folder. */
  assetBase: string;
  /** Samples per row. */
  samples: number;
}

/** A row of samples (result of `samples`). */
export interface CvaeSamples {
  /** The codes z, `[n × latentDim]`. */
  codes: Float32Array;
  /** Their decodings under the digit, `[n × 784]`. */
  images: Float32Array;
  /** The classifier's label and top-class probability of each. */
  labels: Uint8Array;
  confidence: Float32Array;
}

/** What `info` returns: the latent size and the training scores for the status line. */
export interface CvaeInfo {
  latentDim: number;
  scores: Record<string, number>;
  classifierScores: Record<string, number>;
}

/**
 * A row of `n` samples of `digit` from `seed` with the classifier's readings (pure: the models
 * in, typed arrays out).
 */
export function cvaeSamples(
  model: Model,
  classifier: MnistClassifier,
  n: number,
  digit: number,
  seed: number,
): CvaeSamples {
  const codes = priorCodes(model, n, seed);
  const images = decodeWithLabels(model, codes, new Array(n).fill(digit));
  const { labels, confidence } = classifyImages(classifier, images, n);
  return { codes, images, labels, confidence };
}

/** Opens the session: fetches and loads the CVAE and the classifier. */
export async function openCvaeSession(options: CvaeSessionOptions): Promise<WorkerSession> {
  const url = (file: string) => assetUrl(options.assetBase, `models/${file}`);
  const [cvaeBytes, classifierBytes] = await Promise.all([
    fetchCached(url(MODEL_FILES.cvae)),
    fetchCached(url(MODEL_FILES.classifier)),
  ]);
  const cvae = pretrainedFromBytes(cvaeBytes);
  let loaded: ReturnType<typeof classifierFromBytes>;
  try {
    loaded = classifierFromBytes(classifierBytes);
  } catch (error) {
    cvae.model.dispose();
    throw error;
  }
  const { model } = cvae;
  const { classifier } = loaded;
  return {
    methods: {
      info: (): CvaeInfo => ({
        latentDim: model.latentDim,
        scores: cvae.training.scores,
        classifierScores: loaded.training.scores,
      }),
      samples: (args: never) => {
        const { digit, seed } = args as { digit: number; seed: number };
        return cvaeSamples(model, classifier, options.samples, digit, seed);
      },
      transfer: (args: never) => sameCodeEveryLabel(model, (args as { code: Float32Array }).code),
    },
    dispose() {
      model.dispose();
      classifier.dispose();
    },
  };
}
