/**
 * The VQ-VAE demo's session in the model worker: fetches the models and the MNIST subset (from
 * the site's own origin), then answers the page's requests — `start` (the first output),
 * `details` (the classifier's readings of it), `subset` (code usage over the test subset) and
 * `sample` (a row of prior samples, each image sent as an event as it is drawn; a newer
 * `sample` cancels an older one).
 *
 * The first output needs only the VQ-VAE and the test split, so the session opens with those
 * (the worker starts downloading them when the page prepares the demo: `first-files.ts`); the
 * prior, the classifier and the training split (nearest-digit distances) load once the
 * first output is computed, while the page draws it.
 */
import { fetchCached } from '../common/asset-cache.js';
import { assetUrl, MODEL_FILES } from '../common/asset-files.js';
import { loadMnistSubsetSplit, subsetFloats } from '../common/mnist-subset.js';
import type { EmitEvent, WorkerSession } from '../common/worker-host.js';
import {
  completeVqVaeModels,
  firstDetails,
  firstOutput,
  loadVqVaeCodec,
  type SampleRow,
  type SubsetStatistics,
  sampleRow,
  subsetStatistics,
  type VqVaeCodec,
  type VqVaeFirstDetails,
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

/** The variance and the VQ-VAE's training scores, sent with the first output. */
export type VqVaeStart = VqVaeFirstOutput & {
  variance: number;
  scores: { vq: VqVaeCodec['scores'] };
};

/** Result of `details`: the readings of the first output and the prior's training scores. */
export type VqVaeDetails = VqVaeFirstDetails & {
  scores: VqVaeModels['scores'];
};

/**
 * Opens the session: fetches and loads the VQ-VAE and the test split (the rest follows after
 * `start`, or with the first call that needs it).
 *
 * @param options - See {@link VqVaeSessionOptions}.
 * @param emit - Sends `sample-image` events ({@link SampleImageEvent}) to the page.
 */
export async function openVqVaeSession(
  options: VqVaeSessionOptions,
  emit: EmitEvent,
): Promise<WorkerSession> {
  const url = (file: string) => assetUrl(options.assetBase, `models/${file}`);
  const [vqBytes, test] = await Promise.all([
    fetchCached(url(MODEL_FILES.vqVae)),
    loadMnistSubsetSplit(options.assetBase, 'test', (u) => fetchCached(u)),
  ]);
  const codec = loadVqVaeCodec(vqBytes);
  let disposed = false;
  /** The rows `details` reads (copies: the first output's arrays go to the page). */
  let shown: Pick<VqVaeFirstOutput, 'originals' | 'random'> | undefined;
  let rest: Promise<{ models: VqVaeModels; references: Float32Array }> | undefined;
  /** The prior, the classifier and the training digits: loaded once, on first use. */
  const loadRest = () => {
    rest ??= (async () => {
      const [prior, classifier, train] = await Promise.all([
        fetchCached(url(MODEL_FILES.vqVaePrior)),
        fetchCached(url(MODEL_FILES.classifier)),
        loadMnistSubsetSplit(options.assetBase, 'train'),
      ]);
      if (disposed) throw new Error('the session is closed');
      return {
        models: completeVqVaeModels(codec, { prior, classifier }),
        references: subsetFloats(train),
      };
    })();
    return rest;
  };
  let request = 0;
  let running: AbortController | undefined;
  const start = async (): Promise<VqVaeStart> => {
    const first = await firstOutput(codec, test, {
      columns: options.columns,
      first: options.first,
    });
    shown = { originals: first.originals.slice(), random: first.random.slice() };
    // Loads while the page draws the first output; `details` and `sample` wait for it.
    loadRest().catch(() => {});
    return { ...first, variance: codec.variance, scores: { vq: codec.scores } };
  };
  const details = async (): Promise<VqVaeDetails> => {
    const { models, references } = await loadRest();
    if (!shown) throw new Error("call 'start' before 'details'");
    return { ...firstDetails(models, shown, references), scores: models.scores };
  };
  const subsetStats = (): Promise<SubsetStatistics> =>
    subsetStatistics(codec, test, { batchSize: 50, pause: yieldToMessages });
  const sample = async (args: SampleRequest): Promise<SampleResult> => {
    running?.abort();
    const controller = new AbortController();
    running = controller;
    const mine = ++request;
    try {
      const { models, references } = await loadRest();
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
      details,
      subset: subsetStats,
      sample: sample as (args: never) => Promise<SampleResult>,
    },
    dispose() {
      disposed = true;
      running?.abort();
      // The models, once loaded, own the VQ-VAE; before that it is freed alone.
      if (rest)
        rest.then(
          (r) => r.models.dispose(),
          () => codec.model.dispose(),
        );
      else codec.model.dispose();
    },
  };
}
