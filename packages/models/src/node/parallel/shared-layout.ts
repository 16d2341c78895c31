// Where everything lives in the shared WebAssembly memory of a parallel training run. Plain data,
// computed once on the main thread and sent to every worker.

/** One parameter's place in the flat parameter vector. @internal */
export interface ParamSlot {
  /** Full parameter name. */
  name: string;
  shape: number[];
  /** Number of values. */
  size: number;
  /** First element in the flat vectors (a multiple of 4, so every slot is 16-byte aligned). */
  offset: number;
}

/** Indices into the shared `Int32Array` control block. @internal */
export const CTRL = {
  /** Incremented by the main thread to start a command. */
  go: 0,
  /** The command: {@link COMMAND}. */
  command: 1,
  /** Incremented by each worker when it has finished the command. */
  done: 2,
  /** Barrier arrivals. */
  arrive: 3,
  /** Barrier generation. */
  barrier: 4,
  /** Rows in this step's batch. */
  size: 5,
  /** Global step index. */
  step: 6,
  /** ε seed (uint32 stored as int32). */
  epsSeed: 7,
  /** Workers with rows in this step (min(workers, size)). */
  active: 8,
  /** 1 when the update of the last step was applied. */
  applied: 9,
  /** 1 when this step's rows are `rows` of the shared data, 0 when the batch is staged in `x`. */
  fromData: 10,
  /** tf.memory().numTensors of worker k after its last step, at `tensors + k`. */
  tensors: 16,
} as const;

/** Commands in `CTRL.command`. @internal */
export const COMMAND = { step: 1, stop: 2 } as const;

/** Slots per worker in the float64 result block: loss, recon, kl, ok (1) / failed (0). */
export const RESULT_SLOTS = 4;

/** Byte layout of the shared memory. @internal */
export interface SharedLayout {
  workers: number;
  params: ParamSlot[];
  /** Elements of each flat vector (padded). */
  total: number;
  rowSize: number;
  inputShape: number[];
  batchSize: number;
  /** Byte offsets. */
  ctrl: number;
  /** Float64: RESULT_SLOTS per worker, then the learning rate. */
  results: number;
  /** Int32: the Adam step count per parameter. */
  steps: number;
  /** Int32: per worker and parameter, 1 if the worker produced a gradient for it. */
  hasGrad: number;
  /** Float32 flat vectors: parameters, Adam's m and v, one gradient vector per worker. */
  params0: number;
  m: number;
  v: number;
  grads: number[];
  /** Float32 batch `[batchSize, rowSize]` and Int32 labels `[batchSize]`. */
  x: number;
  labels: number;
  /** Int32 row indices of the batch into the shared data `[batchSize]`. */
  rows: number;
  /**
   * The training data placed once in shared memory (`dataRows × rowSize` values of
   * `dataType`), or `dataType` undefined when the batches are staged in `x` every step.
   */
  data: number;
  dataRows: number;
  dataType: 'float32' | 'uint8' | undefined;
  /** Total bytes (a multiple of the 64 KiB wasm page). */
  bytes: number;
}

const align = (n: number, to = 16): number => Math.ceil(n / to) * to;

/**
 * Computes the layout for parameters of the given shapes (in store order), with room for
 * `data` (the training set placed once, read by the workers through `rows`) when given.
 *
 * @internal
 */
export function sharedLayout(
  shapes: ReadonlyArray<readonly [string, readonly number[]]>,
  workers: number,
  inputShape: readonly number[],
  batchSize: number,
  data?: { type: 'float32' | 'uint8'; rows: number },
): SharedLayout {
  let total = 0;
  const params: ParamSlot[] = shapes.map(([name, shape]) => {
    const size = shape.reduce((a, b) => a * b, 1);
    const slot = { name, shape: [...shape], size, offset: total };
    total += align(size, 4);
    return slot;
  });
  const rowSize = inputShape.reduce((a, b) => a * b, 1);
  let at = 0;
  const take = (bytes: number): number => {
    const start = at;
    at = align(at + bytes);
    return start;
  };
  const ctrl = take(4 * 64);
  const results = take(8 * (RESULT_SLOTS * workers + 1));
  const steps = take(4 * params.length);
  const hasGrad = take(4 * params.length * workers);
  const params0 = take(4 * total);
  const m = take(4 * total);
  const v = take(4 * total);
  const grads = Array.from({ length: workers }, () => take(4 * total));
  const x = take(4 * batchSize * rowSize);
  const labels = take(4 * batchSize);
  const rows = take(4 * batchSize);
  const dataRows = data?.rows ?? 0;
  const dataAt = take(dataRows * rowSize * (data?.type === 'uint8' ? 1 : 4));
  return {
    workers,
    params,
    total,
    rowSize,
    inputShape: [...inputShape],
    batchSize,
    ctrl,
    results,
    steps,
    hasGrad,
    params0,
    m,
    v,
    grads,
    x,
    labels,
    rows,
    data: dataAt,
    dataRows,
    dataType: data?.type,
    bytes: align(at, 65536),
  };
}

/** Rows `[start, end)` of worker `k` among `active` for a batch of `size`. @internal */
export function shardRows(k: number, active: number, size: number): [number, number] {
  return [Math.floor((k * size) / active), Math.floor(((k + 1) * size) / active)];
}

/** Elements `[start, end)` of the flat vectors whose update worker `k` of `workers` runs. */
export function updateRange(k: number, workers: number, total: number): [number, number] {
  const quads = total / 4;
  return [Math.floor((k * quads) / workers) * 4, Math.floor(((k + 1) * quads) / workers) * 4];
}
