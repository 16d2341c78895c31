/**
 * Exported functions and classes of the example entries (`EXAMPLE_ENTRIES` in
 * `lib/required-examples.ts`) that deliberately have no `@example`, each with the reason. Every
 * other one must have one, or the docs build fails; an entry here that gets an example (or stops
 * being an export) fails it too, so this list only shrinks. Keep it short: low-level internals
 * re-exported for advanced users, not functions a user would call directly.
 */
export const EXAMPLES_NOT_REQUIRED: Readonly<Record<string, string>> = {
  '@latentkit/tensor.conv2dFilterGrad':
    'an internal of the conv2d gradient that registerLatentkitGradients installs (tfjs-wasm lacks the kernel); users get it through tf.grad, never by calling it',
  '@latentkit/tensor.conv2dTransposeByConv':
    "the backend-portable kernel behind the conv2dTranspose layer (whose example shows it); tf.conv2dTranspose's replacement for kernel authors",
};
