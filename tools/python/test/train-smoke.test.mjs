// Smoke test of train.py: one short epoch single-process and with torchrun (2 processes, gloo,
// CPU), then latentkit loads what it wrote (model.safetensors through torchStateDictToRecord,
// encoder.onnx/decoder.onnx through importOnnxModel) and must reproduce the outputs train.py
// recorded for fixed inputs within 1e-5. Skipped, with the reason, where /usr/bin/python3 cannot
// import torch (CI installs Debian's python3-torch).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { mnistDataDirectory } from '@latentkit/datasets/node';
import { createModel, torchStateDictToRecord } from '@latentkit/models';
import { importOnnxModel } from '@latentkit/onnx';
import { initBackend, tf } from '@latentkit/tensor';

const PYTHON = process.env.LATENTKIT_PYTHON ?? '/usr/bin/python3';
const HERE = fileURLToPath(new URL('..', import.meta.url));
const TOLERANCE = 1e-5;
const ENV = { ...process.env, OMP_NUM_THREADS: '1' };

/** @returns {string | undefined} why PyTorch cannot be used here */
function torchUnavailable() {
  const probe = spawnSync(PYTHON, ['-c', 'import torch, numpy'], { encoding: 'utf8' });
  if (probe.error) return `${PYTHON} cannot be run (${probe.error.message})`;
  if (probe.status !== 0) return `${PYTHON} cannot import torch (install python3-torch)`;
  return undefined;
}

/** @returns {string | undefined} why torch.distributed.run cannot start 2 gloo processes */
function torchrunUnavailable() {
  const probe = spawnSync(
    PYTHON,
    ['-c', 'import torch.distributed as d, torch.distributed.run; assert d.is_gloo_available()'],
    { encoding: 'utf8' },
  );
  return probe.status === 0 ? undefined : 'torch.distributed.run or gloo is not available';
}

/**
 * Runs train.py (through torch.distributed.run when `processes` > 1).
 * @param {string[]} args
 * @param {number} processes
 */
function train(args, processes) {
  // --redirects 1 --tee 1: PyTorch 1.13's launcher parses its default "0" as None on Python 3.11
  // (an IntFlag's zero member is no longer iterated) and fails; 1 (stdout) parses everywhere.
  const launcher =
    processes > 1
      ? ['-m', 'torch.distributed.run', '--standalone', `--nproc_per_node=${processes}`]
      : [];
  const extra = processes > 1 ? ['--redirects', '1', '--tee', '1'] : [];
  const start = performance.now();
  const run = spawnSync(PYTHON, [...launcher, ...extra, 'train.py', ...args], {
    cwd: HERE,
    encoding: 'utf8',
    env: ENV,
    timeout: 15 * 60_000,
    maxBuffer: 64 << 20,
  });
  const seconds = (performance.now() - start) / 1000;
  if (run.error) throw run.error;
  assert.equal(run.status, 0, `train.py exited ${run.status}:\n${run.stdout}\n${run.stderr}`);
  const line = run.stdout.split('\n').find((l) => l.includes('SUMMARY {'));
  assert.ok(line, `no SUMMARY line in:\n${run.stdout}`);
  return { printed: JSON.parse(line.slice(line.indexOf('SUMMARY ') + 8)), seconds };
}

/**
 * Largest |latentkit − PyTorch| of the probe outputs for a loaded latentkit model.
 * @param {import('@latentkit/models').Model} model
 * @param {any} probe
 */
function probeErrors(model, probe) {
  return tf.tidy(() => {
    const labels = probe.labels ?? undefined;
    const x = tf.tensor(probe.x, [probe.batch, ...model.inputShape]);
    const z = tf.tensor(probe.z, [probe.batch, model.latentDim]);
    const { mu, logVar } = model.encode(x, labels);
    /** @param {tf.Tensor} t @param {number[]} ref */
    const diff = (t, ref) => {
      const a = t.dataSync();
      assert.equal(a.length, ref.length);
      return a.reduce((m, v, i) => Math.max(m, Math.abs(v - ref[i])), 0);
    };
    return {
      mu: diff(mu, probe.mu),
      logVar: logVar ? diff(logVar, probe.logVar) : 0,
      decodedAtZ: diff(model.decode(z, labels), probe.decodedAtZ),
    };
  });
}

/** @param {Record<string, number>} errors */
function assertWithin(errors, what) {
  for (const [k, v] of Object.entries(errors)) {
    assert.ok(v <= TOLERANCE, `${what}: ${k} differs by ${v} > ${TOLERANCE}`);
  }
}

/** Loads model.safetensors in latentkit and compares with the probe. */
function checkSafetensors(out, summary, what) {
  const { record, config } = torchStateDictToRecord(readFileSync(join(out, 'model.safetensors')));
  assert.deepEqual(config, summary.config);
  const model = createModel(config);
  try {
    model.store.loadRecord(record);
    const errors = probeErrors(model, summary.probe);
    console.log(`${what}, model.safetensors: max |latentkit − PyTorch| ${JSON.stringify(errors)}`);
    assertWithin(errors, `${what} safetensors`);
  } finally {
    model.dispose();
  }
}

const noTorch = torchUnavailable();
if (noTorch) console.log(`skipped: train.py smoke test: ${noTorch}`);

describe('train.py', { skip: noTorch }, () => {
  /** @type {string} */
  let dir;
  /** @type {string} */
  let data;
  before(async () => {
    await initBackend({ backend: 'wasm' });
    dir = mkdtempSync(join(tmpdir(), 'latentkit-train-'));
    data = mnistDataDirectory();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const common = ['--epochs', '1', '--limit', '2000', '--test-limit', '500', '--latent', '8'];

  test('single process, MLP VAE: safetensors and ONNX reproduce its outputs', () => {
    const out = join(dir, 'single');
    const { printed, seconds } = train(
      ['--out', out, '--data', data, '--hidden', '64', '--batch', '100', ...common],
      1,
    );
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    assert.deepEqual(printed, summary);
    console.log(
      `single process: ${seconds.toFixed(1)} s in all (training ${summary.trainSeconds} s); test −ELBO ${summary.testElbo.negElbo.toFixed(2)} nats/image`,
    );
    assert.equal(summary.processes, 1);
    assert.equal(summary.trainImages, 2000);
    // One epoch on 2000 images: far from trained (≈ 100) yet far below the untrained ≈ 544 nats.
    assert.ok(summary.testElbo.negElbo > 100 && summary.testElbo.negElbo < 540);
    assert.deepEqual(summary.files, ['model.safetensors', 'encoder.onnx', 'decoder.onnx']);
    checkSafetensors(out, summary, 'single process');
    const onnx = importOnnxModel({
      encoder: readFileSync(join(out, 'encoder.onnx')),
      decoder: readFileSync(join(out, 'decoder.onnx')),
    });
    const model = createModel(onnx.config);
    try {
      model.store.loadRecord(onnx.record);
      const errors = probeErrors(model, summary.probe);
      console.log(`single process, ONNX: max |latentkit − PyTorch| ${JSON.stringify(errors)}`);
      assertWithin(errors, 'ONNX');
    } finally {
      model.dispose();
    }
  });

  const noTorchrun = torchrunUnavailable();
  test('torchrun, 2 processes (gloo), conv VAE: the safetensors file reproduces its outputs', {
    skip: noTorchrun,
  }, () => {
    const out = join(dir, 'ddp');
    const args = ['--out', out, '--data', data, '--arch', 'conv', '--channels', '8,16'];
    const { printed, seconds } = train([...args, '--hidden', '', ...common], 2);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    assert.deepEqual(printed, summary);
    console.log(
      `torchrun ×2: ${seconds.toFixed(1)} s in all (training ${summary.trainSeconds} s); test −ELBO ${summary.testElbo.negElbo.toFixed(2)} nats/image`,
    );
    assert.equal(summary.processes, 2);
    assert.equal(summary.backend, 'gloo');
    assert.deepEqual(summary.files, ['model.safetensors']);
    assert.match(summary.onnxSkipped, /MLP/);
    checkSafetensors(out, summary, 'torchrun ×2');
  });
});
