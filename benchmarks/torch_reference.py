#!/usr/bin/python3
"""The PyTorch and numpy side of benchmarks/compare.sh.

Defines the same workloads as DeepImaging.Benchmarks/Workloads.cs (the names are the join key, and each
workload describes its own objects in the same words, so compare.py can check that both sides do the same
work) and times them with the same policy as Timing.cs: warm up for at least 100 calls and 1 s, then time
single calls until at least --runs calls and 1 s have passed, and take the median.

  /usr/bin/python3 torch_reference.py torch --threads 1 --tsv torch1.tsv
  /usr/bin/python3 torch_reference.py numpy --tsv numpy1.tsv       (threads: OPENBLAS_NUM_THREADS)

Needs Debian's /usr/bin/python3 (apt-get install python3-torch python3-numpy libopenblas0-pthread);
the pyenv python3 on PATH has neither.
"""
import argparse
import statistics
import sys
import time

WARMUP_CALLS, WARMUP_SECONDS, TIMED_SECONDS, MAX_RUNS = 100, 1.0, 1.0, 5000


def measure(fn, runs):
    """Sorted times in ms of single calls of fn, after the warm-up (the policy of Timing.cs)."""
    start, i = time.perf_counter(), 0
    while i < WARMUP_CALLS or time.perf_counter() - start < WARMUP_SECONDS:
        fn()
        i += 1
    times, timed = [], time.perf_counter()
    while len(times) < MAX_RUNS and (len(times) < runs or time.perf_counter() - timed < TIMED_SECONDS):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1e3)
    return sorted(times)


def shape(t):
    """A shape written as DeepImaging's Tensor.ShapeString writes it: [32, 1, 16, 16]."""
    return "[" + ", ".join(str(d) for d in t.shape) + "]"


def torch_workloads():
    """(name, prepare) pairs; prepare() builds the inputs and returns (step, work description)."""
    import torch
    import torch.nn.functional as F
    from torch import nn

    def conv_inputs(x, w):
        return torch.randn(x), torch.randn(w) * 0.1, torch.randn(w[0])

    def describe_conv(x, w, b, stride, padding):
        return f"conv2d {shape(x)} weight {shape(w)} bias {shape(b)} stride {stride} padding {padding}"

    def conv_forward(x_shape, w_shape, padding, stride=1):
        def prepare():
            x, w, b = conv_inputs(x_shape, w_shape)
            step = lambda: F.conv2d(x, w, b, stride=stride, padding=padding)
            return step, f"{describe_conv(x, w, b, stride, padding)} -> {shape(step())}"
        return prepare

    batch = ((32, 16, 32, 32), (32, 16, 3, 3), 1)

    def conv_backward():
        x, w, b = conv_inputs(batch[0], batch[1])
        x.requires_grad_()
        w.requires_grad_()  # the bias takes part in the forward pass but gets no gradient
        output = F.conv2d(x, w, b, stride=1, padding=batch[2])
        gradient = torch.randn(output.shape)

        def step():
            x.grad = w.grad = None
            output.backward(gradient, retain_graph=True)  # the graph is built once, outside the timed step
        step()
        return step, (f"{describe_conv(x, w, b, 1, batch[2])} -> {shape(output)}; "
                      f"gradients {shape(x.grad)} {shape(w.grad)}")

    def training_step(model, optimizer, inputs, labels):
        loss = nn.CrossEntropyLoss()
        with torch.no_grad():
            output = shape(model(inputs))
        lr = optimizer.param_groups[0]["lr"]
        work = (" ".join(type(layer).__name__ for layer in model)
                + "; parameters " + " ".join(shape(p) for p in model.parameters())
                + f"; input {shape(inputs)} -> {output}; {type(loss).__name__}; {type(optimizer).__name__} lr {lr}")

        def step():
            optimizer.zero_grad(set_to_none=True)  # DeepImaging's ZeroGrad sets the gradients to null
            loss(model(inputs), labels).backward()
            optimizer.step()
        return step, work

    def labels(count, classes):
        return torch.randint(0, classes, (count,), generator=torch.Generator().manual_seed(5))

    def lenet():
        # LeNet-5 as it is usually adapted to 28 x 28 digits: padding 2 keeps the first layer at 28 x 28.
        model = nn.Sequential(
            nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2),
            nn.Flatten(),
            nn.Linear(16 * 5 * 5, 120), nn.ReLU(),
            nn.Linear(120, 84), nn.ReLU(),
            nn.Linear(84, 10))
        return training_step(model, torch.optim.SGD(model.parameters(), lr=0.01), torch.rand(64, 1, 28, 28), labels(64, 10))

    def cnn():
        # Notebook 05 (05-screening-cnn.ipynb): 16 x 16 greyscale patches, lesion or not, Adam(lr 0.003), batch 32.
        model = nn.Sequential(
            nn.Conv2d(1, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Flatten(), nn.Linear(16 * 4 * 4, 2))
        return training_step(model, torch.optim.Adam(model.parameters(), lr=0.003), torch.rand(32, 1, 16, 16), labels(32, 2))

    def mlp():
        # The notes' 2-4-2 network on their four labelled people P1-P4 (height and weight, min-max normalised; 1 = M).
        model = nn.Sequential(nn.Linear(2, 4), nn.Tanh(), nn.Linear(4, 2))
        people = torch.tensor([[0.625, 0.875], [0.0, 0.0], [0.25, 0.375], [1.0, 1.0]])
        return training_step(model, torch.optim.SGD(model.parameters(), lr=0.1), people, torch.tensor([1, 0, 1, 1]))

    return [
        ("conv2d-forward-single", conv_forward((1, 1, 256, 256), (1, 1, 3, 3), 1)),
        ("conv2d-forward-batch", conv_forward(*batch)),
        ("conv2d-forward-strided", conv_forward((8, 16, 32, 32), (32, 16, 3, 3), 1, stride=2)),
        ("conv2d-backward", conv_backward),
        ("lenet-step", lenet),
        ("cnn-step", cnn),
        ("mlp-tiny-step", mlp),
    ]


def numpy_workloads():
    import numpy as np

    def sgemm():
        rng = np.random.default_rng(1)
        a = rng.random((1024, 1024), dtype=np.float32)
        b = rng.random((1024, 1024), dtype=np.float32)
        return (lambda: a @ b), f"matmul {shape(a)} x {shape(b)} -> {shape(a @ b)}"
    return [("sgemm-1024", sgemm)]


def run(workloads, runs, tsv, header, name_filter):
    print(header)
    print(f"{'workload':<24} {'median ms':>10} {'runs':>5}")
    lines = [f"# {header}", "name\tms\truns\twork"]
    for name, prepare in workloads:
        if name_filter and not any(part.strip().lower() in name.lower() for part in name_filter.split(",")):
            continue
        step, work = prepare()
        times = measure(step, runs)
        ms = statistics.median(times)
        print(f"{name:<24} {ms:10.3f} {len(times):5d}")
        lines.append(f"{name}\t{ms:.4f}\t{len(times)}\t{work}")
    if tsv:
        with open(tsv, "w") as f:
            f.write("\n".join(lines) + "\n")


def cpu_capability(torch):
    """The SIMD level PyTorch dispatches to, e.g. "CPU capability usage: AVX2"."""
    return next((line.strip() for line in torch.__config__.show().splitlines() if "CPU capability" in line), "")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=["torch", "numpy"])
    parser.add_argument("--threads", type=int, default=1, help="torch.set_num_threads (torch mode)")
    parser.add_argument("--runs", type=int, default=21, help="least number of timed calls per workload")
    parser.add_argument("--filter", help="only workloads whose name contains this (or one of several, comma-separated)")
    parser.add_argument("--tsv")
    args = parser.parse_args()
    if args.mode == "torch":
        import torch
        torch.set_num_threads(args.threads)
        header = f"PyTorch {torch.__version__}, {torch.get_num_threads()} thread(s), {cpu_capability(torch)}"
        run(torch_workloads(), args.runs, args.tsv, header, args.filter)
    else:
        import numpy as np
        run(numpy_workloads(), args.runs, args.tsv, f"numpy {np.__version__}, OpenBLAS SGEMM", args.filter)


if __name__ == "__main__":
    sys.exit(main())
