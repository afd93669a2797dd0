#!/usr/bin/python3
"""Generate PyTorch reference fixtures for the DeepImaging.NN / Training tests.

Writes, next to this script:
  nn_losses.json      F.mse_loss, F.binary_cross_entropy_with_logits and F.cross_entropy
                      (mean reduction): loss value and gradients w.r.t. input (and target
                      where PyTorch defines one), including very large logits.
  nn_optimizers.json  torch.optim.SGD (plain, momentum, weight decay) and torch.optim.Adam
                      (defaults, weight decay, other betas/eps): two parameters, three steps
                      with given gradients, the parameters after every step.
  nn_sequential.json  a small nn.Sequential CNN (Conv2d, ReLU, MaxPool2d, Flatten, Linear,
                      Tanh, Linear): its state_dict (PyTorch names), the output for an input,
                      the cross-entropy loss and the gradient of every parameter and the input.

Rerun from the repository root with Debian's interpreter (it has torch):
    /usr/bin/python3 tests/DeepImaging.Tests/Fixtures/make_nn_fixtures.py
Fully seeded (torch.manual_seed(3), one CPU thread): byte-identical on rerun with the same torch.
Shares flat() and write_json() with make_fixtures.py (same number format, same layout).
"""

import os

import torch
import torch.nn as nn
import torch.nn.functional as F

from make_fixtures import HERE, flat, write_json

torch.manual_seed(3)
torch.set_num_threads(1)
torch.use_deterministic_algorithms(True)

GENERATOR = f"PyTorch {torch.__version__} (Debian python3-torch), tests/DeepImaging.Tests/Fixtures/make_nn_fixtures.py"


def loss_case(name, kind, x, target):
    x = x.clone().requires_grad_(True)
    target = target.clone().requires_grad_(kind != "cross_entropy")
    if kind == "mse":
        loss = F.mse_loss(x, target)
    elif kind == "bce_with_logits":
        loss = F.binary_cross_entropy_with_logits(x, target)
    else:
        loss = F.cross_entropy(x, target.long())
    loss.backward()
    case = {"name": name, "loss_kind": kind, "input_shape": list(x.shape), "input": flat(x),
            "target_shape": list(target.shape), "target": flat(target),
            "loss": float(str(loss.item())), "grad_input": flat(x.grad)}
    if target.grad is not None:
        case["grad_target"] = flat(target.grad)
    return case


def make_loss_cases():
    cases = []
    for i, shape in enumerate([[5], [4, 3], [2, 3, 2]]):
        cases.append(loss_case(f"mse_{i}", "mse", torch.randn(shape) * 2, torch.randn(shape)))
    cases.append(loss_case("bce_hard_labels", "bce_with_logits", torch.randn(8) * 3, torch.randint(0, 2, (8,)).float()))
    cases.append(loss_case("bce_soft_labels_2d", "bce_with_logits", torch.randn(3, 4), torch.rand(3, 4)))
    cases.append(loss_case("bce_huge_logits", "bce_with_logits",
                           torch.tensor([-1000.0, -100.0, -30.0, -1e-3, 0.0, 30.0, 100.0, 1000.0]),
                           torch.tensor([0.0, 1.0, 1.0, 0.0, 1.0, 0.0, 1.0, 0.0])))
    for i, (n, c) in enumerate([(4, 3), (7, 5), (1, 2)]):
        cases.append(loss_case(f"cross_entropy_{i}", "cross_entropy", torch.randn(n, c) * 2, torch.randint(0, c, (n,)).float()))
    cases.append(loss_case("cross_entropy_huge_logits", "cross_entropy",
                           torch.tensor([[1000.0, -1000.0, 0.0], [-500.0, 500.0, 499.0], [80.0, 90.0, 100.0]]),
                           torch.tensor([1.0, 2.0, 0.0])))
    return cases


OPTIMIZERS = [
    ("sgd_plain", "sgd", dict(lr=0.1)),
    ("sgd_momentum", "sgd", dict(lr=0.05, momentum=0.9)),
    ("sgd_momentum_weight_decay", "sgd", dict(lr=0.05, momentum=0.9, weight_decay=0.01)),
    ("adam_defaults_lr_0.1", "adam", dict(lr=0.1)),
    ("adam_weight_decay", "adam", dict(lr=0.05, weight_decay=0.1)),
    ("adam_betas_eps", "adam", dict(lr=0.02, betas=(0.8, 0.99), eps=1e-6)),
]


def make_optimizer_cases():
    cases = []
    for name, kind, options in OPTIMIZERS:
        params = [torch.randn(3, 2).requires_grad_(True), torch.randn(2).requires_grad_(True)]
        initial = [flat(p) for p in params]
        opt = torch.optim.SGD(params, **options) if kind == "sgd" else torch.optim.Adam(params, **options)
        grads, after = [], []
        for _ in range(3):
            step_grads = [torch.randn(p.shape) for p in params]
            for p, g in zip(params, step_grads):
                p.grad = g.clone()
            opt.step()
            grads.append([flat(g) for g in step_grads])
            after.append([flat(p) for p in params])
        options = {k: (list(v) if isinstance(v, tuple) else v) for k, v in options.items()}
        cases.append({"name": name, "optimizer": kind, "options": options,
                      "shapes": [list(p.shape) for p in params], "initial": initial,
                      "grads": grads, "after": after})
    return cases


def make_sequential_case():
    model = nn.Sequential(nn.Conv2d(2, 3, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                          nn.Linear(12, 4), nn.Tanh(), nn.Linear(4, 3))
    x = torch.randn(2, 2, 4, 4).requires_grad_(True)
    target = torch.tensor([2.0, 0.0])
    out = model(x)
    loss = F.cross_entropy(out, target.long())
    loss.backward()
    state = model.state_dict()
    return {"name": "small_cnn", "input_shape": list(x.shape), "input": flat(x), "target": flat(target),
            "parameters": [{"name": k, "shape": list(v.shape), "values": flat(v)} for k, v in state.items()],
            "output_shape": list(out.shape), "output": flat(out), "loss": float(str(loss.item())),
            "grad_input": flat(x.grad),
            "grads": [{"name": k, "values": flat(p.grad)} for k, p in model.named_parameters()]}


def main():
    losses = make_loss_cases()
    write_json(os.path.join(HERE, "nn_losses.json"), {"generator": GENERATOR, "dtype": "float32", "reduction": "mean"}, losses)
    optimizers = make_optimizer_cases()
    write_json(os.path.join(HERE, "nn_optimizers.json"), {"generator": GENERATOR, "dtype": "float32"}, optimizers)
    write_json(os.path.join(HERE, "nn_sequential.json"), {"generator": GENERATOR, "dtype": "float32"}, [make_sequential_case()])
    print(f"losses: {len(losses)} cases; optimizers: {len(optimizers)} cases; sequential: 1 case")


if __name__ == "__main__":
    main()
