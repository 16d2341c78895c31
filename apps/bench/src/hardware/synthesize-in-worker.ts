import { Worker } from 'node:worker_threads';
import type { VerilogDesign } from '@latentkit/verilog';
import { type SynthesisResult, type SynthesizeOptions, synthesize } from '@latentkit/verilog/node';

/**
 * The worker's program (CommonJS, as `eval` workers are): imports `@latentkit/verilog/node` by
 * the URL the caller resolved and posts back the synthesis result or the error's text.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
import(workerData.url)
  .then((m) => m.synthesize(workerData.design, workerData.options))
  .then(
    (result) => parentPort.postMessage({ ok: true, result }),
    (error) => parentPort.postMessage({ ok: false, message: String((error && error.message) || error) }),
  );
`;

/** Where `@latentkit/verilog/node` lives, or null where `import.meta.resolve` is missing. */
function verilogNodeUrl(): string | null {
  try {
    return typeof import.meta.resolve === 'function'
      ? import.meta.resolve('@latentkit/verilog/node')
      : null;
  } catch {
    return null;
  }
}

/**
 * `synthesize` of `@latentkit/verilog/node` (Yosys in WebAssembly, `synth_xilinx`) on a worker
 * thread. Yosys runs synchronously for minutes on a design of MNIST size and would block this
 * thread's event loop, so simulators (child processes) and golden-model work could not overlap
 * with it; in a worker they do. Falls back to the calling thread where the package URL cannot be
 * resolved (e.g. under a test runner's module loader).
 *
 * @throws {Error} with Yosys's message when synthesis fails.
 */
export function synthesizeInWorker(
  design: VerilogDesign,
  options: SynthesizeOptions = {},
): Promise<SynthesisResult> {
  const url = verilogNodeUrl();
  if (url === null) return synthesize(design, options);
  return new Promise((resolve, reject) => {
    const plain = {
      top: design.top,
      files: design.files,
      sources: design.sources,
      io: design.io,
      layers: design.layers,
    };
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { url, design: plain, options },
    });
    let settled = false;
    worker.once(
      'message',
      (m: { ok: true; result: SynthesisResult } | { ok: false; message: string }) => {
        settled = true;
        if (m.ok) resolve(m.result);
        else reject(new Error(`synthesis failed: ${m.message}`));
        void worker.terminate();
      },
    );
    worker.once('error', (e) => {
      if (!settled) reject(e);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`the synthesis worker exited with code ${code}`));
    });
  });
}
