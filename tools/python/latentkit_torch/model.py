"""torch.nn modules equivalent to latentkit's createModel (AE, VAE, CVAE; MLP or conv).

Parameter names are latentkit's (`encoder.fc1.weight`, `encoder.mu.bias`, `decoder.out.weight`,
…) and layouts are PyTorch's (Linear `[out, in]`, Conv2d `[out, in, kh, kw]`, ConvTranspose2d
`[in, out, kh, kw]`), so a file written by latentkit's `modelToTorchSafetensors` loads with
`load_state_dict(strict=True)`.

Images are NCHW here (PyTorch's convention); latentkit's conv models take NHWC. Where the two
frameworks differ, this module follows latentkit exactly:
- convolutions pad like TensorFlow's 'same' (the extra row/column of an odd total goes at the
  bottom/right), so a stride-2 3×3 convolution pads (0, 1), not PyTorch's symmetric 1;
- a flattened feature map is C-major here (PyTorch's Flatten), and the sub-pixel upsampling is
  `pixel_shuffle` (channel c·r² + i·r + j); the weights are permuted on export/import, not
  the activations;
- a transposed convolution's output is cropped as TensorFlow's 'same' (n·stride rows, the odd
  extra row removed at the bottom).
"""

import math

import torch
from torch import nn
from torch.nn import functional as F

from .config import resolve_config


def activation_fn(name):
    """The element-wise function of a latentkit activation name (leakyRelu slope 0.01, elu α = 1,
    softplus β = 1)."""
    return {
        "relu": F.relu,
        "leakyRelu": lambda x: F.leaky_relu(x, 0.01),
        "elu": F.elu,
        "tanh": torch.tanh,
        "sigmoid": torch.sigmoid,
        "softplus": lambda x: F.softplus(x, beta=1, threshold=1e30),
        "linear": lambda x: x,
    }[name]


def same_padding(n, k, s):
    """(before, after) padding of TensorFlow's 'same' for length n, kernel k, stride s."""
    out = math.ceil(n / s)
    total = max((out - 1) * s + k - n, 0)
    return total // 2, total - total // 2


def conv_same(conv, x):
    """`conv` (an nn.Conv2d with padding 0) applied with TensorFlow 'same' padding."""
    k, s = conv.kernel_size[0], conv.stride[0]
    top, bottom = same_padding(x.shape[2], k, s)
    left, right = same_padding(x.shape[3], k, s)
    return conv(F.pad(x, (left, right, top, bottom)))


def conv_transpose_same(deconv, x):
    """`deconv` (an nn.ConvTranspose2d with padding 0) with TensorFlow 'same' output: n·stride
    rows and columns, cropped as tf.conv2dTranspose does."""
    k, s = deconv.kernel_size[0], deconv.stride[0]
    y = F.conv_transpose2d(x, deconv.weight, None, stride=s)
    h, w = x.shape[2] * s, x.shape[3] * s
    top = max(k - s, 0) // 2
    y = y[:, :, top : top + h, top : top + w]
    if y.shape[2] < h or y.shape[3] < w:  # kernel smaller than the stride: zero rows at the end
        y = F.pad(y, (0, w - y.shape[3], 0, h - y.shape[2]))
    return y + deconv.bias.view(1, -1, 1, 1)


class Encoder(nn.Module):
    """Trunk (conv1…, fc1…) and heads (mu, logVar) of a latentkit encoder."""

    def __init__(self, cfg):
        super().__init__()
        spec = cfg["encoder"]
        self.spec = spec
        self.act = activation_fn(spec["activation"])
        shape = cfg["inputShape"]
        features = math.prod(shape)
        self.conv_names = []
        if spec["type"] == "conv":
            h, w, c = shape
            for i, out in enumerate(spec["channels"]):
                name = f"conv{i + 1}"
                self.add_module(name, nn.Conv2d(c, out, spec["kernel"], stride=spec["stride"]))
                self.conv_names.append(name)
                h, w, c = math.ceil(h / spec["stride"]), math.ceil(w / spec["stride"]), out
            features = h * w * c
        features += cfg["numClasses"]
        self.fc_names = []
        for i, width in enumerate(spec["hidden"]):
            name = f"fc{i + 1}"
            self.add_module(name, nn.Linear(features, width))
            self.fc_names.append(name)
            features = width
        self.mu = nn.Linear(features, cfg["latentDim"])
        if cfg["kind"] != "ae":
            self.logVar = nn.Linear(features, cfg["latentDim"])

    def forward(self, x, condition=None):
        """x: [N, D] (MLP; any shape flattened) or [N, C, H, W] (conv). Returns (μ, log σ²)
        (log σ² is None for an AE)."""
        h = x
        for name in self.conv_names:
            h = self.act(conv_same(getattr(self, name), h))
        h = h.flatten(1)
        if condition is not None:
            h = torch.cat([h, condition], 1)
        for name in self.fc_names:
            h = self.act(getattr(self, name)(h))
        return self.mu(h), (self.logVar(h) if hasattr(self, "logVar") else None)


class Decoder(nn.Module):
    """fc1…, then `out` (MLP) or `proj`, `up1`…, `out` (conv) of a latentkit decoder."""

    def __init__(self, cfg):
        super().__init__()
        spec = cfg["decoder"]
        self.spec = spec
        self.act = activation_fn(spec["activation"])
        per_element = 2 if cfg["likelihood"] == "gaussian-learned" else 1
        out_shape = list(cfg["inputShape"])
        out_shape[-1] *= per_element
        self.out_shape = out_shape
        features = cfg["latentDim"] + cfg["numClasses"]
        self.fc_names = []
        for i, width in enumerate(spec["hidden"]):
            name = f"fc{i + 1}"
            self.add_module(name, nn.Linear(features, width))
            self.fc_names.append(name)
            features = width
        self.stages = []
        if spec["type"] == "mlp":
            self.out = nn.Linear(features, math.prod(out_shape))
            return
        oh, ow, oc = out_shape
        s, k, channels = spec["stride"], spec["kernel"], spec["channels"]
        factor = s ** len(channels)
        if oh % factor or ow % factor:
            raise ValueError(f"output {oh}x{ow} is not divisible by stride^stages = {factor}")
        self.start = (channels[0], oh // factor, ow // factor)
        self.proj = nn.Linear(features, math.prod(self.start))
        for i, cin in enumerate(channels):
            last = i == len(channels) - 1
            cout = oc if last else channels[i + 1]
            name = "out" if last else f"up{i + 1}"
            if spec["upsample"] == "transpose" and s > 1:
                self.add_module(name, nn.ConvTranspose2d(cin, cout, k, stride=s))
                self.stages.append((name, "transpose", last))
            else:
                self.add_module(name, nn.Conv2d(cin, cout * s * s, k))
                self.stages.append((name, "shuffle", last))

    def forward(self, z, condition=None):
        """z: [N, latentDim]. Returns the raw output: [N, *outputShape] (MLP) or [N, C, H, W]
        (conv; C doubled for 'gaussian-learned')."""
        h = z if condition is None else torch.cat([z, condition], 1)
        for name in self.fc_names:
            h = self.act(getattr(self, name)(h))
        if self.spec["type"] == "mlp":
            return self.out(h).view(-1, *self.out_shape)
        y = self.act(self.proj(h)).view(-1, *self.start)
        s = self.spec["stride"]
        for name, how, last in self.stages:
            layer = getattr(self, name)
            if how == "transpose":
                y = conv_transpose_same(layer, y)
            else:
                y = conv_same(layer, y)
            if not last:
                y = self.act(y)
            if how == "shuffle" and s > 1:
                y = F.pixel_shuffle(y, s)
        return y


class LatentkitModel(nn.Module):
    """A latentkit createModel config (kind 'ae', 'vae' or 'cvae') as a torch module.

    ``forward(x, labels=None, sample=None)`` returns ``(raw, mu, logvar, z)`` with z = μ + σ·ε
    (ε ~ N(0, I) from torch's generator; z = μ for an AE, or when not sampling — by default in
    eval mode). ``labels`` are class indices (CVAE only)."""

    def __init__(self, config):
        super().__init__()
        self.config = resolve_config(config)
        self.encoder = Encoder(self.config)
        self.decoder = Decoder(self.config)

    def condition(self, labels, batch):
        """One-hot labels for a CVAE (float32 [N, numClasses]), None otherwise."""
        n = self.config["numClasses"]
        if n == 0:
            if labels is not None:
                raise ValueError(f"a {self.config['kind']!r} model takes no labels")
            return None
        if labels is None or len(labels) != batch:
            raise ValueError(f"a CVAE needs one label per example ({batch})")
        labels = torch.as_tensor(labels, dtype=torch.long, device=self.encoder.mu.weight.device)
        return F.one_hot(labels, n).float()

    def encode(self, x, labels=None):
        """(μ, log σ²) of q(z|x); log σ² is None for an AE."""
        return self.encoder(x, self.condition(labels, x.shape[0]))

    def decode_raw(self, z, labels=None):
        """The decoder's raw output (Bernoulli logits, Gaussian μ, or μ and log σ²)."""
        return self.decoder(z, self.condition(labels, z.shape[0]))

    def forward(self, x, labels=None, sample=None):
        """``(raw, mu, logvar, z)``; z is drawn (μ + σ·ε) when ``sample`` is true (default: in
        training mode) and the model is not an AE, else z = μ."""
        c = self.condition(labels, x.shape[0])
        mu, logvar = self.encoder(x, c)
        sample = self.training if sample is None else sample
        if logvar is None or not sample:
            z = mu
        else:
            z = mu + torch.exp(0.5 * logvar) * torch.randn_like(mu)
        return self.decoder(z, c), mu, logvar, z
