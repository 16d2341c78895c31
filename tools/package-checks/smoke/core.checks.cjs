// The checks both core smoke snippets run on the module they loaded (ESM or CJS build): seeded
// randomness, option validation, the error hierarchy and the WebAssembly assembler, each against
// an independent answer. Throws on any mismatch.
const assert = require('node:assert/strict');

/**
 * @param {typeof import('@latentkit/core')} core The package as loaded by the snippet.
 * @param {string} label Which snippet ran the checks, for the closing line.
 */
function run(core, label) {
  const { createRng, permutation, requireKnownOptions, UnknownOptionError, LatentkitError } = core;
  // The same seed gives the same numbers; a fork is independent and does not advance its parent.
  const a = createRng(7);
  const b = createRng(7);
  const fork = a.fork('shuffle');
  assert.deepEqual([a.next(), a.next(), a.int(10)], [b.next(), b.next(), b.int(10)]);
  assert.notEqual(fork.next(), createRng(7).next());
  // A permutation of 0..99: sorting it gives back 0..99.
  const p = Array.from(permutation(100, 3)).sort((x, y) => x - y);
  assert.deepEqual(
    p,
    Array.from({ length: 100 }, (_, i) => i),
  );
  // A typo'd option is refused with a typed error naming it.
  requireKnownOptions({ seed: 1 }, ['seed']);
  assert.throws(
    () => requireKnownOptions({ sed: 1 }, ['seed']),
    (e) =>
      e instanceof UnknownOptionError && e instanceof LatentkitError && /"sed"/.test(e.message),
  );
  // A one-function module: memory[4·k] = 40 + 2, with k the argument.
  const fn = new core.FunctionAssembler(1, []).get(0).i32(40).i32(2).add().i32Store();
  const bytes = core.assembleModule({ initial: 1 }, [{ name: 'put', fn }]);
  assert.ok(WebAssembly.validate(bytes), 'the assembled module validates');
  const memory = new WebAssembly.Memory({ initial: 1 });
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } });
  instance.exports.put(12);
  assert.equal(new Int32Array(memory.buffer)[3], 42);
  console.log(`${label} ok: seeded streams, permutation, option check, assembled wasm`);
}

/**
 * The Node entry: a pool of two workers starts and stops; a worker that fails is a WorkerError of
 * the main entry's class (one error hierarchy across both entries and both builds).
 *
 * @param {typeof import('@latentkit/core/node')} node The Node entry as loaded by the snippet.
 * @param {typeof import('@latentkit/core')} core The main entry, from the same build.
 * @param {string} label Which snippet ran the checks.
 */
async function runNode(node, core, label) {
  const source =
    "const { parentPort, workerData } = require('node:worker_threads');" +
    "if (workerData.fail) throw new RangeError('no'); parentPort.postMessage({ type: 'ready' });" +
    // A pool worker runs until it is stopped (an exit before that is a failure).
    'parentPort.on("message", () => {});';
  let live = 0;
  const pool = await node.startWorkerPool({
    entry: { file: source, eval: true },
    inits: [{}, {}],
    role: 'smoke worker',
    readyWhen: 'message',
    onLive: (d) => {
      live += d;
    },
  });
  assert.equal(live, 2);
  await pool.stop({ graceMs: 0 });
  assert.equal(live, 0);
  await assert.rejects(
    node.startWorkerPool({
      entry: { file: source, eval: true },
      inits: [{ fail: true }],
      role: 'smoke worker',
      readyWhen: 'message',
    }),
    (e) => e instanceof core.WorkerError && /smoke worker 0: RangeError: no/.test(e.message),
  );
  console.log(`${label} ok: worker pool starts, stops and reports a failure as WorkerError`);
}

module.exports = { run, runNode };
