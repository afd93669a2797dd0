#!/usr/bin/python3
"""Where the time of a workload goes: samples one DeepImaging workload with perf and sorts the samples by operation.

  benchmarks/profile.py cnn-step lenet-step [--seconds 10] [--threads 1] [--avx2] [--out-dir artifacts/bench/profile]

For each workload it starts `DeepImaging.Benchmarks --profile NAME` (pinned to one core for --threads 1), waits until
the warm-up is over (JIT tiering done, pools filled), then records 999 samples a second of every thread of that process
with `perf record -e cpu-clock -g` (a software clock: it works in VMs without hardware counters). The JIT writes
/tmp/perf-PID.map (DOTNET_PerfMapEnabled=1) so perf can name managed frames; DOTNET_EnableWriteXorExecute=0 keeps
JIT code at the addresses that map names; DOTNET_TieredPGO=0 keeps delegates (Parallel.For bodies, Map's functions)
from being inlined into their callers, so each keeps its own name (--pgo to keep it on; the loop's time per call is
printed either way). Each sample goes to the first operation found walking its stack from the
innermost frame outwards (so memmove called by im2col counts as im2col, and the GC's memset as GC); anything in the
runtime itself (libcoreclr: garbage collection, allocation, type checks) is "GC and runtime", kernel page faults
(first touch of freshly allocated memory) are their own line. The JIT's background thread (methods still being
optimised after the warm-up; on a busy machine it lags) is counted and left out of the shares. "ms of the median call"
is a share times the loop's median time per call (the median resists a busy machine; the mean does not). Writes NAME.json (the breakdown) and NAME.perf.data.

Needs linux-perf (`perf stat -e cpu-clock true` must work) and the benchmark build of compare.sh.
"""
import argparse
import collections
import json
import os
import re
import subprocess
import sys

# (operation, pattern on a managed frame's name); the first pattern that matches the innermost frame wins.
OPERATIONS = [
    ("gemm: micro-kernel (FMA)", r"GemmMicroKernel::"),
    ("gemm: packing B", r"GemmPacking::Pack(B|Shifted)"),
    ("gemm: packing A", r"GemmPacking::PackA"),
    ("gemm: edge tiles, tiny products, set-up", r"Gemm::"),
    ("direct convolution", r"DirectConvolution::"),
    ("transpose", r"Tensor::Transpose|Tensor::get_T\b|Tensor::Permute"),
    ("im2col", r"Im2Col::Unfold"),
    ("col2im", r"Im2Col::Fold"),
    ("pooling", r"<Pool>|Functional::Pool\(|MaxPool|AvgPool|Pooling::"),
    ("loss (log-softmax, cross-entropy)", r"CrossEntropy|LogSoftmax|Softmax|Loss::"),
    ("optimiser step", r"Adam::|Sgd::|Optimizer::"),
    ("conv2d glue (padding, bias, ReLU, dW sum over the batch)", r"Conv2dCore|Functional::Convolve|Functional::WeightGradient|Functional::InputGradient|ConvolutionDriver|BiasAndRelu|ChannelSums|ShiftedImage"),
    ("elementwise (ReLU/Tanh, + - * /, broadcast)", r"Tensor::Map|<Map>|Tensor::Binary|Tensor::op_|SpanMath|Functional::Relu|Functional::Tanh|Activation"),
    ("reductions (Sum, SumTo)", r"Tensor::Sum|Tensor::SumTo|Tensor::Mean|Tensor::Extreme|Tensor::ExpandTo"),
    ("matmul and linear glue", r"Tensor::MatMul|Functional::Linear"),
    ("autograd bookkeeping", r"Tensor::Backward|TopologicalOrder|AccumulateGrad|Tensor::Record|AddInPlace|Tensor::\.ctor"),
    ("layer glue (Forward, shape checks)", r"DeepImaging\.NN\.|Sequential|Module::"),
    ("threads (Parallel.For, thread pool)", r"System\.Threading|Engine\.Threads[:+]"),
]
JIT_THREAD = ".NET Tiered"  # the name perf gives the JIT's background compilation thread
RUNTIME, PAGE_FAULTS, WAITING, JIT, OTHER = (
    "GC and runtime (libcoreclr)", "page faults (first touch of fresh memory)", "threads waiting (futex, yield)",
    "JIT: background tiered compilation (warm-up left-over)", "other")


def parse_samples(script):
    """perf script text -> list of (thread name, stack), each stack a list of (symbol, dso) from the innermost frame outwards."""
    samples, stack, thread = [], None, ""
    for line in script.splitlines():
        if not line.strip():
            if stack:
                samples.append((thread, stack))
            stack = None
        elif not line.startswith(("\t", " ")):
            stack, thread = [], re.split(r"\s+\d+(/\d+)?\s+\d+\.\d+:", line)[0].strip()  # a sample's header line
        elif stack is not None:
            frame = line.strip().split(" ", 1)
            rest = frame[1] if len(frame) > 1 else ""
            m = re.match(r"(.*) \(([^()]*)\)$", rest)
            symbol, dso = (m.group(1), m.group(2)) if m else (rest, "")
            stack.append((re.sub(r"\+0x[0-9a-f]+$", "", symbol), dso))
    if stack:
        samples.append((thread, stack))
    return samples


def operation_of(thread, stack):
    if thread.startswith(JIT_THREAD):
        return JIT
    for symbol, dso in stack:
        if "kernel.kallsyms" in dso:
            if "page_fault" in symbol:
                return PAGE_FAULTS
            if re.search(r"futex|sched_yield", symbol):
                return WAITING
            continue
        if "libcoreclr" in dso or "libclrjit" in dso:
            return RUNTIME
        for name, pattern in OPERATIONS:
            if re.search(pattern, symbol):
                return name
    return OTHER


def short(symbol):
    """A managed frame's name without its signature: DeepImaging.Gemm::MicroKernel512."""
    m = re.search(r"\] ([\w.+<>`,\[\]]+::[\w.<>`]+)\(", symbol)
    return m.group(1) if m else symbol[:90]


def profile(name, args, dll):
    out = os.path.join(args.out_dir, name)
    env = dict(os.environ, DOTNET_PerfMapEnabled="1", DOTNET_EnableWriteXorExecute="0")
    if not args.pgo:
        env["DOTNET_TieredPGO"] = "0"  # see --pgo
    if args.avx2:
        env["DOTNET_EnableAVX512"] = env["DOTNET_EnableAVX512F"] = "0"  # .NET 10 reads the first, .NET 8 the second
    cores = "0" if args.threads == 1 else "0,1"
    loop = subprocess.Popen(["taskset", "-c", cores, "dotnet", dll, "--profile", name, "--seconds", str(args.seconds + 3)],
                            stdout=subprocess.PIPE, text=True, env=env)
    header = loop.stdout.readline()
    m = re.search(r"pid (\d+)", header)
    if not m:
        loop.kill()
        sys.exit(f"profile.py: the benchmark did not start its loop: {header.strip()}")
    load = open("/proc/loadavg").read().split()[:3]
    subprocess.run(["perf", "record", "-q", "-F", "999", "-e", "cpu-clock", "-g", "-p", m.group(1), "-o", out + ".perf.data",
                    "--", "sleep", str(args.seconds)], check=True, stderr=subprocess.DEVNULL)
    summary = loop.stdout.read().strip()
    loop.wait()
    script = subprocess.run(["perf", "script", "-i", out + ".perf.data"], capture_output=True, text=True).stdout
    samples = parse_samples(script)
    ms_per_call = float(re.search(r"([\d.]+) ms median per call", summary).group(1))
    by_operation = collections.Counter(operation_of(thread, stack) for thread, stack in samples)
    # The JIT's background thread is warm-up left over, not part of a step: counted, then left out of the shares.
    jit = by_operation.pop(JIT, 0)
    leaves = collections.Counter(short(s[0][0]) + ("" if "JIT" in s[0][1] or "perf-" in s[0][1] else f" ({os.path.basename(s[0][1])})")
                                 for _, s in samples if s)
    total = len(samples) - jit
    result = {
        "workload": name, "threads": args.threads, "avx2_only": args.avx2, "pgo": args.pgo, "load_before": load, "loop": summary,
        "samples": total, "jit_samples_left_out": jit, "median_ms_per_call": ms_per_call,
        "operations": [{"operation": op, "share": round(n / total, 4), "ms_per_call": round(ms_per_call * n / total, 4)}
                       for op, n in by_operation.most_common()],
        "top_frames": [{"frame": f, "share": round(n / total, 4)} for f, n in leaves.most_common(25)],
    }
    with open(out + ".json", "w") as f:
        json.dump(result, f, indent=2)
        f.write("\n")
    print(f"\n## {name}, {args.threads} thread(s){', AVX2 path' if args.avx2 else ''}{', PGO on' if args.pgo else ''} (load {' '.join(load)})\n"
          f"{summary}; {total} samples (and {jit} of the JIT's background thread, left out)\n")
    print("| operation | share | ms of the median call |\n|---|---:|---:|")
    for entry in result["operations"]:
        print(f"| {entry['operation']} | {100 * entry['share']:.1f}% | {entry['ms_per_call']:.4f} |")
    print("\ninnermost frames: " + "; ".join(f"{e['frame']} {100 * e['share']:.1f}%" for e in result["top_frames"][:12]))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("workloads", nargs="+")
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--threads", type=int, choices=[1, 2], default=1)
    parser.add_argument("--avx2", action="store_true", help="switch AVX-512 off (DOTNET_EnableAVX512=0)")
    parser.add_argument("--pgo", action="store_true",
                        help="keep dynamic PGO on; it inlines Parallel.For bodies and other delegates into their callers, "
                             "so their time shows up under the caller (off by default: DOTNET_TieredPGO=0)")
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser.add_argument("--out-dir", default=os.path.join(repo, "artifacts", "bench", "profile"))
    args = parser.parse_args()
    os.makedirs(args.out_dir, exist_ok=True)
    build_root = os.environ.get("DEEPIMAGING_BUILD_ROOT", os.path.join(repo, "artifacts", "bench", "build"))
    subprocess.run(["dotnet", "build", "-c", "Release", os.path.join(repo, "benchmarks", "DeepImaging.Benchmarks"), "-v", "quiet", "-nologo"],
                   check=True, stdout=subprocess.DEVNULL, env=dict(os.environ, DEEPIMAGING_BUILD_ROOT=build_root))
    dll = os.path.join(build_root, "bin", "DeepImaging.Benchmarks", "release", "DeepImaging.Benchmarks.dll")
    for name in args.workloads:
        profile(name, args, dll)


if __name__ == "__main__":
    sys.exit(main())
