#!/usr/bin/python3
"""PyTorch reference side of `fedshield bench engine`.

WHAT
    Measures single-threaded PyTorch CPU training throughput (samples per
    second) on the same synthetic workloads that `fedshield bench engine`
    runs on FedShield's pure-C# engine, so the two numbers can be compared.

WORKLOADS (identical settings for both; nothing here is tuned per engine)
    mnist-cnn   MnistCnn (tools/pytorch/common.py), inputs (1, 28, 28) ~ N(0, 1),
                labels uniform in 0..9, mean cross-entropy loss.
    adult-mlp   AdultMlp, 105 features ~ N(0, 1), labels uniform in {0, 1}
                as float (N, 1) targets, mean BCEWithLogitsLoss.
    Both:       600 pre-generated samples (seeded), optimizer
                SGD(lr=0.01, momentum=0.9), batch size 64; each epoch visits
                all 600 samples in a fresh random permutation, in mini-batches
                of 64 (9 full batches + 1 of 24, the last partial batch included).
                One warm-up epoch is run first and excluded from timing; then
                --epochs epochs are timed with time.perf_counter.
                torch.set_num_threads(1) (and 1 inter-op thread).

    Training loop per batch (the standard one):
        model.train(); opt.zero_grad(); loss = crit(model(x), y);
        loss.backward(); opt.step()
    The epoch's summed loss is read back once per epoch (.item()), not per step.

OUTPUT
    Exactly one JSON line on stdout, e.g.
    {"torch": "1.13.0a0", "threads": 1, "workloads": [
        {"name": "mnist-cnn", "samples_per_s": 12345.6, "epochs": 5, "seconds": 0.243,
         "samples": 600, "batch_size": 64, "final_loss": 2.29},
        {"name": "adult-mlp", ...}]}
    samples_per_s = epochs * 600 / seconds (timed epochs only).

USAGE
    Requires Debian's PyTorch (apt-get install python3-torch); use /usr/bin/python3:
        /usr/bin/python3 tools/pytorch/bench_reference.py
        /usr/bin/python3 tools/pytorch/bench_reference.py --epochs 10 --workloads mnist-cnn --seed 7
        (also --warmup N, --samples N, --batch-size N; fedshield bench engine passes its own values)
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time

import torch
import torch.nn as nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import make_model  # noqa: E402

SAMPLES = 600
BATCH_SIZE = 64
LR = 0.01
MOMENTUM = 0.9
WORKLOADS = ("mnist-cnn", "adult-mlp")


def make_data(name: str, gen: torch.Generator, samples: int):
    if name == "mnist-cnn":
        x = torch.randn(samples, 1, 28, 28, generator=gen)
        y = torch.randint(0, 10, (samples,), generator=gen)
        return x, y, nn.CrossEntropyLoss()
    if name == "adult-mlp":
        x = torch.randn(samples, 105, generator=gen)
        y = torch.randint(0, 2, (samples, 1), generator=gen).to(torch.float32)
        return x, y, nn.BCEWithLogitsLoss()
    raise SystemExit(f"unknown workload {name!r}; expected one of {', '.join(WORKLOADS)}")


def run_epoch(model, opt, crit, x, y, gen, batch_size: int) -> float:
    samples = x.shape[0]
    perm = torch.randperm(samples, generator=gen)
    total = torch.zeros(())
    model.train()
    for start in range(0, samples, batch_size):
        idx = perm[start:start + batch_size]
        xb = x.index_select(0, idx)
        yb = y.index_select(0, idx)
        opt.zero_grad(set_to_none=True)
        loss = crit(model(xb), yb)
        loss.backward()
        opt.step()
        total += loss.detach() * idx.numel()
    return total.item() / samples          # one sync per epoch


def bench(name: str, epochs: int, seed: int, warmup: int = 1, samples: int = SAMPLES, batch_size: int = BATCH_SIZE) -> dict:
    gen = torch.Generator().manual_seed(seed)
    torch.manual_seed(seed)
    model = make_model(name)
    x, y, crit = make_data(name, gen, samples)
    opt = torch.optim.SGD(model.parameters(), lr=LR, momentum=MOMENTUM)

    for _ in range(warmup):  # warm-up, not timed
        run_epoch(model, opt, crit, x, y, gen, batch_size)

    loss = float("nan")
    t0 = time.perf_counter()
    for _ in range(epochs):
        loss = run_epoch(model, opt, crit, x, y, gen, batch_size)
    seconds = time.perf_counter() - t0

    return {
        "name": name,
        "samples_per_s": round(epochs * samples / seconds, 1),
        "epochs": epochs,
        "seconds": round(seconds, 4),
        "samples": samples,
        "batch_size": batch_size,
        "final_loss": round(loss, 6),
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="PyTorch reference throughput for `fedshield bench engine`.")
    ap.add_argument("--epochs", type=int, default=5, help="timed epochs per workload (default 5)")
    ap.add_argument("--workloads", default=",".join(WORKLOADS),
                    help=f"comma-separated subset of {','.join(WORKLOADS)} (default: all)")
    ap.add_argument("--seed", type=int, default=42, help="seed for data, init and shuffling (default 42)")
    ap.add_argument("--warmup", type=int, default=1, help="untimed warm-up epochs (default 1)")
    ap.add_argument("--samples", type=int, default=SAMPLES, help=f"samples per epoch (default {SAMPLES})")
    ap.add_argument("--batch-size", type=int, default=BATCH_SIZE, help=f"mini-batch size (default {BATCH_SIZE})")
    args = ap.parse_args(argv)
    if args.epochs < 1:
        ap.error("--epochs must be >= 1")
    if args.warmup < 0 or args.samples < 1 or args.batch_size < 1:
        ap.error("--warmup must be >= 0, --samples and --batch-size >= 1")
    names = [w.strip() for w in args.workloads.split(",") if w.strip()]
    for w in names:
        if w not in WORKLOADS:
            ap.error(f"unknown workload {w!r}; expected a subset of {','.join(WORKLOADS)}")
    if not names:
        ap.error("--workloads is empty")

    torch.set_num_threads(1)
    try:
        torch.set_num_interop_threads(1)
    except RuntimeError:
        pass  # already set (only possible once per process)

    results = [bench(w, args.epochs, args.seed, args.warmup, args.samples, args.batch_size) for w in names]
    print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(), "workloads": results}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
