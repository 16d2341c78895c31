"""latentkit's ModelConfig (the JSON createModel takes) with its defaults filled in, as
`resolveModelConfig` in @latentkit/models does it for the kinds latentkit_torch builds."""

import copy

KINDS = ("ae", "vae", "cvae")
LIKELIHOODS = ("bernoulli", "gaussian", "gaussian-learned")
ACTIVATIONS = ("relu", "leakyRelu", "elu", "tanh", "sigmoid", "softplus", "linear")


class UnsupportedConfigError(ValueError):
    """A createModel config that latentkit_torch cannot build (e.g. a VQ-VAE); the message names
    the field."""


def _spec(spec, name):
    if not isinstance(spec, dict) or spec.get("type") not in ("mlp", "conv"):
        raise UnsupportedConfigError(f"{name}.type must be 'mlp' or 'conv', got {spec!r}")
    activation = spec.get("activation", "relu")
    if activation not in ACTIVATIONS:
        raise UnsupportedConfigError(f"{name}.activation {activation!r} is not one of {ACTIVATIONS}")
    if spec["type"] == "mlp":
        return {"type": "mlp", "hidden": list(spec.get("hidden", [])), "activation": activation}
    return {
        "type": "conv",
        "channels": list(spec["channels"]),
        "kernel": int(spec.get("kernel", 3)),
        "stride": int(spec.get("stride", 2)),
        "hidden": list(spec.get("hidden", [])),
        "activation": activation,
        "upsample": spec.get("upsample", "depthToSpace"),
    }


def _mirror(spec):
    out = copy.deepcopy(spec)
    out["hidden"] = list(reversed(spec["hidden"]))
    if spec["type"] == "conv":
        out["channels"] = list(reversed(spec["channels"]))
    return out


def resolve_config(config):
    """Fills in a createModel config's defaults (decoder = the encoder's mirror, kernel 3,
    stride 2, ReLU, sub-pixel upsampling, Bernoulli likelihood, σ = 1, min σ = 0.01).

    Raises UnsupportedConfigError for a VQ-VAE or an unknown kind, likelihood or activation."""
    kind = config.get("kind")
    if kind not in KINDS:
        raise UnsupportedConfigError(
            f"kind {kind!r}: latentkit_torch builds {', '.join(KINDS)} (not a VQ-VAE)"
        )
    encoder = _spec(config["encoder"], "encoder")
    decoder = _mirror(encoder) if config.get("decoder") is None else _spec(config["decoder"], "decoder")
    likelihood = config.get("likelihood", "bernoulli")
    if likelihood not in LIKELIHOODS:
        raise UnsupportedConfigError(f"likelihood {likelihood!r} is not one of {LIKELIHOODS}")
    num_classes = int(config.get("numClasses", 0) or 0)
    if kind == "cvae" and num_classes < 2:
        raise UnsupportedConfigError("numClasses (>= 2) is required for kind 'cvae'")
    if kind != "cvae" and num_classes != 0:
        raise UnsupportedConfigError(f"numClasses only applies to kind 'cvae', not {kind!r}")
    return {
        "kind": kind,
        "inputShape": [int(d) for d in config["inputShape"]],
        "latentDim": int(config["latentDim"]),
        "encoder": encoder,
        "decoder": decoder,
        "likelihood": likelihood,
        "outputStd": float(config.get("outputStd", 1)),
        "minOutputStd": float(config.get("minOutputStd", 0.01)),
        "numClasses": num_classes,
    }
