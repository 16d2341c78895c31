/**
 * The VQ-VAE demo's session in the model worker: fetches the models and the MNIST subset (from
 * the site's own origin), then answers the page's requests — `start` (the first output),
 * `subset` (code usage over the test subset) and `sample` (a row of prior samples, each image
 * sent as an event as it is drawn; a newer `sample` cancels an older one).
 */
import { fetchCached } from '../common/asset-cache.js';
import { assetUrl, MODEL_FILES } from '../common/asset-files.js';
import { loadMnistSubset, type MnistSubset, subsetFloats } from '../common/mnist-subset.js';
import type { EmitEvent, WorkerSession } from '../common/worker-host.js';
import {
  firstOutput,
  loadVqVaeModels,
  type SampleRow,
  type SubsetStatistics,
  sampleRow,
  subsetStatistics,
  type VqVaeFirstOutput,
  type VqVaeModels,
} from './vq-vae-model.js';

/** Options the page sends when it opens the session. */
export interface VqVaeSessionOptions {
  /** Absolute URL of the site's asset folder. */
  assetBase: string;
  /** Images per row. */
  columns: number;
  /** First test image of the reconstruction row. */
  first: number;
}

/** Arguments of the session's `sample` method. */
export interface SampleRequest {
  seed: number;
  temperature: number;
}

/** Result of `sample`: the row, or `cancelled` when a newer request replaced it. */
export type SampleResult = ({ cancelled: false } & SampleRow) | { cancelled: true };

/**
 * Event `sample-image`: one decoded prior sample of request `request` (the session numbers the
 * `sample` calls 1, 2, … in the order they arrive, as the page sends them).
 */
export interface SampleImageEvent {
  request: number;
  index: number;
  image: Float32Array;
}

/** Lets the worker take the next message (a newer request) between pieces of work. */
const yieldToMessages = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Training scores and the variance, sent with the first output. */
export type VqVaeStart = VqVaeFirstOutput & {
  variance: number;
  scores: VqVaeModels['scores'];
};

/**
 * Opens the session: fetches and loads the models and the subset.
 *
 * @param options - See {@link VqVaeSessionOptions}.
 * @param emit - Sends `sample-image` events ({@link SampleImageEvent}) to the page.
 */
export async function openVqVaeSession(
  options: VqVaeSessionOptions,
  emit: EmitEvent,
): Promise<WorkerSession> {
  const url = (file: string) => assetUrl(options.assetBase, `models/${file}`);
  const [vq, prior, classifier, subset] = await Promise.all([
    fetchCached(url(MODEL_FILES.vqVae)),
    fetchCached(url(MODEL_FILES.vqVaePrior)),
    fetchCached(url(MODEL_FILES.classifier)),
    loadMnistSubset(options.assetBase),
  ]);
  const models = loadVqVaeModels({ vq, prior, classifier });
  const data: MnistSubset = subset;
  const references = subsetFloats(data.train);
  let request = 0;
  let running: AbortController | undefined;
  const start = async (): Promise<VqVaeStart> => ({
    ...(await firstOutput(models, data, {
      columns: options.columns,
      first: options.first,
      references,
    })),
    variance: models.variance,
    scores: models.scores,
  });
  const subsetStats = (): Promise<SubsetStatistics> =>
    subsetStatistics(models, data, { batchSize: 50, pause: yieldToMessages });
  const sample = async (args: SampleRequest): Promise<SampleResult> => {
    running?.abort();
    const controller = new AbortController();
    running = controller;
    const mine = ++request;
    try {
      const row = await sampleRow(models, {
        columns: options.columns,
        seed: args.seed,
        temperature: args.temperature,
        references,
        pause: yieldToMessages,
        signal: controller.signal,
        onImage: (index, image) =>
          emit('sample-image', { request: mine, index, image } satisfies SampleImageEvent),
      });
      return { cancelled: false, ...row };
    } catch (error) {
      if (controller.signal.aborted) return { cancelled: true };
      throw error;
    }
  };
  return {
    methods: {
      start,
      subset: subsetStats,
      sample: sample as (args: never) => Promise<SampleResult>,
    },
    dispose() {
      running?.abort();
      models.dispose();
    },
  };
}
