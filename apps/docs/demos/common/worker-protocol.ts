/**
 * The messages between a page and the demos' model worker (`model.worker.ts`): the page starts
 * the tfjs backend in the worker (`init`), may let a demo start loading before it mounts
 * (`prepare`, a hint without answer), opens one session per mounted demo (`open`), calls its
 * methods (`call`, answered by `result` or `error` with the same `id`), and closes it (`close`).
 * A session can send `event`s while a call runs (e.g. each prior sample as it is drawn). Arrays
 * travel as typed arrays; results transfer their buffers.
 */
import type { BackendInfo } from '@latentkit/tensor';

/** Page → worker. */
export type ToWorker =
  | { kind: 'init'; wasmPaths?: string | Record<string, string> | undefined }
  | { kind: 'prepare'; demo: string; options: unknown }
  | { kind: 'open'; id: number; session: number; demo: string; options: unknown }
  | { kind: 'call'; id: number; session: number; method: string; args: unknown }
  | { kind: 'close'; session: number };

/** Worker → page. */
export type FromWorker =
  | { kind: 'backend'; info: BackendInfo }
  | { kind: 'backend-error'; message: string }
  | { kind: 'result'; id: number; value: unknown }
  | { kind: 'error'; id: number; message: string; name: string }
  | { kind: 'event'; session: number; name: string; payload: unknown };

/**
 * The buffers of the typed arrays in `value` (itself, or the values of a plain object or array,
 * one level deep) that own their whole buffer: what a message can transfer instead of copying.
 * A view onto part of a buffer is copied (transferring would detach the rest).
 */
export function transferablesOf(value: unknown): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  const visit = (v: unknown) => {
    if (
      ArrayBuffer.isView(v) &&
      v.buffer instanceof ArrayBuffer &&
      v.byteOffset === 0 &&
      v.byteLength === v.buffer.byteLength &&
      v.byteLength > 0
    ) {
      out.add(v.buffer);
    }
  };
  if (ArrayBuffer.isView(value)) visit(value);
  else if (Array.isArray(value)) value.forEach(visit);
  else if (value !== null && typeof value === 'object') Object.values(value).forEach(visit);
  return [...out];
}
