#!/usr/bin/python3
"""Joins the measurements of benchmarks/compare.sh into artifacts/bench/compare.json, and measures a notebook run.

  compare.py join --out-dir artifacts/bench --machine "..." TSV_DIR
      reads ours1.tsv ours2.tsv (DeepImaging.Benchmarks --quick), torch1.tsv torch2.tsv numpy1.tsv numpy2.tsv
      (torch_reference.py), optionally ours-avx2-{1,2}.tsv with torch-avx2-{1,2}.tsv and numpy-avx2-{1,2}.tsv (both
      sides at 256 bits), loads.tsv and notebook05.json; checks that
      both sides describe the same work for every workload; writes compare.json (the schema of issue 14) and
      details.json (our 2-thread/1-thread ratio, allocations, garbage collections, the AVX2 path, notebook 05);
      prints the tables as markdown.
  compare.py notebook --json OUT -- COMMAND...
      runs COMMAND (e.g. taskset -c 0 dotnet run --project src/DeepImaging.Notebooks -- run notebook.ipynb --out DIR),
      measures its wall time and the peak resident memory of every process it starts, the notebook kernel among them.

Standard library only, so any python3 runs it.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import time

WORKLOADS = ["sgemm-1024", "conv2d-forward-single", "conv2d-forward-batch", "conv2d-forward-strided",
             "conv2d-backward", "lenet-step", "cnn-step", "mlp-tiny-step"]
THREADS = [1, 2]


def read_tsv(path):
    """(comment lines, {name: row dict}) of a measurement file, or ([], {}) when it does not exist."""
    if not os.path.exists(path):
        return [], {}
    comments, rows, header = [], {}, None
    with open(path) as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("#"):
                comments.append(line[1:].strip())
            elif header is None:
                header = line.split("\t")
            elif line:
                row = dict(zip(header, line.split("\t")))
                rows[row["name"]] = row
    return comments, rows


def join(args):
    d = args.tsv_dir
    ours = {t: read_tsv(os.path.join(d, f"ours{t}.tsv")) for t in THREADS}
    avx2 = {t: read_tsv(os.path.join(d, f"ours-avx2-{t}.tsv")) for t in THREADS}
    reference_avx2 = {(k, t): read_tsv(os.path.join(d, f"{'torch' if k == 'pytorch' else 'numpy'}-avx2-{t}.tsv"))
                      for k in ("pytorch", "openblas") for t in THREADS}
    reference = {("pytorch", t): read_tsv(os.path.join(d, f"torch{t}.tsv")) for t in THREADS}
    reference.update({("openblas", t): read_tsv(os.path.join(d, f"numpy{t}.tsv")) for t in THREADS})

    workloads, details, mismatches = {}, {}, []
    for name in WORKLOADS:
        kind = "openblas" if name == "sgemm-1024" else "pytorch"
        detail = {"reference": kind}
        for t in THREADS:
            mine, theirs = ours[t][1].get(name), reference[(kind, t)][1].get(name)
            if mine is None or theirs is None:
                continue  # a --filter run: only what was measured
            if mine["work"].lower() != theirs["work"].lower():
                mismatches.append(f"{name}@{t}:\n  DeepImaging: {mine['work']}\n  {kind}: {theirs['work']}")
            ours_ms, reference_ms = float(mine["ms"]), float(theirs["ms"])
            workloads[f"{name}@{t}"] = {"deepimaging_ms": round(ours_ms, 4), "reference_ms": round(reference_ms, 4),
                                        "reference": kind, "ratio": round(ours_ms / reference_ms, 3)}
            detail[str(t)] = {
                "deepimaging_ms": ours_ms, "reference_ms": reference_ms, "deepimaging_runs": int(mine["runs"]),
                "reference_runs": int(theirs["runs"]), "gflops": float(mine["gflops"]),
                "bytes_allocated_per_call": int(float(mine["bytes_per_call"])),
                "gc_per_100_calls": [float(mine[f"gen{g}_per_100"]) for g in range(3)],
            }
            if name in avx2[t][1]:
                ours_avx2 = detail[str(t)]["deepimaging_avx2_ms"] = float(avx2[t][1][name]["ms"])
                if name in reference_avx2[(kind, t)][1]:
                    theirs_avx2 = detail[str(t)]["reference_avx2_ms"] = float(reference_avx2[(kind, t)][1][name]["ms"])
                    detail[str(t)]["avx2_ratio"] = round(ours_avx2 / theirs_avx2, 3)
        if "1" in detail and "2" in detail:
            detail["deepimaging_2_over_1"] = round(detail["2"]["deepimaging_ms"] / detail["1"]["deepimaging_ms"], 3)
            detail["reference_2_over_1"] = round(detail["2"]["reference_ms"] / detail["1"]["reference_ms"], 3)
        detail["work"] = (ours[1][1].get(name) or ours[2][1].get(name) or {}).get("work", "")
        details[name] = detail
    if mismatches:
        print("compare.py: the two sides do not do the same work; fix Workloads.cs or torch_reference.py:\n"
              + "\n".join(mismatches), file=sys.stderr)
        return 1

    date = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    compare = {"machine": args.machine, "date": date, "workloads": workloads}
    notebook_path = os.path.join(d, "notebook05.json")
    extra = {
        "machine": args.machine, "date": date,
        "runtimes": {f"ours{t}": ours[t][0] for t in THREADS} | {f"ours-avx2-{t}": avx2[t][0] for t in THREADS if avx2[t][0]}
                    | {f"{k}{t}": reference[(k, t)][0] for (k, t) in reference}
                    | {f"{k}-avx2-{t}": reference_avx2[(k, t)][0] for (k, t) in reference_avx2 if reference_avx2[(k, t)][0]},
        "load": read_loads(os.path.join(d, "loads.tsv")),
        "workloads": details,
        "notebook05": json.load(open(notebook_path)) if os.path.exists(notebook_path) else None,
    }
    os.makedirs(args.out_dir, exist_ok=True)
    for file, content in (("compare.json", compare), ("details.json", extra)):
        with open(os.path.join(args.out_dir, file), "w") as f:
            json.dump(content, f, indent=2)
            f.write("\n")
    print_tables(compare, extra)
    return 0


def read_loads(path):
    """The load averages compare.sh wrote before each phase: {phase: "1-min 5-min 15-min"}."""
    if not os.path.exists(path):
        return {}
    with open(path) as f:
        return dict(line.rstrip("\n").split("\t", 1) for line in f if "\t" in line)


def print_tables(compare, extra):
    w = compare["workloads"]
    print(f"\n{compare['date']}, {compare['machine']}\n")
    print("| workload | ours 1 thr ms | reference 1 thr ms | ratio 1 thr | ours 2 thr ms | reference 2 thr ms | ratio 2 thr | reference |")
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    cell = lambda key, field, fmt: fmt.format(w[key][field]) if key in w else ""
    for name in WORKLOADS:
        one, two = f"{name}@1", f"{name}@2"
        if one not in w and two not in w:
            continue
        kind = (w.get(one) or w.get(two))["reference"]
        print(f"| {name} | {cell(one, 'deepimaging_ms', '{:.3f}')} | {cell(one, 'reference_ms', '{:.3f}')} | "
              f"{cell(one, 'ratio', '{:.2f}')} | {cell(two, 'deepimaging_ms', '{:.3f}')} | "
              f"{cell(two, 'reference_ms', '{:.3f}')} | {cell(two, 'ratio', '{:.2f}')} | {kind} |")

    print("\n| workload | ours 2 thr / 1 thr | reference 2 thr / 1 thr | KB allocated per call (1 thr) | gen0/1/2 GCs per 100 calls (1 thr) | AVX2 path 1 thr ms | AVX2 path 2 thr ms | AVX2 ratio 1 thr | AVX2 ratio 2 thr |")
    print("|---|---:|---:|---:|---|---:|---:|---:|---:|")
    for name, d in extra["workloads"].items():
        if "1" not in d:
            continue
        avx2 = [f"{d[t]['deepimaging_avx2_ms']:.3f}" if t in d and "deepimaging_avx2_ms" in d[t] else "" for t in ("1", "2")]
        avx2_ratio = [f"{d[t]['avx2_ratio']:.2f}" if t in d and "avx2_ratio" in d[t] else "" for t in ("1", "2")]
        print(f"| {name} | {d.get('deepimaging_2_over_1', '')} | {d.get('reference_2_over_1', '')} | "
              f"{d['1']['bytes_allocated_per_call'] / 1024:.1f} | {' / '.join(f'{g:.1f}' for g in d['1']['gc_per_100_calls'])} | "
              f"{avx2[0]} | {avx2[1]} | {avx2_ratio[0]} | {avx2_ratio[1]} |")
    for phase, load in extra["load"].items():
        print(f"load before {phase}: {load}")
    if extra["notebook05"]:
        n = extra["notebook05"]
        print(f"\nnotebook 05 on one core: {n['wall_seconds']:.1f} s wall (exit code {n['exit_code']}), "
              f"kernel peak RSS {n['kernel_peak_rss_mb']} MB, runner peak RSS {n['runner_peak_rss_mb']} MB")


def children(pid, table):
    """Every process descended from pid, from a {pid: ppid} table."""
    found, frontier = [], [pid]
    while frontier:
        parent = frontier.pop()
        for child, ppid in table.items():
            if ppid == parent:
                found.append(child)
                frontier.append(child)
    return found


def process_table():
    table = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    # The command name (field 2) is in parentheses and may hold spaces; ppid follows it.
                    table[int(entry)] = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                pass  # the process ended while we looked
    return table


def status_kb(pid, field):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def notebook(args):
    """
    Runs the command and polls /proc every 20 ms for it and all its descendants. VmHWM in /proc/PID/status is the
    kernel's own record of a process's peak resident set ("high water mark"), so the poll does not need to catch the
    peak moment: it only needs to read the value once more before the process exits, and the kernel process runs
    for seconds after its last allocation-heavy cell. The last value read is the peak (a lower bound by at most what
    the process adds in its final 20 ms).
    """
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    log_path = args.json + ".log"
    peaks, names, parents = {}, {}, {}
    start = time.monotonic()
    with open(log_path, "w") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        while process.poll() is None:
            table = process_table()
            for pid in [process.pid] + children(process.pid, table):
                parents.setdefault(pid, table.get(pid))
                hwm = status_kb(pid, "VmHWM")
                if hwm is None:
                    continue
                peaks[pid] = max(peaks.get(pid, 0), hwm)
                if pid not in names:
                    try:
                        with open(f"/proc/{pid}/cmdline", "rb") as f:
                            names[pid] = f.read().replace(b"\0", b" ").decode(errors="replace").strip()
                    except OSError:
                        pass
            time.sleep(0.02)
    wall = time.monotonic() - start
    with open(log_path) as f:
        log_text = f.read()
    kernels = [pid for pid, name in names.items() if " __kernel " in f" {name} "]
    runners = [parents[pid] for pid in kernels if parents.get(pid) in peaks]  # the runner started the kernel
    mb = lambda pids: round(max((peaks[p] for p in pids), default=0) / 1024, 1)
    result = {
        "command": " ".join(command), "exit_code": process.returncode, "wall_seconds": round(wall, 2),
        "kernel_peak_rss_mb": mb(kernels), "runner_peak_rss_mb": mb(runners),
        "processes": [{"pid": p, "peak_rss_mb": round(peaks[p] / 1024, 1), "command": names.get(p, "")[:200]} for p in peaks],
        # The runner's own account: per-cell seconds, from its progress lines "cell i/n ok (X s, notebook Y s)".
        "cells": [{"cell": int(c), "status": s, "seconds": float(x)}
                  for c, s, x in re.findall(r"cell (\d+)/\d+ (ok|FAILED|TIMED OUT|not run) \(([\d.]+) s", log_text)],
        "runner_summary": [line for line in log_text.splitlines() if "s in all" in line],
        "load_after": open("/proc/loadavg").read().split()[:3],
    }
    with open(args.json, "w") as f:
        json.dump(result, f, indent=2)
        f.write("\n")
    print(f"{result['wall_seconds']} s wall, exit code {result['exit_code']}, kernel peak RSS {result['kernel_peak_rss_mb']} MB, "
          f"runner peak RSS {result['runner_peak_rss_mb']} MB (log: {log_path})")
    return 0 if process.returncode == 0 else 1


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="mode", required=True)
    j = sub.add_parser("join")
    j.add_argument("tsv_dir")
    j.add_argument("--out-dir", required=True)
    j.add_argument("--machine", required=True)
    n = sub.add_parser("notebook")
    n.add_argument("--json", required=True)
    n.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    return join(args) if args.mode == "join" else notebook(args)


if __name__ == "__main__":
    sys.exit(main())
