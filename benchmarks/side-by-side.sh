#!/usr/bin/env bash
# Times the same workloads in DeepImaging (the --quick Stopwatch mode of DeepImaging.Benchmarks),
# PyTorch 1.13 and numpy/OpenBLAS, each on 1 and on 2 threads, and prints them as one table.
#   benchmarks/side-by-side.sh            (RUNS=25 benchmarks/side-by-side.sh for more timed runs)
# Needs Debian's /usr/bin/python3 with torch and numpy. See benchmarks/README.md.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
python=/usr/bin/python3
runs="${RUNS:-15}"
out="$(mktemp -d)"
export DEEPIMAGING_BUILD_ROOT="${DEEPIMAGING_BUILD_ROOT:-/tmp/build-benchmarks}"

dotnet build -c Release "$here/DeepImaging.Benchmarks" -v quiet -nologo >/dev/null

echo "date:    $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine: $(nproc) cores,$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2), AVX-512: $(grep -q avx512f /proc/cpuinfo && echo yes || echo no)"
echo "load:    $(uptime)"
ours=(dotnet run -c Release --no-build --project "$here/DeepImaging.Benchmarks" -- --quick --runs "$runs")
# One thread: pin the process to one core (.NET then sees one processor and Parallel.For runs there).
taskset -c 0 "${ours[@]}" --tsv "$out/ours1.tsv"
"${ours[@]}" --tsv "$out/ours2.tsv"

# Debian's PyTorch does its matrix products through the system BLAS (OpenBLAS), which keeps its own thread
# count, so OPENBLAS_NUM_THREADS is set to match torch.set_num_threads. OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE,
# if set in the environment, pin OpenBLAS to a slower kernel or cache size: they are removed for these commands only.
blas=(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE)
"${blas[@]}" OPENBLAS_NUM_THREADS=1 "$python" "$here/torch_reference.py" torch --threads 1 --runs "$runs" --tsv "$out/torch1.tsv"
"${blas[@]}" OPENBLAS_NUM_THREADS=2 "$python" "$here/torch_reference.py" torch --threads 2 --runs "$runs" --tsv "$out/torch2.tsv"
# numpy's matmul is OpenBLAS SGEMM, the near-peak reference.
"${blas[@]}" OPENBLAS_NUM_THREADS=1 "$python" "$here/torch_reference.py" numpy --runs "$runs" --tsv "$out/numpy1.tsv"
"${blas[@]}" OPENBLAS_NUM_THREADS=2 "$python" "$here/torch_reference.py" numpy --runs "$runs" --tsv "$out/numpy2.tsv"

echo "load after: $(uptime)"
"$python" "$here/torch_reference.py" table \
    "DeepImaging 1 thr=$out/ours1.tsv" "DeepImaging 2 thr=$out/ours2.tsv" \
    "PyTorch 1 thr=$out/torch1.tsv" "PyTorch 2 thr=$out/torch2.tsv" \
    "numpy 1 thr=$out/numpy1.tsv" "numpy 2 thr=$out/numpy2.tsv"
rm -r "$out"
