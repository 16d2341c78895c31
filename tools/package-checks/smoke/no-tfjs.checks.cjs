// For the packages that never touch a tensor (@latentkit/core, quantize, verilog, report): after
// they were required, no tfjs module may be in the CommonJS module cache — loading tfjs costs
// hundreds of milliseconds and tens of megabytes that these packages do not need.
const assert = require('node:assert/strict');

/**
 * @param {string} what The package(s) just required, for the message.
 */
function assertNoTfjs(what) {
  const loaded = Object.keys(require.cache).filter((path) => path.includes('@tensorflow'));
  assert.deepEqual(loaded, [], `requiring ${what} loaded tfjs: ${loaded.slice(0, 3).join(', ')}`);
}

module.exports = { assertNoTfjs };
