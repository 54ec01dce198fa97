#!/usr/bin/python3
"""PyTorch reference side of `fedshield bench aggregate`.

WHAT
    Times three robust aggregation rules written the way a researcher writes
    them in plain PyTorch, on the update set FedShield's side generated and
    wrote to a file (so both sides aggregate the same numbers):

    median        torch.median(x, dim=0).values. For an even number of
                  updates torch returns the LOWER of the two middle values,
                  while FedShield (like numpy.median) returns their mean; so
                  the script also times the like-for-like midpoint
                  (torch.kthvalue of ranks n/2 and n/2 + 1, averaged) and
                  reports both ("median_midpoint").
    trimmed-mean  torch.sort(x, dim=0), drop k = floor(beta * n) rows at each
                  end, mean over dim 0.
    multi-krum    torch.cdist(x, x) squared, diagonal set to +inf, Krum score
                  = sum of the n - f - 2 smallest distances of each row
                  (torch.topk), the m = n - f lowest scores
                  (torch.argsort) averaged with their sample counts as weights.

SETTINGS
    data       --data FILE: n * d little-endian float32 values, row-major
               (update i is values [i*d, (i+1)*d)), no header; --n, --d
    weights    --counts "c0,c1,...": the updates' sample counts
    rules      --beta (trimmed mean, default 0.1), --f (multi-krum's f)
    threads    --threads T: torch.set_num_threads(T) (FedShield passes its
               core count, so both sides use every core)
    timing     one untimed warm-up call per rule, then --repeat calls timed
               with time.perf_counter; the median is reported

OUTPUT
    One JSON line on stdout, e.g.
    {"torch": "1.13.0a0", "threads": 2, "n": 100, "d": 100000,
     "methods": [{"method": "median", "ms": 116.4, "times_ms": [...]}, ...],
     "multi_krum_selected": [0, 1, ...]}
    and, with --out DIR, each rule's result as DIR/<method>.f32 (d float32).

USAGE
    /usr/bin/python3 tools/pytorch/bench_aggregate.py --data x.f32 --n 100 \
        --d 100000 --counts 1,2,... --f 20 --beta 0.1 --repeat 5 --threads 2
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import sys
import time

import torch


def median_lower(x):
    return torch.median(x, dim=0).values


def median_midpoint(x):
    n = x.shape[0]
    if n % 2 == 1:
        return torch.median(x, dim=0).values
    lo = torch.kthvalue(x, n // 2, dim=0).values
    hi = torch.kthvalue(x, n // 2 + 1, dim=0).values
    return (lo.double() + hi.double()).div_(2).float()


def trimmed_mean(x, k):
    n = x.shape[0]
    s = torch.sort(x, dim=0).values
    return s[k:n - k].mean(dim=0)


def multi_krum(x, counts, f, m):
    n = x.shape[0]
    d2 = torch.cdist(x, x).pow_(2)
    d2.fill_diagonal_(float("inf"))
    scores = torch.topk(d2, n - f - 2, dim=1, largest=False).values.sum(dim=1)
    chosen = torch.argsort(scores)[:m]
    w = counts[chosen]
    return (x[chosen] * w[:, None]).sum(dim=0) / w.sum(), chosen


def timed(fn, repeat):
    result = fn()  # warm-up, not timed
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t0) * 1000.0)
    return result, times


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="PyTorch reference times for `fedshield bench aggregate`.")
    ap.add_argument("--data", required=True)
    ap.add_argument("--n", type=int, required=True)
    ap.add_argument("--d", type=int, required=True)
    ap.add_argument("--counts", required=True, help="comma-separated sample counts, one per update")
    ap.add_argument("--f", type=int, required=True, help="multi-krum's f")
    ap.add_argument("--beta", type=float, default=0.1)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--threads", type=int, default=0)
    ap.add_argument("--out", default=None, help="directory for the results (<method>.f32)")
    args = ap.parse_args(argv)
    n, d = args.n, args.d
    counts = [float(c) for c in args.counts.split(",")]
    if n < 1 or d < 1 or args.repeat < 1 or len(counts) != n:
        ap.error("--n, --d and --repeat must be >= 1 and --counts must hold n values")
    if n <= 2 * args.f + 2:
        ap.error("multi-krum needs n > 2f + 2")
    if os.path.getsize(args.data) != 4 * n * d:
        ap.error(f"{args.data} holds {os.path.getsize(args.data)} bytes, expected 4 * n * d = {4 * n * d}")
    if args.threads > 0:
        torch.set_num_threads(args.threads)

    x = torch.from_file(args.data, shared=False, size=n * d, dtype=torch.float32).view(n, d)
    w = torch.tensor(counts, dtype=torch.float32)
    k = int(math.floor(args.beta * n + 1e-9))
    m = n - args.f

    methods = []
    outputs = {}
    with torch.no_grad():
        for name, fn in [
            ("median", lambda: median_lower(x)),
            ("median_midpoint", lambda: median_midpoint(x)),
            ("trimmed-mean", lambda: trimmed_mean(x, k)),
            ("multi-krum", lambda: multi_krum(x, w, args.f, m)),
        ]:
            result, times = timed(fn, args.repeat)
            methods.append({"method": name, "ms": round(statistics.median(times), 3), "times_ms": [round(t, 3) for t in times]})
            outputs[name] = result

    selected = sorted(int(i) for i in outputs["multi-krum"][1])
    outputs["multi-krum"] = outputs["multi-krum"][0]
    if args.out:
        for name, t in outputs.items():
            t.contiguous().numpy().astype("<f4").tofile(os.path.join(args.out, name + ".f32"))

    print(json.dumps({
        "torch": torch.__version__, "threads": torch.get_num_threads(), "n": n, "d": d,
        "f": args.f, "k": k, "m": m, "repeat": args.repeat, "methods": methods,
        "multi_krum_selected": selected,
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
