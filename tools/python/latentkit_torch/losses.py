"""latentkit's losses, with the same reductions: every term is summed over an example's elements
(pixels, latent dimensions) and then averaged over the batch, in nats per example (as
`bernoulliNllFromLogits`, `gaussianNll`, `klStandardNormal` and `elbo` in @latentkit/tensor
with their default reduction 'mean')."""

import math

import torch
from torch.nn import functional as F

HALF_LOG_2PI = 0.5 * math.log(2 * math.pi)


def _per_example(t):
    return t.flatten(1).sum(1)


def bernoulli_nll(logits, x):
    """−log p(x|z) of independent Bernoullis with logits, per example [N] (BCE with logits,
    summed over the example's elements; x may hold grey levels in [0, 1])."""
    return _per_example(F.binary_cross_entropy_with_logits(logits, x, reduction="none"))


def gaussian_nll(mean, x, std=None, logvar=None):
    """−log N(x; μ, σ²) per example [N], with the ½·log 2π constant; σ fixed (``std``) or
    per element (``logvar``)."""
    if logvar is None:
        logvar = torch.full_like(mean, 2 * math.log(std))
    return _per_example(HALF_LOG_2PI + 0.5 * logvar + 0.5 * (x - mean) ** 2 * torch.exp(-logvar))


def kl_standard_normal(mu, logvar):
    """KL(N(μ, σ²) ‖ N(0, I)) in closed form, per example [N]:
    ½·Σ(σ² + μ² − 1 − log σ²)."""
    return 0.5 * _per_example(torch.exp(logvar) + mu * mu - 1 - logvar)


def reconstruction_nll(model, raw, x):
    """−log p(x|z) per example for the model's likelihood, from the decoder's raw output."""
    cfg = model.config
    if cfg["decoder"]["type"] == "mlp" and x.dim() == 4:
        # A conv encoder's NCHW input against an MLP decoder's output (latentkit's H, W, C order).
        x = x.permute(0, 2, 3, 1).reshape(x.shape[0], *cfg["inputShape"])
    if cfg["likelihood"] == "bernoulli":
        return bernoulli_nll(raw, x)
    if cfg["likelihood"] == "gaussian":
        return gaussian_nll(raw, x, std=cfg["outputStd"])
    axis = 1 if cfg["decoder"]["type"] == "conv" else raw.dim() - 1
    mean, r = raw.chunk(2, dim=axis)
    m = 2 * math.log(cfg["minOutputStd"])
    return gaussian_nll(mean, x, logvar=m + F.softplus(r - m))


def elbo_terms(model, x, labels=None, beta=1.0):
    """One stochastic forward pass through ``model`` (a LatentkitModel, or a
    DistributedDataParallel wrapping one: the pass goes through the wrapper so that gradients
    are synchronized), with z = μ + σ·ε from torch's generator (z = μ for an AE):
    ``(loss, recon, kl)`` as batch means in nats per example, loss = recon + β·kl (the negative
    ELBO when β = 1) — latentkit's `elbo` with reduction 'mean'."""
    inner = getattr(model, "module", model)
    raw, mu, logvar, _ = model(x, labels, sample=True)
    if logvar is None:
        kl = torch.zeros(x.shape[0], dtype=mu.dtype, device=mu.device)
    else:
        kl = kl_standard_normal(mu, logvar)
    recon = reconstruction_nll(inner, raw, x)
    return (recon + beta * kl).mean(), recon.mean(), kl.mean()
