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

/**
 * Indices into the shared `Int32Array` control block. Jobs (one batch's forward/backward pass and
 * update) are numbered 1, 2, … and alternate between two staging slots (job j uses slot j % 2),
 * so that the calling thread can stage job j + 1 while the workers still run job j. @internal
 */
export const CTRL = {
  /** Jobs staged so far (the stop command also increments it): the workers wait for it to grow. */
  go: 0,
  /** The command: {@link COMMAND}. */
  command: 1,
  /** Incremented by each worker when it has finished a job (job j is done at j × workers). */
  done: 2,
  /** Barrier arrivals. */
  arrive: 3,
  /** Barrier generation. */
  barrier: 4,
  /** The last job whose update has been decided (see {@link DECISION}). */
  decided: 5,
  /** The decision of the job in slot s, at `decision + s`. */
  decision: 6,
  /** Per-slot job fields (rows, step, …) at `job + s · JOB_FIELDS + JOB.<field>`. */
  job: 16,
  /** tf.memory().numTensors of worker k after its last step, at `tensors + k`. */
  tensors: 64,
} as const;

/** Fields of a staged job, per slot. @internal */
export const JOB = {
  /** Rows in this job's batch. */
  size: 0,
  /** Global step index. */
  step: 1,
  /** ε seed (uint32 stored as int32). */
  epsSeed: 2,
  /** Workers with rows in this job (min(workers, size)). */
  active: 3,
  /** 1 when the job's rows are `rows` of the shared data, 0 when the batch is staged in `x`. */
  fromData: 4,
} as const;

/** Int32 slots per job in the control block. @internal */
export const JOB_FIELDS = 8;

/** Int32 values in the control block of a run with `workers` workers. @internal */
export const ctrlLength = (workers: number): number => CTRL.tensors + workers;

/** Commands in `CTRL.command`. @internal */
export const COMMAND = { step: 1, stop: 2 } as const;

/**
 * Decisions on a computed job's update, in `CTRL.decision`: apply it (the calling thread asked
 * for this batch; applied only if every value is finite), or drop it (a batch computed ahead that
 * the calling thread did not ask for after all). @internal
 */
export const DECISION = { apply: 1, drop: 2 } as const;

/**
 * A worker's running sums in the float64 phase block, at `phases + k · PHASE_SLOTS`: jobs run,
 * then milliseconds spent in each phase of a job. @internal
 */
export const PHASE = {
  jobs: 0,
  /** Forward and backward pass of its rows (parameters in, gradients out). */
  compute: 1,
  /** Waiting at the barrier for the other workers' passes. */
  barrier: 2,
  /** Waiting for the calling thread's decision on the job (it was computed ahead). */
  decision: 3,
  /** Summing the gradients and Adam on its slice, and the barrier after the update. */
  update: 4,
  /** Waiting for the next job to be staged. */
  idle: 5,
  /** 1 when the worker runs the tape-free step (not a sum). */
  tapeFree: 6,
} as const;

/** Float64 slots per worker in the phase block. @internal */
export const PHASE_SLOTS = 7;

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
  /** Float64: per slot, RESULT_SLOTS per worker; then the learning rate. */
  results: number;
  /** Int32: the Adam step count per parameter. */
  steps: number;
  /** Int32: per worker and parameter, 1 if the worker produced a gradient for it. */
  hasGrad: number;
  /** Float64: per worker, `PHASE_SLOTS` running sums of its job phases (see {@link PHASE}). */
  phases: number;
  /** Float32 flat vectors: parameters, Adam's m and v, one gradient vector per worker. */
  params0: number;
  m: number;
  v: number;
  grads: number[];
  /** Per slot: float32 batch `[batchSize, rowSize]` and int32 labels `[batchSize]`. */
  x: [number, number];
  labels: [number, number];
  /** Per slot: int32 row indices of the batch into the shared data `[batchSize]`. */
  rows: [number, number];
  /**
   * The training data placed once in shared memory (`dataRows × rowSize` values of
   * `dataType`), or `dataType` undefined when the batches are staged in `x` every step.
   */
  data: number;
  dataRows: number;
  dataType: 'float32' | 'uint8' | undefined;
  /** Per worker: byte offset of its scratch space (`scratchBytes` each; the tape-free step's). */
  scratch: number[];
  scratchBytes: number;
  /** Total bytes (a multiple of the 64 KiB wasm page). */
  bytes: number;
}

const align = (n: number, to = 16): number => Math.ceil(n / to) * to;

/**
 * Computes the layout for parameters of the given shapes (in store order), with room for
 * `data` (the training set placed once, read by the workers through `rows`) when given, and
 * `scratchBytes` of scratch space per worker.
 *
 * @internal
 */
export function sharedLayout(
  shapes: ReadonlyArray<readonly [string, readonly number[]]>,
  workers: number,
  inputShape: readonly number[],
  batchSize: number,
  data?: { type: 'float32' | 'uint8'; rows: number },
  scratchBytes = 0,
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
  const ctrl = take(4 * ctrlLength(workers));
  const results = take(8 * (2 * RESULT_SLOTS * workers + 1));
  const steps = take(4 * params.length);
  const hasGrad = take(4 * params.length * workers);
  const phases = take(8 * PHASE_SLOTS * workers);
  const params0 = take(4 * total);
  const m = take(4 * total);
  const v = take(4 * total);
  const grads = Array.from({ length: workers }, () => take(4 * total));
  const two = (bytes: number): [number, number] => [take(bytes), take(bytes)];
  const x = two(4 * batchSize * rowSize);
  const labels = two(4 * batchSize);
  const rows = two(4 * batchSize);
  const dataRows = data?.rows ?? 0;
  const dataAt = take(dataRows * rowSize * (data?.type === 'uint8' ? 1 : 4));
  const scratch = Array.from({ length: workers }, () => take(scratchBytes));
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
    phases,
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
    scratch,
    scratchBytes,
    bytes: align(at, 65536),
  };
}

/** Index in the float64 result block of worker `k`'s first value for the job in `slot`. */
export function resultAt(slot: number, k: number, workers: number): number {
  return (slot * workers + k) * RESULT_SLOTS;
}

/** Index of the learning rate in the float64 result block. */
export function learningRateAt(workers: number): number {
  return 2 * RESULT_SLOTS * workers;
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
