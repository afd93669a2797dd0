#!/usr/bin/python3
"""Generate PyTorch reference fixtures for how the activations and pooling treat NaN.

Writes nan.json next to this script: for each operation, the input, the output and the gradient of
output.sum() with respect to the input. PyTorch keeps a NaN visible (relu(NaN) = NaN, a max-pooling window
holding a NaN gives NaN) and these cases pin that down. Non-finite numbers are written as the strings
"NaN", "Infinity" and "-Infinity", because JSON has no literal for them.

Rerun from the repository root with Debian's interpreter (it has torch):
    /usr/bin/python3 tests/DeepImaging.Tests/Fixtures/make_nan_fixtures.py
No randomness: the inputs are written out below, so the file is byte-identical on rerun with the same torch.
"""

import json
import math
import os

import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))

NAN = float("nan")
GENERATOR = f"PyTorch {torch.__version__} (Debian python3-torch), tests/DeepImaging.Tests/Fixtures/make_nan_fixtures.py"


def number(v):
    v = float(str(v))  # shortest float32 repr, as flat() in make_fixtures.py
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return v


def values(t):
    return [number(v) for v in t.detach().to(torch.float32).contiguous().numpy().ravel()]


def case(name, fn, x):
    x = x.clone().requires_grad_(True)
    y = fn(x)
    y.sum().backward()
    return {"name": name, "input_shape": list(x.shape), "input": values(x),
            "output_shape": list(y.shape), "output": values(y), "grad_input": values(x.grad)}


ROW = torch.tensor([NAN, -1.0, 2.0, 0.0, -0.5])
ROWS = torch.tensor([[NAN, 1.0, 2.0], [0.5, -1.0, 3.0]])
# Windows of 2x2: one with a single NaN, one with two NaNs, one without, one with a NaN in the corner.
IMAGE = torch.tensor([[[[1.0, NAN, 5.0, 6.0],
                        [3.0, 4.0, 7.0, 8.0],
                        [NAN, 1.0, 2.0, 3.0],
                        [NAN, 4.0, 1.0, NAN]]]])

cases = [
    case("relu", torch.relu, ROW),
    case("leaky_relu", lambda t: F.leaky_relu(t, 0.01), ROW),
    case("sigmoid", torch.sigmoid, ROW),
    case("tanh", torch.tanh, ROW),
    case("abs", torch.abs, ROW),
    case("clamp", lambda t: t.clamp(-0.75, 1.0), ROW),
    case("softmax", lambda t: F.softmax(t, dim=-1), ROWS),
    case("log_softmax", lambda t: F.log_softmax(t, dim=-1), ROWS),
    case("max_pool2d", lambda t: F.max_pool2d(t, 2), IMAGE),
    case("avg_pool2d", lambda t: F.avg_pool2d(t, 2), IMAGE),
]

# One case per line, like the other fixtures (make_fixtures.py imports pydicom, so its writer is not imported here).
with open(os.path.join(HERE, "nan.json"), "w", encoding="utf-8") as f:
    f.write('{"generator":' + json.dumps(GENERATOR) + ',\n"dtype":"float32",\n"cases":[\n')
    f.write(",\n".join(json.dumps(c, separators=(",", ":")) for c in cases))
    f.write("\n]}\n")
