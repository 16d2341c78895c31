// Reading the docs' Getting Started page the way a reader follows it: the install commands and the
// first example, found by the HTML comments that mark them (invisible on the rendered page).

/** Where the project says it lives; the check clones the local repository instead. */
export const CLONE_URL = 'https://github.com/latentkit/latentkit.git';

/**
 * The steps the page marks as tested.
 *
 * @param {string} page The page's markdown.
 * @returns {{install: string, example: {file: string, sample: string, region: string}}}
 *   `install`: the shell block after `<!-- getting-started:install … -->`; `example`: the file name
 *   the reader saves the first example as, and the sample file (relative to the docs app's
 *   `samples/`) and region the page includes after `<!-- getting-started:first-example FILE … -->`.
 * @throws Error naming the marker that is missing or not followed by what it marks.
 */
export function readGettingStarted(page) {
  const installAt = page.indexOf('<!-- getting-started:install');
  if (installAt < 0) throw new Error('no <!-- getting-started:install --> marker on the page');
  const block = /```(?:sh|bash)\n([\s\S]*?)```/.exec(page.slice(installAt));
  if (!block) throw new Error('no ```sh block after the getting-started:install marker');
  const example =
    /<!-- getting-started:first-example (\S+)[^>]*-->\s*\n<<< @\/\.\.\/samples\/(\S+?)#(\S+)/.exec(
      page,
    );
  if (!example) {
    throw new Error(
      'no <!-- getting-started:first-example FILE --> marker followed by a <<< sample include',
    );
  }
  const [, file, sample, region] = /** @type {[string, string, string, string]} */ (example);
  return { install: /** @type {string} */ (block[1]), example: { file, sample, region } };
}

/**
 * The lines of a VitePress region (`#region name` … `#endregion name`), as the page shows them.
 *
 * @param {string} source The sample file.
 * @param {string} region
 * @returns {string}
 * @throws Error if the region is missing.
 */
export function sampleRegion(source, region) {
  const lines = source.split('\n');
  const start = lines.findIndex((line) => line.trim() === `// #region ${region}`);
  const end = lines.findIndex((line) => line.trim() === `// #endregion ${region}`);
  if (start < 0 || end <= start) throw new Error(`no region "${region}" in the sample`);
  return `${lines.slice(start + 1, end).join('\n')}\n`;
}

/**
 * The numbers the first example prints: `epoch N: L nats` lines and the `{ negElbo, recon, kl }`
 * object.
 *
 * @param {string} stdout
 * @returns {{epochs: number[], negElbo?: number, recon?: number, kl?: number}}
 */
export function readFirstExampleOutput(stdout) {
  const epochs = [...stdout.matchAll(/^epoch (\d+): ([\d.]+) nats$/gm)].map((m) => Number(m[2]));
  /** @param {string} key */
  const number = (key) => {
    const match = new RegExp(`${key}: (-?[\\d.e+-]+)`).exec(stdout);
    return match ? Number(match[1]) : undefined;
  };
  return { epochs, negElbo: number('negElbo'), recon: number('recon'), kl: number('kl') };
}
