#!/usr/bin/env bash
# Issue 14's side-by-side measurement, in one invocation: our workloads (DeepImaging.Benchmarks --quick) and the
# PyTorch / numpy references (torch_reference.py), each on 1 and 2 threads with the same measuring policy, joined
# by compare.py into artifacts/bench/compare.json (and details.json: our 2-thread/1-thread ratio, allocations, ...).
#
#   benchmarks/compare.sh [--runs N] [--filter TEXT] [--avx2] [--notebook] [--out-dir DIR]
#
#   --runs N      least number of timed calls per workload (default 21; short workloads get more, for 1 s)
#   --filter TEXT only the workloads whose name contains TEXT (or one of TEXT1,TEXT2,...)
#   --avx2        also time both sides as an AVX2-only machine runs them: ours with AVX-512 switched off
#                 (DOTNET_EnableAVX512=0), PyTorch's oneDNN with ONEDNN_MAX_CPU_ISA=AVX2, OpenBLAS as Haswell
#   --notebook    also run notebook 05 end to end on one core and measure its kernel's peak memory
#   --out-dir DIR where compare.json, details.json and the raw measurements go (default artifacts/bench)
#
# Needs Debian's /usr/bin/python3 with torch and numpy (apt-get install python3-torch python3-numpy
# libopenblas0-pthread). Takes about 5 minutes on an idle 2-core machine, plus about 1-2 minutes per option.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/.." && pwd)"
python=/usr/bin/python3
runs=21 filter="" avx2=0 notebook=0 out_dir="$repo/artifacts/bench"
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) runs="$2"; shift 2 ;;
        --filter) filter="$2"; shift 2 ;;
        --avx2) avx2=1; shift ;;
        --notebook) notebook=1; shift ;;
        --out-dir) out_dir="$(mkdir -p "$2" && cd "$2" && pwd)"; shift 2 ;;
        -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "compare.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    esac
done
"$python" -c 'import torch, numpy' 2>/dev/null || {
    echo "compare.sh: $python has no torch or numpy; apt-get install python3-torch python3-numpy libopenblas0-pthread" >&2; exit 2; }

raw="$out_dir/raw"
rm -rf "$raw"
mkdir -p "$raw"
# The benchmark's own bin/obj (under artifacts/, which git ignores), so a build here never races an IDE's build.
export DEEPIMAGING_BUILD_ROOT="${DEEPIMAGING_BUILD_ROOT:-$out_dir/build}"
# A failed build says why (its output is kept only then).
build() {
    local log; log="$(mktemp)"
    if ! "$@" >"$log" 2>&1; then cat "$log" >&2; rm -f "$log"; echo "compare.sh: the build failed: $*" >&2; exit 1; fi
    rm -f "$log"
}
build dotnet build -c Release "$here/DeepImaging.Benchmarks" -v quiet -nologo
ours_dll="$DEEPIMAGING_BUILD_ROOT/bin/DeepImaging.Benchmarks/release/DeepImaging.Benchmarks.dll"

machine="$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), AVX-512: $(grep -q avx512f /proc/cpuinfo && echo yes || echo no)"
echo "machine: $machine"

# Each phase notes the load average first: the machine may be shared, and a busy machine slows everything.
phase() {
    local name="$1"; shift
    printf '%s\t%s\n' "$name" "$(cut -d' ' -f1-3 /proc/loadavg)" >> "$raw/loads.tsv"
    echo "== $name (load $(cut -d' ' -f1-3 /proc/loadavg))"
    "$@"
}
# The workloads (the names are the join key with torch_reference.py), narrowed by --filter as both programs narrow them.
workloads=(sgemm-1024 conv2d-forward-single conv2d-forward-batch conv2d-forward-strided conv2d-backward lenet-step cnn-step mlp-tiny-step)
chosen=()
IFS=, read -ra parts <<< "${filter,,}"
for w in "${workloads[@]}"; do
    [ ${#parts[@]} -eq 0 ] && { chosen+=("$w"); continue; }
    for p in "${parts[@]}"; do
        p="${p// /}"
        if [ -n "$p" ] && [[ "$w" == *"$p"* ]]; then chosen+=("$w"); break; fi
    done
done
[ ${#chosen[@]} -gt 0 ] || { echo "compare.sh: no workload matches --filter '$filter'" >&2; exit 2; }

# Adds one measurement file to another: the first part keeps its comment and header lines, later parts add their rows.
append() {
    if [ -s "$2" ]; then grep -v '^#' "$1" | tail -n +2 >> "$2"; else cat "$1" > "$2"; fi
    rm -f "$1"
}

# One thread: pinned to one core, so .NET sees one processor (Parallel.For then runs inline) and PyTorch's and
# OpenBLAS's threads have one core too. Two threads: both cores. PyTorch's thread count is torch.set_num_threads;
# Debian's torch sends matrix products to the system OpenBLAS, which keeps its own count: OPENBLAS_NUM_THREADS.
# OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE, if set, pin OpenBLAS to a slower kernel: removed for these commands only.
# Interleaved: each workload is measured on our side and then on the reference's, one right after the other, so both
# see the same machine (a shared virtual machine's speed drifts by tens of percent over minutes, on both sides alike).
cores=([1]=0 [2]=0,1)
for t in 1 2; do
    for w in "${chosen[@]}"; do
        phase "deepimaging-$t $w" taskset -c "${cores[$t]}" dotnet "$ours_dll" --quick --runs "$runs" --filter "$w" --tsv "$raw/part.tsv"
        append "$raw/part.tsv" "$raw/ours$t.tsv"
        if [ "$w" = sgemm-1024 ]; then reference=numpy file=numpy$t; else reference=torch file=torch$t; fi
        phase "$reference-$t $w" taskset -c "${cores[$t]}" env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=$t \
            "$python" "$here/torch_reference.py" "$reference" --threads "$t" --runs "$runs" --filter "$w" --tsv "$raw/part.tsv"
        append "$raw/part.tsv" "$raw/$file.tsv"
        if [ "$avx2" = 1 ]; then
            phase "deepimaging-avx2-$t $w" env DOTNET_EnableAVX512=0 DOTNET_EnableAVX512F=0 taskset -c "${cores[$t]}" \
                dotnet "$ours_dll" --quick --runs "$runs" --filter "$w" --tsv "$raw/part.tsv"
            append "$raw/part.tsv" "$raw/ours-avx2-$t.tsv"
            # PyTorch's ATen dispatch says AVX2 either way, but its oneDNN convolutions use AVX-512 unless told not to.
            phase "$reference-avx2-$t $w" taskset -c "${cores[$t]}" env -u OPENBLAS_L2_SIZE OPENBLAS_CORETYPE=Haswell \
                ONEDNN_MAX_CPU_ISA=AVX2 OPENBLAS_NUM_THREADS=$t \
                "$python" "$here/torch_reference.py" "$reference" --threads "$t" --runs "$runs" --filter "$w" --tsv "$raw/part.tsv"
            append "$raw/part.tsv" "$raw/$reference-avx2-$t.tsv"
        fi
    done
done

if [ "$notebook" = 1 ]; then
    # The command a student or CI runs, on one core. Built first (untimed), so the timed run only checks that the build is
    # up to date (and the kernel restores the extension package that build made).
    (cd "$repo" && build env -u DEEPIMAGING_BUILD_ROOT dotnet build src/DeepImaging.Notebooks -v quiet -nologo)
    site="$(mktemp -d)"
    (cd "$repo" && phase "notebook05" env -u DEEPIMAGING_BUILD_ROOT "$python" "$here/compare.py" notebook --json "$raw/notebook05.json" -- \
        taskset -c 0 dotnet run --project src/DeepImaging.Notebooks -- run notebooks/05-screening-cnn.ipynb --out "$site")
    rm -rf "$site"
fi

printf '%s\t%s\n' "end" "$(cut -d' ' -f1-3 /proc/loadavg)" >> "$raw/loads.tsv"
"$python" "$here/compare.py" join "$raw" --out-dir "$out_dir" --machine "$machine"
echo "wrote $out_dir/compare.json and $out_dir/details.json"
