#!/usr/bin/python3
"""Generate PyTorch reference fixtures for the DeepImaging C# tests.

Writes, next to this script:
  conv2d.json         random F.conv2d cases (forward output + grads of input,
                      weight, bias for a random upstream gradient), covering
                      numeric padding and the named modes "valid", "same", "full".
  pool2d.json         random F.max_pool2d / F.avg_pool2d cases (forward + grad_input).
  ct_small_stats.json header fields and pixel statistics of
                      /work/shared/datasets-sources/CT_small.dcm (read with pydicom).

All tensors are float32, stored flat in row-major (NCHW / OIHW) order; each number
is the shortest decimal string that round-trips to the same float32.

Rerun from the repository root with Debian's interpreter (it has torch/pydicom):
    apt-get install -y python3-torch python3-numpy python3-pydicom libopenblas0-pthread
    /usr/bin/python3 tests/DeepImaging.Tests/Fixtures/make_fixtures.py
Fully seeded (torch.manual_seed(2025), random.seed(2025), one CPU thread): the
output is byte-identical on rerun with the same torch version.
"""

import json
import os
import random
import warnings

import numpy as np
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
CT_PATH = "/work/shared/datasets-sources/CT_small.dcm"

torch.manual_seed(2025)
random.seed(2025)
torch.set_num_threads(1)
torch.use_deterministic_algorithms(True)
# Expected for padding='same' with even kernels: torch pads a copy of the input.
warnings.filterwarnings("ignore", message="Using padding='same' with even kernel")

GENERATOR = (f"PyTorch {torch.__version__} (Debian python3-torch), numpy {np.__version__}, "
             f"tests/DeepImaging.Tests/Fixtures/make_fixtures.py")


def flat(t):
    """Flatten a float32 tensor to a list of floats with shortest float32 repr."""
    a = t.detach().to(torch.float32).contiguous().numpy().ravel()
    return [float(str(v)) for v in a]


def write_json(path, header, cases):
    """One case per line, compact, so the files stay small but diffable."""
    with open(path, "w", encoding="utf-8") as f:
        f.write("{")
        for k, v in header.items():
            f.write(json.dumps(k) + ":" + json.dumps(v) + ",\n")
        f.write('"cases":[\n')
        f.write(",\n".join(json.dumps(c, separators=(",", ":")) for c in cases))
        f.write("\n]}\n")


def out_size(n, k, s, pad_total, d):
    return (n + pad_total - d * (k - 1) - 1) // s + 1


# ----------------------------------------------------------------------------
# conv2d
# ----------------------------------------------------------------------------

MAX_INPUT_NUMEL = 450  # keeps conv2d.json well under 2 MB


def sample_conv(mode, kernel=None, dilation=None, stride=None):
    """Draw a valid conv2d configuration for the given padding mode."""
    while True:
        n = random.randint(1, 3)
        g = random.choice([1, 1, 2, 3])
        cpg = random.randint(1, 4)           # in-channels per group
        opg = random.randint(1, 3)           # out-channels per group
        c, o = cpg * g, opg * g
        h = random.randint(5, 12)
        w = h if random.random() < 0.5 else random.randint(5, 12)
        if kernel is not None:
            kh, kw = kernel
        else:
            kh = random.randint(1, 5)
            kw = kh if random.random() < 0.6 else random.randint(1, 5)
        if dilation is not None:
            dh, dw = dilation
        else:
            dh = random.choice([1, 1, 2])
            dw = dh if random.random() < 0.7 else random.choice([1, 2])
        if stride is not None:
            sh, sw = stride
        else:
            sh = random.randint(1, 3)
            sw = sh if random.random() < 0.6 else random.randint(1, 3)
        if mode == "numeric":
            ph = random.randint(0, 2)
            pw = ph if random.random() < 0.6 else random.randint(0, 2)
            pads = (ph, ph, pw, pw)
        elif mode == "valid":
            pads = (0, 0, 0, 0)
        elif mode == "full":
            ph, pw = dh * (kh - 1), dw * (kw - 1)
            pads = (ph, ph, pw, pw)
        elif mode == "same":
            # torch: total = d*(k-1); left/top = total//2; the extra one (odd total)
            # goes to the right/bottom.
            th, tw = dh * (kh - 1), dw * (kw - 1)
            pads = (th // 2, th - th // 2, tw // 2, tw - tw // 2)
        else:
            raise ValueError(mode)
        oh = out_size(h, kh, sh, pads[0] + pads[1], dh)
        ow = out_size(w, kw, sw, pads[2] + pads[3], dw)
        if oh < 1 or ow < 1:
            continue  # kernel does not fit the padded input
        if n * c * h * w > MAX_INPUT_NUMEL:
            continue
        bias = random.random() < 0.6
        return dict(n=n, c=c, o=o, g=g, h=h, w=w, kh=kh, kw=kw, sh=sh, sw=sw,
                    dh=dh, dw=dw, pads=pads, oh=oh, ow=ow, bias=bias, mode=mode)


def run_conv(cfg, name):
    x = torch.randn(cfg["n"], cfg["c"], cfg["h"], cfg["w"])
    wt = torch.randn(cfg["o"], cfg["c"] // cfg["g"], cfg["kh"], cfg["kw"])
    b = torch.randn(cfg["o"]) if cfg["bias"] else None
    stride = (cfg["sh"], cfg["sw"])
    dil = (cfg["dh"], cfg["dw"])
    mode = cfg["mode"]
    t, bo, l, r = cfg["pads"]
    if mode in ("valid", "same"):
        torch_pad = mode                       # torch's own string mode
        json_pad = mode
    elif mode == "full":
        torch_pad = (t, l)                     # computed here, passed as numbers
        json_pad = "full"
    else:
        torch_pad = (t, l)
        json_pad = [t, l]

    def fwd(xx, ww, bb):
        return F.conv2d(xx, ww, bb, stride=stride, padding=torch_pad,
                        dilation=dil, groups=cfg["g"])

    xr = x.clone().requires_grad_(True)
    wr = wt.clone().requires_grad_(True)
    br = b.clone().requires_grad_(True) if b is not None else None
    out = fwd(xr, wr, br)
    assert tuple(out.shape) == (cfg["n"], cfg["o"], cfg["oh"], cfg["ow"]), (name, out.shape, cfg)
    gout = torch.randn_like(out)
    out.backward(gout)

    # --- self checks -------------------------------------------------------
    # (1) explicit asymmetric padding (top, bottom, left, right) reproduces torch.
    xp = F.pad(x, (l, r, t, bo))
    ref = F.conv2d(xp, wt, b, stride=stride, padding=0, dilation=dil, groups=cfg["g"])
    assert torch.allclose(ref, out.detach(), atol=1e-5, rtol=1e-5), name
    # (2) float64 recomputation agrees with the float32 results.
    x64 = x.double().requires_grad_(True)
    w64 = wt.double().requires_grad_(True)
    b64 = b.double().requires_grad_(True) if b is not None else None
    o64 = fwd(x64, w64, b64)
    o64.backward(gout.double())
    for a32, a64 in ((out, o64), (xr.grad, x64.grad), (wr.grad, w64.grad)) + (
            ((br.grad, b64.grad),) if b is not None else ()):
        assert torch.allclose(a32.double(), a64.detach(), atol=1e-4, rtol=1e-4), name

    return {
        "name": name,
        "input_shape": list(x.shape), "input": flat(x),
        "weight_shape": list(wt.shape), "weight": flat(wt),
        "bias": flat(b) if b is not None else None,
        "stride": list(stride), "padding": json_pad,
        "dilation": list(dil), "groups": cfg["g"],
        "effective_padding": [t, bo, l, r],   # [top, bottom, left, right] as torch applies it
        "output_shape": list(out.shape), "output": flat(out),
        "grad_output": flat(gout),
        "grad_input": flat(xr.grad), "grad_weight": flat(wr.grad),
        "grad_bias": flat(br.grad) if b is not None else None,
    }


def make_conv_cases():
    cfgs = []
    # Numeric padding: fully random configurations.
    for _ in range(46):
        cfgs.append(sample_conv("numeric"))
    # A few pinned numeric cases so every feature is certainly present.
    cfgs.append(sample_conv("numeric", kernel=(3, 2), dilation=(2, 1), stride=(1, 2)))
    cfgs.append(sample_conv("numeric", kernel=(5, 5), dilation=(1, 1), stride=(3, 3)))
    # "valid": padding 0, any stride.
    for k in [(3, 3), (2, 2), (1, 1), (3, 2), (5, 3), (4, 4), None, None]:
        cfgs.append(sample_conv("valid", kernel=k))
    # "same": stride must be 1; even kernels (asymmetric padding) and dilation.
    same_specs = [((2, 2), (1, 1)), ((4, 4), (1, 1)), ((3, 3), (1, 1)), ((3, 2), (1, 1)),
                  ((2, 4), (1, 1)), ((2, 2), (2, 2)), ((4, 4), (2, 1)), ((5, 5), (1, 2)),
                  ((1, 3), (1, 1)), ((4, 2), (1, 1))]
    for k, d in same_specs:
        cfgs.append(sample_conv("same", kernel=k, dilation=d, stride=(1, 1)))
    # "full": padding d*(k-1) per axis; mostly stride 1, two strided.
    full_specs = [((3, 3), None, (1, 1)), ((2, 2), None, (1, 1)), ((3, 2), None, (1, 1)),
                  ((4, 4), (1, 1), (1, 1)), ((3, 3), (2, 2), (1, 1)), ((1, 1), None, (1, 1)),
                  ((5, 4), (1, 1), (1, 1)), ((2, 3), None, (2, 2)), ((3, 3), None, (2, 1))]
    for k, d, s in full_specs:
        cfgs.append(sample_conv("full", kernel=k, dilation=d, stride=s))
    return [run_conv(cfg, f"conv{i:02d}") for i, cfg in enumerate(cfgs)], cfgs


def conv_coverage(cases):
    from collections import Counter
    cov = {
        "total": len(cases),
        "padding_mode": Counter(c["padding"] if isinstance(c["padding"], str) else "numeric"
                                for c in cases),
        "numeric_padding": Counter(tuple(c["padding"]) for c in cases
                                   if not isinstance(c["padding"], str)),
        "groups": Counter(c["groups"] for c in cases),
        "bias": Counter("with" if c["bias"] is not None else "without" for c in cases),
        "batch": Counter(c["input_shape"][0] for c in cases),
        "in_channels_per_group": Counter(c["weight_shape"][1] for c in cases),
        "kernel": Counter(tuple(c["weight_shape"][2:]) for c in cases),
        "stride": Counter(tuple(c["stride"]) for c in cases),
        "dilation": Counter(tuple(c["dilation"]) for c in cases),
        "input_hw": Counter(tuple(c["input_shape"][2:]) for c in cases),
        "same_asymmetric": sum(1 for c in cases if c["padding"] == "same" and
                               (c["effective_padding"][0] != c["effective_padding"][1] or
                                c["effective_padding"][2] != c["effective_padding"][3])),
    }
    # Coverage requirements (the run is seeded, so these hold on every rerun).
    assert cov["total"] >= 64
    for m in ("valid", "same", "full"):
        assert cov["padding_mode"][m] >= 6, m
    assert set(cov["groups"]) == {1, 2, 3}
    assert set(cov["batch"]) == {1, 2, 3}
    assert set(cov["in_channels_per_group"]) == {1, 2, 3, 4}
    assert {1, 2, 3, 4, 5} <= {k for kk in cov["kernel"] for k in kk}
    assert any(a != b for a, b in cov["kernel"])
    assert {1, 2, 3} <= {s for ss in cov["stride"] for s in ss}
    assert any(a != b for a, b in cov["stride"])
    assert {0, 1, 2} <= {p for pp in cov["numeric_padding"] for p in pp}
    assert any(a != b for a, b in cov["numeric_padding"])
    assert {1, 2} <= {d for dd in cov["dilation"] for d in dd}
    assert cov["bias"]["with"] > 0 and cov["bias"]["without"] > 0
    assert any(a != b for a, b in cov["input_hw"])
    assert cov["same_asymmetric"] >= 3
    return cov


# ----------------------------------------------------------------------------
# pool2d
# ----------------------------------------------------------------------------

def sample_pool():
    while True:
        n = random.randint(1, 2)
        c = random.randint(1, 3)
        h = random.randint(5, 12)
        w = h if random.random() < 0.5 else random.randint(5, 12)
        kh = random.randint(1, 4)
        kw = kh if random.random() < 0.6 else random.randint(1, 4)
        sh = random.randint(1, 3)
        sw = sh if random.random() < 0.6 else random.randint(1, 3)
        ph = random.randint(0, kh // 2)
        pw = random.randint(0, kw // 2)
        oh = (h + 2 * ph - kh) // sh + 1
        ow = (w + 2 * pw - kw) // sw + 1
        if oh >= 1 and ow >= 1:
            return dict(n=n, c=c, h=h, w=w, k=(kh, kw), s=(sh, sw), p=(ph, pw), oh=oh, ow=ow)


def run_pool(op, cfg, name):
    x = torch.randn(cfg["n"], cfg["c"], cfg["h"], cfg["w"])
    xr = x.clone().requires_grad_(True)
    if op == "max":
        out = F.max_pool2d(xr, cfg["k"], cfg["s"], cfg["p"])
    else:
        out = F.avg_pool2d(xr, cfg["k"], cfg["s"], cfg["p"])
    assert tuple(out.shape) == (cfg["n"], cfg["c"], cfg["oh"], cfg["ow"]), name
    gout = torch.randn_like(out)
    out.backward(gout)
    return {
        "name": name, "op": op,
        "input_shape": list(x.shape), "input": flat(x),
        "kernel": list(cfg["k"]), "stride": list(cfg["s"]), "padding": list(cfg["p"]),
        "output_shape": list(out.shape), "output": flat(out),
        "grad_output": flat(gout), "grad_input": flat(xr.grad),
    }


def make_pool_cases():
    cases = []
    pinned = [dict(k=(2, 2), s=(2, 2), p=(0, 0)), dict(k=(3, 3), s=(1, 1), p=(1, 1)),
              dict(k=(3, 2), s=(2, 1), p=(1, 0)), dict(k=(2, 2), s=(1, 1), p=(1, 1))]
    i = 0
    for op in ("max", "avg"):
        for j in range(14):
            cfg = sample_pool()
            if j < len(pinned):  # make sure overlap / padding / non-square are present
                cfg.update(pinned[j])
                cfg["oh"] = (cfg["h"] + 2 * cfg["p"][0] - cfg["k"][0]) // cfg["s"][0] + 1
                cfg["ow"] = (cfg["w"] + 2 * cfg["p"][1] - cfg["k"][1]) // cfg["s"][1] + 1
            cases.append(run_pool(op, cfg, f"pool{i:02d}"))
            i += 1
    return cases


# ----------------------------------------------------------------------------
# CT_small.dcm
# ----------------------------------------------------------------------------

def num(v):
    return float(v) if not float(v).is_integer() else int(float(v))


def make_ct_stats():
    # Imported here, so that the other fixture scripts can import this module's helpers without pydicom.
    import pydicom

    ds = pydicom.dcmread(CT_PATH)
    raw = ds.pixel_array
    notes = []

    def first(keyword):
        if keyword not in ds:
            notes.append(f"{keyword} not present in the file -> null")
            return None
        v = ds.data_element(keyword).value
        if isinstance(v, pydicom.multival.MultiValue):
            notes.append(f"{keyword} is multi-valued {list(v)}; first value taken")
            v = v[0]
        return num(v)

    slope = first("RescaleSlope")
    intercept = first("RescaleIntercept")
    wc = first("WindowCenter")
    ww = first("WindowWidth")
    priv = ds.get((0x0043, 0x1010))
    if priv is not None:
        notes.append(f"private GE tag (0043,1010) '{priv.name}' = {priv.value} (not used)")
    s = 1.0 if slope is None else float(slope)
    b = 0.0 if intercept is None else float(intercept)
    hu = raw.astype(np.float64) * s + b
    pts = [(0, 0), (64, 64), (127, 127), (10, 100)]
    return {
        "generator": f"pydicom {pydicom.__version__}, numpy {np.__version__}, make_fixtures.py",
        "pydicom_version": pydicom.__version__,
        "file": os.path.basename(CT_PATH),
        "rows": int(ds.Rows), "columns": int(ds.Columns),
        "bits_allocated": int(ds.BitsAllocated), "bits_stored": int(ds.BitsStored),
        "high_bit": int(ds.HighBit),
        "pixel_representation": int(ds.PixelRepresentation),
        "photometric_interpretation": str(ds.PhotometricInterpretation),
        "transfer_syntax_uid": str(ds.file_meta.TransferSyntaxUID),
        "rescale_slope": slope, "rescale_intercept": intercept,
        "window_center": wc, "window_width": ww,
        "notes": notes,
        "pixel_array_dtype": str(raw.dtype),
        "rescaled_stats": {
            "min": float(hu.min()), "max": float(hu.max()), "mean": float(hu.mean()),
            "std": float(hu.std(ddof=0)), "sum": float(hu.sum()),
        },
        "raw_sum": int(raw.astype(np.int64).sum()),
        "raw_min": int(raw.min()), "raw_max": int(raw.max()),
        "pixels": [{"row": r, "col": c, "raw": int(raw[r, c]), "rescaled": float(hu[r, c])}
                   for r, c in pts],
    }


def main():
    conv_cases, _ = make_conv_cases()
    cov = conv_coverage(conv_cases)
    write_json(os.path.join(HERE, "conv2d.json"),
               {"generator": GENERATOR, "dtype": "float32", "layout": "NCHW / OIHW row-major"},
               conv_cases)
    pool_cases = make_pool_cases()
    write_json(os.path.join(HERE, "pool2d.json"),
               {"generator": GENERATOR, "dtype": "float32", "layout": "NCHW row-major"},
               pool_cases)
    ct = make_ct_stats()
    with open(os.path.join(HERE, "ct_small_stats.json"), "w", encoding="utf-8") as f:
        json.dump(ct, f, indent=2)
        f.write("\n")
    print(f"conv2d: {len(conv_cases)} cases; pool2d: {len(pool_cases)} cases; ct stats written")
    for k, v in cov.items():
        print(f"  {k}: {dict(sorted(v.items())) if isinstance(v, dict) else v}")


if __name__ == "__main__":
    main()
