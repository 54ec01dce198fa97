#!/usr/bin/python3
"""Generate (and check against) PyTorch reference fixtures for FedShield's NN engine.

WHAT
    Mode 1 (default): writes one safetensors file per reference model into
    tests/FedShield.Nn.Tests/Fixtures/:

        mnist_cnn.safetensors   MnistCnn, batch of 4 images (4, 1, 28, 28)
        adult_mlp.safetensors   AdultMlp, batch of 8 rows   (8, 105)

    Each file records, for one fixed batch, what PyTorch computes: the initial
    weights, the forward logits, the mean loss, every parameter gradient, and
    the weights after three optimizer steps for three optimizer settings. The
    FedShield C# tests load the same weights and batch into the pure-C# engine
    and compare.

    Mode 2 (--check-fedshield): loads a safetensors file WRITTEN BY FEDSHIELD
    into the PyTorch module and checks that PyTorch reproduces the logits
    FedShield stored in it (the reverse direction: FedShield -> PyTorch).

WHY
    FedShield's tensor/NN engine is written from scratch; PyTorch is the
    independent reference for forward, backward and optimizer semantics. The
    fixtures are committed so the C# tests need neither Python nor torch.

HOW TO RERUN
    Requires Debian's PyTorch:  apt-get install python3-torch
    Always use the system interpreter (/usr/bin/python3), which has torch:

        /usr/bin/python3 tools/pytorch/make_fixtures.py            # rewrite fixtures
        /usr/bin/python3 tools/pytorch/make_fixtures.py --out-dir /tmp/fx   # elsewhere

    Output is deterministic (fixed seeds, one thread, deterministic
    algorithms, tensors written in name order), so rerunning with the same
    torch build reproduces the files byte for byte. Regenerate only
    deliberately and commit the result together with the reason.

FIXTURE FILE CONTENTS (all tensors float32; <p> ranges over the model's
state_dict names, e.g. conv1.weight, conv1.bias, conv2.weight, conv2.bias,
fc1.weight, fc1.bias, fc2.weight, fc2.bias for MnistCnn; fc1.*, fc2.* for AdultMlp)

    inputs          MnistCnn (4, 1, 28, 28) ~ N(0, 1);  AdultMlp (8, 105) ~ N(0, 1)
    targets         MnistCnn (4,) class indices 0..9 stored as float32;
                    AdultMlp (8, 1) 0.0 / 1.0
    init.<p>        initial weights (PyTorch default init under the seed)
    logits          model(inputs) with the initial weights: (4, 10) / (8, 1)
    loss            mean loss at the initial weights, shape [1]
                    (MnistCnn: cross-entropy; AdultMlp: BCEWithLogitsLoss)
    grad.<p>        d loss / d p at the initial weights
    sgd3.<p>        weights after 3 steps of SGD  (lr 0.05, momentum 0.9)
    sgdn3.<p>       weights after 3 steps of SGD  (lr 0.05, momentum 0.9,
                    nesterov, weight_decay 1e-3)
    adam3.<p>       weights after 3 steps of Adam (lr 0.01, betas (0.9, 0.999), eps 1e-8)
    losses.sgd3, losses.sgdn3, losses.adam3
                    shape [3]: the loss computed before each of the 3 steps
                    (losses.X[0] equals loss)

    Every optimizer run starts from init.<p>, reuses the SAME batch each step,
    and zeroes gradients before each step (standard zero_grad / forward /
    backward / step loop). PyTorch semantics to mirror:
      SGD:  g = grad + wd * p;  buf = g on the first step, else
            buf = momentum * buf + g  (dampening 0);
            d = g + momentum * buf if nesterov else buf;  p -= lr * d
      Adam: m = b1 m + (1-b1) g;  v = b2 v + (1-b2) g^2;  t = step (1-based)
            p -= (lr / (1 - b1^t)) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)

    __metadata__ (all values strings):
      format             "fedshield-fixture-v1"
      generator          "tools/pytorch/make_fixtures.py"
      torch_version      e.g. "1.13.0a0"
      model              "mnist-cnn" | "adult-mlp"
      seed               torch.manual_seed used for this file
      parameters         comma-separated state_dict names, in module order
      parameter_count    "21840" | "5137"
      batch_size         "4" | "8"
      loss_fn            "cross_entropy_mean" | "bce_with_logits_mean"
      steps              "3"
      sgd3.lr, sgd3.momentum, sgd3.dampening, sgd3.weight_decay, sgd3.nesterov
      sgdn3.lr, sgdn3.momentum, sgdn3.dampening, sgdn3.weight_decay, sgdn3.nesterov
      adam3.lr, adam3.beta1, adam3.beta2, adam3.eps, adam3.weight_decay, adam3.amsgrad
      (numbers as Python repr, e.g. "0.05", "1e-08"; booleans "true"/"false")

CHECK MODE (FedShield -> PyTorch)

        /usr/bin/python3 tools/pytorch/make_fixtures.py \\
            --check-fedshield FILE.safetensors [--model mnist-cnn|adult-mlp] \\
            [--input INPUT.safetensors] [--tolerance 1e-4]

    FILE.safetensors (written by FedShield, F32 only) holds:
      * the model weights under their exact state_dict names
        (conv1.weight, conv1.bias, ...); loaded with load_state_dict(strict=True),
        so missing, unexpected or mis-shaped tensors are an error;
      * "__input":  the input batch, (N, 1, 28, 28) or (N, 105);
      * "__logits": FedShield's output for that batch, (N, 10) or (N, 1).
    Optional __metadata__ "model" names the model; --model overrides it, and
    one of the two is required. With --input, "__input" and "__logits" are
    read from INPUT.safetensors instead (FILE then need not contain them).

    PyTorch evaluates the model (eval mode, no grad) on "__input" and compares
    with "__logits":
        max_rel_err = max|torch - fedshield| / max(max|fedshield|, 1e-12)
    i.e. the largest absolute deviation relative to the largest stored logit
    magnitude (element-wise relative error is meaningless for logits near 0).
    Prints one line starting with "OK" or "MISMATCH" (or "ERROR") and exits
      0  max_rel_err <= tolerance (default 1e-4)
      1  larger error, shape mismatch, unreadable file, or strict-load failure
      2  bad command line (argparse)
"""

from __future__ import annotations

import argparse
import copy
import os
import sys
from typing import Dict, List, Tuple

import torch
import torch.nn as nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import (  # noqa: E402
    MODELS, SafetensorsError, load_file_with_metadata, make_model, parameter_count, save_file,
)

REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
DEFAULT_OUT_DIR = os.path.join(REPO_ROOT, "tests", "FedShield.Nn.Tests", "Fixtures")

STEPS = 3

# name -> (optimizer class, kwargs). Keys are the tensor-name prefixes.
OPTIMIZERS: Dict[str, Tuple[type, dict]] = {
    "sgd3": (torch.optim.SGD, dict(lr=0.05, momentum=0.9, dampening=0.0, weight_decay=0.0, nesterov=False)),
    "sgdn3": (torch.optim.SGD, dict(lr=0.05, momentum=0.9, dampening=0.0, weight_decay=1e-3, nesterov=True)),
    "adam3": (torch.optim.Adam, dict(lr=0.01, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0, amsgrad=False)),
}

# Per-model fixed configuration.
FIXTURES = {
    "mnist-cnn": dict(file="mnist_cnn.safetensors", seed=20240101, batch=4, loss_fn="cross_entropy_mean"),
    "adult-mlp": dict(file="adult_mlp.safetensors", seed=20240102, batch=8, loss_fn="bce_with_logits_mean"),
}


def _fmt(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    return repr(v)


def _make_batch(name: str, batch: int) -> Tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Returns (inputs, targets as stored, targets as the loss wants them)."""
    if name == "mnist-cnn":
        x = torch.randn(batch, 1, 28, 28)
        y = torch.randint(0, 10, (batch,))
        return x, y.to(torch.float32), y
    if name == "adult-mlp":
        x = torch.randn(batch, 105)
        y = torch.randint(0, 2, (batch, 1)).to(torch.float32)
        return x, y, y
    raise AssertionError(name)


def _criterion(name: str) -> nn.Module:
    return nn.CrossEntropyLoss() if name == "mnist-cnn" else nn.BCEWithLogitsLoss()


def build_fixture(name: str) -> Tuple[Dict[str, torch.Tensor], Dict[str, str]]:
    cfg = FIXTURES[name]
    torch.manual_seed(cfg["seed"])
    model = make_model(name)            # default PyTorch init, drawn from the seed
    x, y_stored, y = _make_batch(name, cfg["batch"])
    crit = _criterion(name)

    init = {k: v.detach().clone() for k, v in model.state_dict().items()}
    param_names = list(init)

    out: Dict[str, torch.Tensor] = {"inputs": x, "targets": y_stored}
    for k, v in init.items():
        out[f"init.{k}"] = v

    # Forward, loss, gradients at the initial weights.
    model.train()
    model.zero_grad(set_to_none=True)
    logits = model(x)
    loss = crit(logits, y)
    loss.backward()
    out["logits"] = logits.detach().clone()
    out["loss"] = loss.detach().reshape(1).clone()
    for k, p in model.named_parameters():
        out[f"grad.{k}"] = p.grad.detach().clone()

    # Three optimizer steps on the same batch, each from the initial weights.
    for prefix, (opt_cls, kwargs) in OPTIMIZERS.items():
        m = make_model(name)
        m.load_state_dict(init, strict=True)
        m.train()
        opt = opt_cls(m.parameters(), **kwargs)
        losses: List[torch.Tensor] = []
        for _ in range(STEPS):
            opt.zero_grad(set_to_none=True)
            step_loss = crit(m(x), y)
            step_loss.backward()
            opt.step()
            losses.append(step_loss.detach().reshape(1))
        for k, v in m.state_dict().items():
            out[f"{prefix}.{k}"] = v.detach().clone()
        out[f"losses.{prefix}"] = torch.cat(losses)

    meta = {
        "format": "fedshield-fixture-v1",
        "generator": "tools/pytorch/make_fixtures.py",
        "torch_version": torch.__version__,
        "model": name,
        "seed": str(cfg["seed"]),
        "parameters": ",".join(param_names),
        "parameter_count": str(parameter_count(model)),
        "batch_size": str(cfg["batch"]),
        "loss_fn": cfg["loss_fn"],
        "steps": str(STEPS),
    }
    for prefix, (_, kwargs) in OPTIMIZERS.items():
        for k, v in kwargs.items():
            if k == "betas":
                meta[f"{prefix}.beta1"] = _fmt(v[0])
                meta[f"{prefix}.beta2"] = _fmt(v[1])
            else:
                meta[f"{prefix}.{k}"] = _fmt(v)
    return out, meta


def generate(out_dir: str) -> int:
    os.makedirs(out_dir, exist_ok=True)
    for name, cfg in FIXTURES.items():
        tensors, meta = build_fixture(name)
        path = os.path.join(out_dir, cfg["file"])
        save_file(tensors, path, metadata=meta)
        print(f"wrote {os.path.relpath(path, REPO_ROOT)}: {len(tensors)} tensors, "
              f"{os.path.getsize(path)} bytes, loss {tensors['loss'].item():.6f}")
    return 0


def check_fedshield(path: str, model_name: str | None, input_path: str | None, tolerance: float) -> int:
    try:
        tensors, meta = load_file_with_metadata(path)
        if input_path is not None:
            io_tensors, _ = load_file_with_metadata(input_path)
        else:
            io_tensors = tensors
    except (OSError, SafetensorsError) as e:
        print(f"ERROR: cannot read safetensors file: {e}")
        return 1

    name = model_name or meta.get("model")
    if name is None:
        print("ERROR: no model given: pass --model or set __metadata__ \"model\" in the file")
        return 1
    if name not in MODELS:
        print(f"ERROR: unknown model {name!r}; expected one of {sorted(MODELS)}")
        return 1

    for key in ("__input", "__logits"):
        if key not in io_tensors:
            where = input_path or path
            print(f"ERROR: {where} has no tensor {key!r}")
            return 1
    x = io_tensors["__input"]
    expected = io_tensors["__logits"]
    state = {k: v for k, v in tensors.items() if not k.startswith("__")}

    model = make_model(name)
    try:
        model.load_state_dict(state, strict=True)
    except RuntimeError as e:
        print(f"ERROR: strict load_state_dict into {name} failed: {e}")
        return 1

    model.eval()
    try:
        with torch.no_grad():
            got = model(x)
    except RuntimeError as e:
        print(f"ERROR: forward pass on __input of shape {list(x.shape)} failed: {e}")
        return 1
    if got.shape != expected.shape:
        print(f"MISMATCH {name}: torch logits shape {list(got.shape)} != "
              f"FedShield __logits shape {list(expected.shape)}")
        return 1

    diff = (got - expected).abs()
    max_abs = diff.max().item() if diff.numel() else 0.0
    scale = max(expected.abs().max().item() if expected.numel() else 0.0, 1e-12)
    rel = max_abs / scale
    worst = int(diff.reshape(-1).argmax().item()) if diff.numel() else -1
    summary = (f"{name}: {x.shape[0]} samples, max_abs_err={max_abs:.3e}, max_rel_err={rel:.3e} "
               f"(relative to max|logit|={scale:.4g}), tolerance={tolerance:g}")
    if rel <= tolerance:
        print(f"OK {summary}")
        return 0
    print(f"MISMATCH {summary}; worst element flat index {worst}: "
          f"torch={got.reshape(-1)[worst].item():.7g} fedshield={expected.reshape(-1)[worst].item():.7g}")
    return 1


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(
        description="Write PyTorch reference fixtures for FedShield, or check a FedShield-written "
                    "model file against PyTorch (see the module docstring for the file formats).")
    ap.add_argument("--out-dir", default=DEFAULT_OUT_DIR,
                    help="fixture output directory (default: tests/FedShield.Nn.Tests/Fixtures)")
    ap.add_argument("--check-fedshield", metavar="FILE",
                    help="safetensors file written by FedShield: weights + __input + __logits")
    ap.add_argument("--model", choices=sorted(MODELS),
                    help="model for --check-fedshield (default: __metadata__ 'model')")
    ap.add_argument("--input", metavar="INPUT",
                    help="read __input/__logits from this file instead of FILE")
    ap.add_argument("--tolerance", type=float, default=1e-4,
                    help="max relative error accepted by --check-fedshield (default 1e-4)")
    args = ap.parse_args(argv)

    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)

    if args.check_fedshield:
        return check_fedshield(args.check_fedshield, args.model, args.input, args.tolerance)
    if args.model or args.input:
        ap.error("--model/--input only apply with --check-fedshield")
    return generate(args.out_dir)


if __name__ == "__main__":
    sys.exit(main())
