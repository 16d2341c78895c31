/**
 * The files each demo's first output needs, by demo name: what the model worker starts
 * downloading as soon as a page asks it to `prepare` the demo, in parallel with loading the
 * demo's session module (whose chunks would otherwise come first). A small table with no model
 * code, so the worker's entry imports it without the sessions' dependencies.
 */
import { fetchCached } from './asset-cache.js';
import { assetUrl, MNIST_SUBSET_FILES, MODEL_FILES } from './asset-files.js';

/** The MNIST test split (images and labels), relative to the asset base. */
const TEST_SPLIT = [
  `data/${MNIST_SUBSET_FILES.testImages}`,
  `data/${MNIST_SUBSET_FILES.testLabels}`,
];

/**
 * The files a demo's session reads before its first output, relative to the asset base; a demo
 * missing here starts its downloads when its session opens.
 */
export const FIRST_FILES: Readonly<Record<string, readonly string[]>> = {
  'latent-explorer': [`models/${MODEL_FILES.latent2d}`, ...TEST_SPLIT],
  'vq-vae': [`models/${MODEL_FILES.vqVae}`, ...TEST_SPLIT],
};

/**
 * Starts downloading demo `demo`'s {@link FIRST_FILES} into the worker's file cache
 * (`fetchCached`), where its session then finds them. Options without a string `assetBase`, or
 * an unknown demo, start nothing; failures are left to the session, which asks again.
 *
 * @param demo - The demo's name.
 * @param options - The options of the page's `prepare` message (`{ assetBase }`).
 * @param fetchFn - The fetch function. Default `globalThis.fetch`.
 * @returns The URLs it started fetching.
 */
export function prefetchFirstFiles(
  demo: string,
  options: unknown,
  fetchFn?: typeof fetch,
): string[] {
  const assetBase = (options as { assetBase?: unknown } | null)?.assetBase;
  const files = Object.hasOwn(FIRST_FILES, demo) ? FIRST_FILES[demo]! : [];
  if (typeof assetBase !== 'string') return [];
  const urls = files.map((file) => assetUrl(assetBase, file));
  for (const url of urls) fetchCached(url, fetchFn).catch(() => {});
  return urls;
}
