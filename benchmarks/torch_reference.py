#!/usr/bin/python3
"""PyTorch / numpy side of benchmarks/side-by-side.sh.

Times the same workloads as DeepImaging.Benchmarks (see Workloads.cs; the names are the join key)
with the same policy: about 0.3 s of warm-up, then the median of --runs timed calls.

  /usr/bin/python3 torch_reference.py torch --threads 1 --tsv torch1.tsv
  /usr/bin/python3 torch_reference.py numpy --tsv numpy.tsv          (threads: OPENBLAS_NUM_THREADS)
  /usr/bin/python3 torch_reference.py table "DeepImaging 1 thr=ours1.tsv" "PyTorch 1 thr=torch1.tsv" ...

Needs Debian's /usr/bin/python3 (torch 1.13, numpy); the pyenv python3 on PATH has neither.
"""
import argparse
import statistics
import sys
import time

CONV_SHAPES = [  # (input [N,C,H,W], weight [O,C,kH,kW], padding, stride), as in Workloads.ConvShapes
    ((32, 1, 28, 28), (8, 1, 3, 3), 1, 1),
    ((16, 3, 64, 64), (16, 3, 3, 3), 1, 1),
    ((8, 16, 32, 32), (32, 16, 3, 3), 1, 2),
    ((1, 1, 256, 256), (1, 1, 3, 3), 1, 1),
]
BACKWARD_SHAPE = CONV_SHAPES[1]
MATMUL_SIZES = [256, 512, 1024]


def conv_name(shape):
    x, w, p, s = shape
    name = f"conv [{','.join(map(str, x))}]*[{','.join(map(str, w))}] p{p}"
    return name if s == 1 else name + f" s{s}"


def conv_flops(shape):
    x, w, p, s = shape
    oh, ow = (x[2] + 2 * p - w[2]) // s + 1, (x[3] + 2 * p - w[3]) // s + 1
    return 2.0 * x[0] * w[0] * oh * ow * w[1] * w[2] * w[3]


def median_ms(fn, runs):
    start = time.perf_counter()
    i = 0
    while i < 3 or time.perf_counter() - start < 0.3:  # warm-up: allocator, oneDNN primitive caches
        fn()
        i += 1
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(times)


def torch_workloads():
    import torch
    import torch.nn.functional as F
    from torch import nn

    for n in MATMUL_SIZES:
        a, b = torch.rand(n, n), torch.rand(n, n)
        yield f"matmul {n}", 2.0 * n ** 3, lambda a=a, b=b: torch.mm(a, b)

    for shape in CONV_SHAPES:
        x, w, p, s = shape
        xt, wt, bt = torch.randn(x), torch.randn(w) * 0.1, torch.randn(w[0])
        yield conv_name(shape), conv_flops(shape), (
            lambda xt=xt, wt=wt, bt=bt, p=p, s=s: F.conv2d(xt, wt, bt, stride=s, padding=p))

    x, w, p, s = BACKWARD_SHAPE
    xt = torch.randn(x).requires_grad_()
    wt = (torch.randn(w) * 0.1).requires_grad_()
    bt = torch.randn(w[0]).requires_grad_()
    gradient = torch.ones_like(F.conv2d(xt, wt, bt, stride=s, padding=p))

    def conv_fwd_bwd():
        xt.grad = wt.grad = bt.grad = None
        F.conv2d(xt, wt, bt, stride=s, padding=p).backward(gradient)
    yield conv_name(BACKWARD_SHAPE) + " fwd+bwd", 3 * conv_flops(BACKWARD_SHAPE), conv_fwd_bwd

    model = nn.Sequential(
        nn.Conv2d(1, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(16 * 4 * 4, 10))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
    loss_fn = nn.CrossEntropyLoss()
    images, labels = torch.rand(32, 1, 16, 16), torch.randint(0, 10, (32,))

    def train_step():
        optimizer.zero_grad()
        loss_fn(model(images), labels).backward()
        optimizer.step()
    forward = (conv_flops(((32, 1, 16, 16), (8, 1, 3, 3), 1, 1))
               + conv_flops(((32, 8, 8, 8), (16, 8, 3, 3), 1, 1)) + 2.0 * 32 * 256 * 10)
    yield "train step cnn [32,1,16,16]", 3 * forward, train_step


def numpy_workloads():
    import numpy as np
    rng = np.random.default_rng(1)
    for n in MATMUL_SIZES:
        a = rng.random((n, n), dtype=np.float32)
        b = rng.random((n, n), dtype=np.float32)
        yield f"matmul {n}", 2.0 * n ** 3, lambda a=a, b=b: a @ b


def measure(workloads, runs, tsv, header):
    print(header)
    lines = ["name\tms\tgflops"]
    for name, flops, fn in workloads:
        ms = median_ms(fn, runs)
        print(f"{name:<42} {ms:10.3f} {flops / (ms * 1e6):9.1f}")
        lines.append(f"{name}\t{ms:.4f}\t{flops / (ms * 1e6):.2f}")
    if tsv:
        with open(tsv, "w") as f:
            f.write("\n".join(lines) + "\n")


def table(columns):
    """Joins several TSV files (label=path) into two markdown tables: median ms, and GFLOP/s."""
    labels, results, names = [], [], []
    for column in columns:
        label, path = column.split("=", 1)
        rows = {}
        with open(path) as f:
            next(f)
            for line in f:
                name, ms, gflops = line.rstrip("\n").split("\t")
                rows[name] = (float(ms), float(gflops))
                if name not in names:
                    names.append(name)
        labels.append(label)
        results.append(rows)
    for title, index, fmt in (("median ms (lower is better)", 0, "{:.3f}"), ("GFLOP/s (higher is better)", 1, "{:.1f}")):
        print(f"\n{title}\n")
        print("| workload | " + " | ".join(labels) + " |")
        print("|---|" + "---:|" * len(labels))
        for name in names:
            cells = [fmt.format(r[name][index]) if name in r else "" for r in results]
            print(f"| {name} | " + " | ".join(cells) + " |")


def cpu_capability(torch):
    """The SIMD level PyTorch dispatches to, e.g. "CPU capability usage: AVX2"."""
    return next((line.strip() for line in torch.__config__.show().splitlines() if "CPU capability" in line), "")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=["torch", "numpy", "table"])
    parser.add_argument("columns", nargs="*", help="table mode: label=path.tsv")
    parser.add_argument("--threads", type=int, default=1, help="torch.set_num_threads (torch mode)")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--tsv")
    args = parser.parse_args()
    if args.mode == "table":
        table(args.columns)
    elif args.mode == "torch":
        import torch
        torch.set_num_threads(args.threads)
        measure(torch_workloads(), args.runs, args.tsv,
                f"PyTorch {torch.__version__}, {torch.get_num_threads()} thread(s), {cpu_capability(torch)}")
    else:
        import numpy as np
        measure(numpy_workloads(), args.runs, args.tsv, f"numpy {np.__version__} @ (OpenBLAS SGEMM)")


if __name__ == "__main__":
    sys.exit(main())
