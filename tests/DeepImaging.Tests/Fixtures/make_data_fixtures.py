#!/usr/bin/python3
"""Reference fixtures for the DeepImaging.Data tests (tests/DeepImaging.Tests/Data).

Writes, next to this script:
  resize.json                  torch.nn.functional.interpolate(mode="bilinear", align_corners=False)
                               on random images (up, down, non-integer factors, one axis only).
  images.json                  PIL's decoding of datasets/microaneurysms.png, phantom.png, retina.jpg:
                               mode, size, per-channel mean, and a few pixels (0..255).
  from_torch.safetensors       a safetensors file written BY HAND from torch tensors (json + struct, exactly
                               as the format spec says; Debian has no `safetensors` package), and
  from_torch.json              the names, shapes, values and metadata the C# reader must find in it.
  from_csharp.check.json       what this script's strict reader finds in from_csharp.safetensors, a file
                               written by the C# SafeTensors.Save (the test
                               SafeTensorsTests.Csharp_writer_reproduces_the_file_python_validated writes the same
                               bytes to <temp>/deepimaging-from_csharp.safetensors; copy it here, then rerun).

Run from the repository root with Debian's interpreter (it has torch, numpy, PIL):
    /usr/bin/python3 tests/DeepImaging.Tests/Fixtures/make_data_fixtures.py
Seeded (torch.manual_seed(7)): byte-identical output on rerun with the same torch version.
"""

import hashlib
import json
import os
import struct

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
DATASETS = os.path.normpath(os.path.join(HERE, "..", "..", "..", "datasets"))
torch.manual_seed(7)
torch.set_num_threads(1)
GENERATOR = f"PyTorch {torch.__version__}, numpy {np.__version__}, make_data_fixtures.py"


def flat(t):
    return [float(str(v)) for v in t.detach().to(torch.float32).contiguous().numpy().ravel()]


def make_resize():
    cases = []
    for shape, size in [((1, 4, 4), (8, 8)), ((3, 5, 7), (3, 4)), ((2, 6, 6), (9, 4)), ((1, 10, 3), (4, 3)),
                        ((1, 3, 3), (7, 5)), ((3, 8, 8), (8, 8)), ((1, 1, 5), (3, 2)), ((2, 13, 11), (5, 17))]:
        x = torch.rand(*shape)
        y = F.interpolate(x.unsqueeze(0), size=size, mode="bilinear", align_corners=False).squeeze(0)
        cases.append({"input_shape": list(shape), "input": flat(x), "size": list(size),
                      "output_shape": list(y.shape), "output": flat(y)})
    return {"generator": GENERATOR, "cases": cases}


def make_images():
    out = {"generator": f"PIL {Image.__version__}, make_data_fixtures.py", "images": []}
    for name in ["microaneurysms.png", "phantom.png", "retina.jpg"]:
        im = Image.open(os.path.join(DATASETS, name))
        a = np.asarray(im)
        if a.ndim == 2:
            a = a[:, :, None]
        h, w, c = a.shape
        pts = [(0, 0), (h // 2, w // 2), (h // 3, 2 * w // 3), (h - 1, w - 1)]
        out["images"].append({
            "file": name, "mode": im.mode, "height": h, "width": w, "channels": c,
            "channel_means": [float(a[:, :, k].astype(np.float64).mean()) for k in range(c)],
            "pixels": [{"row": r, "col": q, "values": [int(v) for v in a[r, q, :]]} for r, q in pts],
        })
    return out


def write_safetensors(path, tensors, metadata=None):
    """The format by hand: u64 header length, JSON header padded with spaces to 8 bytes, raw little-endian data."""
    header, blobs, offset = {}, [], 0
    if metadata:
        header["__metadata__"] = metadata
    for name, t in tensors.items():
        blob = t.to(torch.float32).contiguous().numpy().astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [offset, offset + len(blob)]}
        offset += len(blob)
        blobs.append(blob)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for b in blobs:
            f.write(b)


def read_safetensors(path):
    """A strict reader following the spec; asserts everything the format requires."""
    raw = open(path, "rb").read()
    (n,) = struct.unpack("<Q", raw[:8])
    assert 8 + n <= len(raw), "header longer than file"
    assert n % 8 == 0, f"header length {n} is not a multiple of 8"
    text = raw[8:8 + n].decode("utf-8")
    assert text.startswith("{")
    header = json.loads(text, object_pairs_hook=lambda pairs: dict(pairs) if len({k for k, _ in pairs}) == len(pairs)
                        else (_ for _ in ()).throw(AssertionError("duplicate key")))
    data = raw[8 + n:]
    metadata = header.pop("__metadata__", {})
    assert all(isinstance(v, str) for v in metadata.values())
    tensors, spans = {}, []
    for name, info in header.items():
        assert set(info) == {"dtype", "shape", "data_offsets"}, info
        assert info["dtype"] == "F32", info
        b, e = info["data_offsets"]
        count = int(np.prod(info["shape"])) if info["shape"] else 1
        assert e - b == 4 * count, (name, info)
        spans.append((b, e))
        tensors[name] = torch.frombuffer(bytearray(data[b:e]), dtype=torch.float32).reshape(info["shape"]) if count else \
            torch.zeros(info["shape"])
    pos = 0
    for b, e in sorted(spans):
        assert b == pos, "gap or overlap in data"
        pos = e
    assert pos == len(data), "data buffer not fully used"
    return tensors, metadata, n


def make_safetensors():
    tensors = {
        "features.0.weight": torch.randn(4, 1, 3, 3),
        "features.0.bias": torch.randn(4),
        "classifier.weight": torch.randn(2, 36),
        "classifier.bias": torch.tensor([-0.0, 3.4028234663852886e38]),
        "step": torch.tensor(42.0),
    }
    metadata = {"format": "pt", "note": "written by hand with json + struct"}
    path = os.path.join(HERE, "from_torch.safetensors")
    write_safetensors(path, tensors, metadata)
    back, meta, _ = read_safetensors(path)
    assert meta == metadata and all(torch.equal(back[k], tensors[k]) for k in tensors)
    with open(os.path.join(HERE, "from_torch.json"), "w", encoding="utf-8") as f:
        json.dump({"generator": GENERATOR, "metadata": metadata,
                   "tensors": [{"name": k, "shape": list(v.shape), "values": flat(v)} for k, v in tensors.items()]}, f)
        f.write("\n")

    cs = os.path.join(HERE, "from_csharp.safetensors")
    if os.path.exists(cs):
        back, meta, n = read_safetensors(cs)
        # PyTorch layout expectations: a state_dict of float32 tensors loads into a matching module.
        assert all(t.dtype == torch.float32 for t in back.values())
        check = {"generator": GENERATOR, "file": "from_csharp.safetensors",
                 "sha256": hashlib.sha256(open(cs, "rb").read()).hexdigest(),
                 "header_length": n, "metadata": meta,
                 "tensors": [{"name": k, "dtype": "F32", "shape": list(v.shape), "values": flat(v)}
                             for k, v in back.items()]}
        with open(os.path.join(HERE, "from_csharp.check.json"), "w", encoding="utf-8") as f:
            json.dump(check, f)
            f.write("\n")
        print("from_csharp.safetensors validated:", {k: list(v.shape) for k, v in back.items()})
    else:
        print("from_csharp.safetensors not present yet; run the C# test first (see the docstring)")


def main():
    with open(os.path.join(HERE, "resize.json"), "w", encoding="utf-8") as f:
        json.dump(make_resize(), f)
        f.write("\n")
    with open(os.path.join(HERE, "images.json"), "w", encoding="utf-8") as f:
        json.dump(make_images(), f, indent=1)
        f.write("\n")
    make_safetensors()


if __name__ == "__main__":
    main()
