#!/usr/bin/python3
"""Generate PyTorch reference maps for DeepImaging.Explain.Attribution (saliency, Grad-CAM, occlusion).

Writes attribution.json next to this script: a small CNN (Conv2d, ReLU, MaxPool2d, Conv2d, ReLU, Flatten,
Dropout, Linear) in evaluation mode, its state_dict (PyTorch names), a batch of two RGB 12x12 images, and
  saliency   the largest |d logit[target] / d input| over the channels (Simonyan et al. 2014),
  grad_cam   Grad-CAM (Selvaraju et al. 2017) with forward/backward hooks on the chosen layer, as pytorch-grad-cam
             does: weights = spatial mean of the gradient, ReLU of the weighted sum, F.interpolate(bilinear,
             align_corners=False) to 12x12, then (map - min) / (max - min) per image (all zeros for a constant map),
  occlusion  the mean drop of logit[target] over the windows that cover each pixel, windows zeroing every channel
             at 0, stride, 2 stride, ... and cut at the border so that every pixel is covered (Zeiler & Fergus 2014).
The maps are computed here with plain loops and hooks, independently of the C# code.

Rerun from the repository root with Debian's interpreter (it has torch):
    /usr/bin/python3 tests/DeepImaging.Tests/Fixtures/make_attribution_fixtures.py
Fully seeded (torch.manual_seed(12), one CPU thread).
"""

import math
import os

import torch
import torch.nn as nn
import torch.nn.functional as F

from make_fixtures import HERE, flat, write_json

torch.manual_seed(12)
torch.set_num_threads(1)
torch.use_deterministic_algorithms(True)

GENERATOR = f"PyTorch {torch.__version__} (Debian python3-torch), tests/DeepImaging.Tests/Fixtures/make_attribution_fixtures.py"


def make_model():
    model = nn.Sequential(nn.Conv2d(3, 4, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(4, 6, 3, padding=1),
                          nn.ReLU(), nn.Flatten(), nn.Dropout(0.5), nn.Linear(6 * 6 * 6, 3))
    return model.eval()


def saliency(model, x, target):
    x = x.clone().requires_grad_(True)
    model(x)[:, target].sum().backward()
    return x.grad.abs().amax(dim=1)


def grad_cam(model, x, target, layer):
    saved = {}

    def forward_hook(module, inputs, output):
        saved["activations"] = output.detach()
        output.register_hook(lambda grad: saved.__setitem__("gradients", grad.detach()))

    handle = model[layer].register_forward_hook(forward_hook)
    model.zero_grad()
    model(x.clone().requires_grad_(True))[:, target].sum().backward()
    handle.remove()
    a, g = saved["activations"], saved["gradients"]
    weights = g.mean(dim=(2, 3), keepdim=True)
    cam = torch.relu((weights * a).sum(dim=1, keepdim=True))
    cam = F.interpolate(cam, size=x.shape[2:], mode="bilinear", align_corners=False)[:, 0]
    out = torch.zeros_like(cam)
    for i in range(cam.shape[0]):
        lo, hi = cam[i].min(), cam[i].max()
        if hi > lo:
            out[i] = (cam[i] - lo) / (hi - lo)
    return out


def occlusion(model, x, target, window, stride):
    n, _, h, w = x.shape
    with torch.no_grad():
        base = model(x)[:, target]
        total = torch.zeros(n, h, w, dtype=torch.float64)
        count = torch.zeros(h, w, dtype=torch.float64)
        for top in range(0, (math.ceil((h - window) / stride)) * stride + 1, stride):
            for left in range(0, (math.ceil((w - window) / stride)) * stride + 1, stride):
                occluded = x.clone()
                occluded[:, :, top:top + window, left:left + window] = 0
                drop = (base - model(occluded)[:, target]).double()
                total[:, top:top + window, left:left + window] += drop[:, None, None]
                count[top:top + window, left:left + window] += 1
    assert (count > 0).all()
    return (total / count).float()


def main():
    model = make_model()
    x = torch.randn(2, 3, 12, 12)
    with torch.no_grad():
        logits = model(x)
    cases = []
    for target in (0, 2):
        cases.append({"name": f"saliency_target_{target}", "method": "saliency", "target": target,
                      "map": flat(saliency(model, x, target))})
    for target, layer in ((1, None), (0, 0), (2, 4)):
        cases.append({"name": f"grad_cam_target_{target}_layer_{layer}", "method": "grad_cam", "target": target, "layer": layer,
                      "map": flat(grad_cam(model, x, target, 3 if layer is None else layer))})
    for target, window, stride in ((0, 4, 2), (2, 3, 2), (1, 1, 1), (1, 5, 4)):
        cases.append({"name": f"occlusion_target_{target}_window_{window}_stride_{stride}", "method": "occlusion",
                      "target": target, "window": window, "stride": stride,
                      "map": flat(occlusion(model, x, target, window, stride))})
    header = {"generator": GENERATOR, "dtype": "float32",
              "model": "Sequential(Conv2d(3, 4, 3, padding=1), ReLU, MaxPool2d(2), Conv2d(4, 6, 3, padding=1), ReLU, Flatten, Dropout(0.5), Linear(216, 3)) in eval mode",
              "parameters": [{"name": k, "shape": list(v.shape), "values": flat(v)} for k, v in model.state_dict().items()],
              "input_shape": list(x.shape), "input": flat(x), "logits": flat(logits)}
    write_json(os.path.join(HERE, "attribution.json"), header, cases)
    print(f"attribution: {len(cases)} cases")


if __name__ == "__main__":
    main()
