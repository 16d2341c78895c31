import { fetchBytes } from './fetch-bytes.js';

const cache = new Map<string, Promise<Uint8Array>>();

/**
 * Fetches a file once per page: demos that need the same model or data share one request. A
 * failed request is forgotten, so a later mount retries.
 *
 * @param url - The file's URL.
 * @param fetchFn - The fetch function. Default `globalThis.fetch`.
 */
export function fetchCached(url: string, fetchFn?: typeof fetch): Promise<Uint8Array> {
  let p = cache.get(url);
  if (!p) {
    p = fetchBytes(url, fetchFn);
    cache.set(url, p);
    p.catch(() => cache.delete(url));
  }
  return p;
}
