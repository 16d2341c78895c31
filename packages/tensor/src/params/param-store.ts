import { InvalidArgumentError } from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';
import { recordToTensor, type TensorRecord, tensorToRecord } from './tensor-record.js';

/** Options of {@link ParamStore.create}. */
export interface CreateParamOptions {
  /** Whether optimizers and gradient helpers see this parameter. Default `true`. */
  trainable?: boolean;
}

/** Options of {@link ParamStore.loadRecord}. */
export interface LoadRecordOptions {
  /**
   * When `true` (default), every parameter must be in the record and every record entry must
   * name a parameter. When `false`, missing and extra entries are skipped; shapes are still
   * checked for the entries that are loaded.
   */
  strict?: boolean;
}

/**
 * A collection of named `tf.Variable`s: a model's parameters.
 *
 * Names are hierarchical, PyTorch-style: dot-separated segments of letters, digits and `_`
 * (`encoder.fc1.weight`). They are stable — the same model code gives the same names — and
 * are the keys of {@link ParamStore.toRecord}, of gradients from {@link valueAndParamGrads} and of
 * optimizer state, so checkpoints can be matched by name.
 *
 * A store made by {@link ParamStore.scope} is a view: it shares the variables of its root and
 * prefixes the names it creates and reads.
 */
export interface ParamStore {
  /** The prefix of this view (`''` for a root store), without a trailing dot. */
  readonly prefix: string;
  /**
   * Adds a parameter holding a copy of `value`'s values (the caller still owns `value`).
   *
   * @param name - Name relative to this view's prefix, e.g. `'weight'` or `'fc1.weight'`.
   * @param value - Initial value; must be float32.
   * @returns The new variable (owned by the store).
   * @throws {@link InvalidArgumentError} for a malformed or already-used name, or a non-float32
   *   value.
   */
  create(name: string, value: tf.Tensor, options?: CreateParamOptions): tf.Variable;
  /**
   * The parameter called `name` (relative to this view).
   *
   * @throws {@link InvalidArgumentError} if there is none.
   */
  get(name: string): tf.Variable;
  /** Whether a parameter called `name` (relative to this view) exists. */
  has(name: string): boolean;
  /** A view whose names are prefixed with `<prefix>.<name>`; it shares this store's variables. */
  scope(name: string): ParamStore;
  /** Full names of the parameters under this view, in creation order. */
  names(): string[];
  /**
   * The parameters under this view by full name, in creation order.
   *
   * @param trainableOnly - Only the trainable ones. Default `false`.
   */
  variables(trainableOnly?: boolean): Record<string, tf.Variable>;
  /** Total number of scalar values in the parameters under this view. */
  numParams(): number;
  /**
   * Copies every parameter under this view into plain data, keyed by full name
   * (a synchronous download from the backend).
   */
  toRecord(): Record<string, TensorRecord>;
  /**
   * Overwrites parameters from plain data keyed by full name (e.g. from a checkpoint). All checks
   * run before any parameter changes, so a failed load leaves the store as it was.
   *
   * @throws {@link ShapeError} naming the parameter when a shape or data length differs.
   * @throws {@link InvalidArgumentError} (strict mode) naming missing or unknown parameters.
   */
  loadRecord(record: Record<string, TensorRecord>, options?: LoadRecordOptions): void;
  /**
   * Disposes every parameter under this view and forgets it. Disposing a root store frees all
   * its memory; using a disposed parameter afterwards is an error in tfjs.
   */
  dispose(): void;
}

const NAME = /^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/;

interface Entry {
  variable: tf.Variable;
  trainable: boolean;
}

function checkName(name: string): void {
  if (!NAME.test(name)) {
    throw new InvalidArgumentError(
      'name',
      `'${name}' is not a valid parameter name (dot-separated segments of [A-Za-z0-9_])`,
    );
  }
}

function makeView(entries: Map<string, Entry>, prefix: string): ParamStore {
  const full = (name: string): string => {
    checkName(name);
    return prefix === '' ? name : `${prefix}.${name}`;
  };
  const under = (key: string): boolean => prefix === '' || key.startsWith(`${prefix}.`);
  const own = (): [string, Entry][] => [...entries].filter(([k]) => under(k));

  const store: ParamStore = {
    prefix,
    create(name, value, options = {}) {
      const key = full(name);
      if (entries.has(key)) throw new InvalidArgumentError('name', `parameter '${key}' exists`);
      if (value.dtype !== 'float32') {
        throw new InvalidArgumentError(key, `initial value must be float32, got ${value.dtype}`);
      }
      const trainable = options.trainable ?? true;
      // No tfjs name: tfjs variable names are global, and two stores may use the same names.
      const variable = tf.variable(value, trainable);
      entries.set(key, { variable, trainable });
      return variable;
    },
    get(name) {
      const key = full(name);
      const entry = entries.get(key);
      if (!entry) throw new InvalidArgumentError('name', `no parameter '${key}'`);
      return entry.variable;
    },
    has(name) {
      return entries.has(full(name));
    },
    scope(name) {
      return makeView(entries, full(name));
    },
    names() {
      return own().map(([k]) => k);
    },
    variables(trainableOnly = false) {
      const out: Record<string, tf.Variable> = {};
      for (const [k, e] of own()) if (!trainableOnly || e.trainable) out[k] = e.variable;
      return out;
    },
    numParams() {
      return own().reduce((n, [, e]) => n + e.variable.size, 0);
    },
    toRecord() {
      const out: Record<string, TensorRecord> = {};
      for (const [k, e] of own()) out[k] = tensorToRecord(e.variable, k);
      return out;
    },
    loadRecord(record, options = {}) {
      const strict = options.strict ?? true;
      const mine = own();
      if (strict) {
        const missing = mine.filter(([k]) => !(k in record)).map(([k]) => k);
        const known = new Set(mine.map(([k]) => k));
        const extra = Object.keys(record).filter((k) => !known.has(k));
        if (missing.length > 0 || extra.length > 0) {
          const parts: string[] = [];
          if (missing.length > 0) parts.push(`missing ${missing.join(', ')}`);
          if (extra.length > 0) parts.push(`unknown ${extra.join(', ')}`);
          throw new InvalidArgumentError('record', parts.join('; '));
        }
      }
      // Validate everything first so that a bad record changes nothing.
      const todo = mine.filter(([k]) => k in record);
      const values: tf.Tensor[] = [];
      try {
        for (const [k, e] of todo) values.push(recordToTensor(record[k]!, e.variable.shape, k));
      } catch (error) {
        for (const v of values) v.dispose();
        throw error;
      }
      todo.forEach(([, e], i) => {
        e.variable.assign(values[i]!);
        values[i]!.dispose();
      });
    },
    dispose() {
      for (const [k, e] of own()) {
        e.variable.dispose();
        entries.delete(k);
      }
    },
  };
  return store;
}

/**
 * Creates an empty {@link ParamStore}.
 *
 * @example
 * ```ts
 * import { createParamStore, dense } from '@latentkit/tensor';
 *
 * const store = createParamStore();
 * const fc1 = dense(store.scope('encoder'), 'fc1', { inFeatures: 784, outFeatures: 400 }, rng);
 * store.names(); // ['encoder.fc1.weight', 'encoder.fc1.bias']
 * ```
 */
export function createParamStore(): ParamStore {
  return makeView(new Map(), '');
}
