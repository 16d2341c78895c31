"""Evaluates a latentkit safetensors file with latentkit_torch on given inputs (used by the
round-trip tests of @latentkit/models and the smoke test of train.py).

    /usr/bin/python3 tools/python/evaluate_latentkit.py MODEL.safetensors INPUTS.json

INPUTS.json: {"batch": N, "x": [...], "z": [...], "labels": [...] or null}, flat float lists
in latentkit's layout (images NHWC). Prints JSON {"mu", "logVar", "decodedAtZ", "reconAtZ", "kl"}:
the encoder's μ and log σ² (null for an AE) of x, the decoder's raw output at z (logits or
means), −log p(x|z) per example and KL(q(z|x) ‖ N(0, I)) per example (null for an AE), flat,
NHWC for images, every float32 value written as the shortest decimal that reads back as it.
"""

import json
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from latentkit_torch import kl_standard_normal, load_latentkit, reconstruction_nll  # noqa: E402


def to_torch_images(values, batch, shape):
    x = torch.tensor(values, dtype=torch.float32).view(batch, *shape)
    return x.permute(0, 3, 1, 2).contiguous() if len(shape) == 3 else x


def flat(t, nchw=False):
    if t is None:
        return None
    if nchw:
        t = t.permute(0, 2, 3, 1)
    return [float(str(v)) for v in t.detach().reshape(-1).numpy()]


def main():
    torch.set_num_threads(1)
    model = load_latentkit(sys.argv[1])
    with open(sys.argv[2]) as f:
        inputs = json.load(f)
    cfg = model.config
    batch = inputs["batch"]
    shape = cfg["inputShape"] if cfg["encoder"]["type"] == "conv" else [-1]
    x = to_torch_images(inputs["x"], batch, shape)
    z = torch.tensor(inputs["z"], dtype=torch.float32).view(batch, cfg["latentDim"])
    labels = inputs.get("labels")
    with torch.no_grad():
        mu, logvar = model.encode(x, labels)
        decoded = model.decode_raw(z, labels)
        recon = reconstruction_nll(model, decoded, x)
        kl = None if logvar is None else kl_standard_normal(mu, logvar)
    out = {
        "mu": flat(mu),
        "logVar": flat(logvar),
        "decodedAtZ": flat(decoded, cfg["decoder"]["type"] == "conv"),
        "reconAtZ": flat(recon),
        "kl": flat(kl),
    }
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
