#!/usr/bin/python3
"""PyTorch reference side of `fedshield bench round`.

WHAT
    Times one FedAvg round written the way a researcher would write it in plain
    PyTorch: for each selected client, load the global weights into a model,
    train it locally, and accumulate the sample-weighted average of the
    clients' weights; the average becomes the new global model.

SETTINGS (the same as FedShield's side; nothing is tuned per engine)
    model       MnistCnn (tools/pytorch/common.py), mean cross-entropy loss
    clients     --clients (default 50), each with --samples (default 600)
                synthetic MNIST-shaped samples: inputs (1, 28, 28) ~ N(0, 1),
                labels uniform in 0..9, generated once before timing
    local       --epochs (default 3) epochs, mini-batches of --batch-size
                (default 64) in a fresh random permutation per epoch, the last
                partial batch included; a fresh SGD(lr=--lr, momentum=0.9) per
                client per round (FedAvg keeps no optimizer state)
    threads     PyTorch's default intra-op thread count (all cores), unless
                --threads is given
    timing      one untimed warm-up client first; then --rounds rounds are
                timed with time.perf_counter and the mean is reported

OUTPUT
    One JSON line on stdout, e.g.
    {"torch": "1.13.0a0", "threads": 2, "round_s": 9.87, "rounds": 1,
     "clients": 50, "samples": 600, "epochs": 3, "batch_size": 64,
     "final_loss": 2.29}

USAGE
    /usr/bin/python3 tools/pytorch/bench_round.py [--clients 50] [--rounds 1]
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
from bench_reference import run_epoch  # noqa: E402
from common import make_model  # noqa: E402


def train_client(model, x, y, gen, epochs: int, batch_size: int, lr: float) -> float:
    """Local training of one client: a fresh SGD, `epochs` shuffled epochs (bench_reference's loop)."""
    crit = nn.CrossEntropyLoss()
    opt = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9)
    losses = [run_epoch(model, opt, crit, x, y, gen, batch_size) for _ in range(epochs)]
    return sum(losses) / epochs


def fedavg_round(global_state, model, data, gen, epochs, batch_size, lr):
    """One round: every client trains from the global state; returns the weighted average state."""
    acc = {k: torch.zeros_like(v, dtype=torch.float64) for k, v in global_state.items()}
    total = 0
    loss = float("nan")
    for x, y in data:
        model.load_state_dict(global_state)
        loss = train_client(model, x, y, gen, epochs, batch_size, lr)
        n = x.shape[0]
        with torch.no_grad():
            for k, v in model.state_dict().items():
                acc[k] += n * v.to(torch.float64)
        total += n
    return {k: (v / total).to(torch.float32) for k, v in acc.items()}, loss


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="PyTorch reference round time for `fedshield bench round`.")
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--samples", type=int, default=600)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--lr", type=float, default=0.01)
    ap.add_argument("--rounds", type=int, default=1, help="timed rounds (default 1)")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--threads", type=int, default=0, help="intra-op threads (default: PyTorch's default)")
    args = ap.parse_args(argv)
    if min(args.clients, args.samples, args.epochs, args.batch_size, args.rounds) < 1:
        ap.error("--clients, --samples, --epochs, --batch-size and --rounds must be >= 1")
    if args.threads > 0:
        torch.set_num_threads(args.threads)

    gen = torch.Generator().manual_seed(args.seed)
    torch.manual_seed(args.seed)
    model = make_model("mnist-cnn")
    data = [(torch.randn(args.samples, 1, 28, 28, generator=gen), torch.randint(0, 10, (args.samples,), generator=gen))
            for _ in range(args.clients)]
    global_state = {k: v.clone() for k, v in model.state_dict().items()}

    model.load_state_dict(global_state)  # warm-up, not timed
    train_client(model, data[0][0], data[0][1], gen, 1, args.batch_size, args.lr)

    t0 = time.perf_counter()
    loss = float("nan")
    for _ in range(args.rounds):
        global_state, loss = fedavg_round(global_state, model, data, gen, args.epochs, args.batch_size, args.lr)
    seconds = (time.perf_counter() - t0) / args.rounds

    print(json.dumps({
        "torch": torch.__version__, "threads": torch.get_num_threads(), "round_s": round(seconds, 4),
        "rounds": args.rounds, "clients": args.clients, "samples": args.samples, "epochs": args.epochs,
        "batch_size": args.batch_size, "final_loss": round(loss, 6),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
