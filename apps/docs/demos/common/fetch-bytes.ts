/**
 * Fetches a file as bytes. Its own module (no model code), so the model worker's entry can
 * start downloads before it has loaded tfjs or any demo's session.
 *
 * @param url - Its URL.
 * @param fetchFn - The fetch function. Default `globalThis.fetch`.
 * @throws {Error} naming the URL and the HTTP status when the request fails.
 */
export async function fetchBytes(
  url: string,
  fetchFn: typeof fetch = globalThis.fetch,
): Promise<Uint8Array> {
  const response = await fetchFn(url);
  if (!response.ok) throw new Error(`fetching ${url} failed: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}
