// The checks both verilog smoke snippets run on the modules they loaded (ESM or CJS build):
// generate Verilog for a one-neuron quantized MLP and check the text, the ROM image and the
// Nexys4 DDR constraints; no simulation (that needs g++ / iverilog). Throws on any mismatch.
const assert = require('node:assert/strict');

/** A one-neuron layer y = relu(2·x + 1) in s8.4 (the model of quantize.mjs). */
function tinyModel() {
  const f = { width: 8, frac: 4, signed: true };
  return {
    format: 'latentkit.quantized-mlp',
    version: 1,
    layers: [
      {
        name: 'fc.1',
        inFeatures: 1,
        outFeatures: 1,
        input: f,
        weightFormat: f,
        weights: [32],
        biasFormat: f,
        biases: [-16],
        accumulator: { width: 16, frac: 8, signed: true },
        activationInput: f,
        activation: { kind: 'relu' },
        floatActivation: 'relu',
        activationOutput: f,
        output: f,
        rounding: 'half-even',
        overflow: 'saturate',
      },
    ],
  };
}

/**
 * @param {typeof import('@latentkit/verilog')} mod The main entry as loaded by the snippet.
 * @param {typeof import('@latentkit/verilog/node')} node The `./node` entry, loaded the same way.
 * @param {string} label `ESM` or `CJS`.
 */
async function run(mod, node, label) {
  for (const name of [
    'generateMlp',
    'generateVae',
    'nexysTop',
    'sanitizeIdentifier',
    'VerilogError',
  ]) {
    assert.equal(typeof mod[name], 'function', `${label} build has no export ${name}`);
  }
  for (const name of ['simulateIverilog', 'simulateCxxrtl', 'synthesize', 'simulateUart']) {
    assert.equal(typeof node[name], 'function', `${label} node entry has no export ${name}`);
  }
  const design = mod.generateMlp(tinyModel(), { name: 'tiny' });
  const top = design.files['tiny.v'];
  assert.match(top, /^module tiny \(/m, 'top module missing');
  const layer = design.files['tiny_fc_1.v'];
  assert.match(layer, /\$readmemh\("tiny_fc_1_w0\.hex", wrom_0\);/, 'weight ROM not initialized');
  assert.match(layer, /\(\* rom_style = "block" \*\)/, 'ROM not marked for block RAM');
  // Weight code 32 (2.0 in s8.4) is the 8-bit word 0x20; bias −16 is 0xf0.
  assert.deepEqual(design.files['tiny_fc_1_w0.hex'].trim().split('\n').slice(1), ['20']);
  assert.deepEqual(design.files['tiny_fc_1_b0.hex'].trim().split('\n').slice(1), ['f0']);
  assert.equal(mod.sanitizeIdentifier('encoder.fc1'), 'encoder_fc1');
  assert.throws(
    () =>
      mod.generateMlp({
        ...tinyModel(),
        layers: [{ ...tinyModel().layers[0], activation: { kind: 'gelu' } }],
      }),
    (e) => e instanceof mod.VerilogError && e.problem === 'unsupported-unit',
  );
  assert.equal(mod.uartDivider().clksPerBit, 868); // round(100e6 / 115200)
  const board = mod.nexysTop(design);
  assert.match(board.xdc, /PACKAGE_PIN E3 .*CLK100MHZ/);
  console.log(
    `@latentkit/verilog ${label} ok: ${Object.keys(design.files).length} files for a 1-neuron MLP`,
  );
}

module.exports = { run };
