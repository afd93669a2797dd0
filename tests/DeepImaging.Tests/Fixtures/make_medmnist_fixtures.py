#!/usr/bin/python3
"""Write tiny files in MedMNIST's .npz format, and broken .npy files, for the DeepImaging.Data.MedMnist tests.

MedMNIST (Yang et al. 2023, https://medmnist.com) ships each data set as one .npz file: a zip of .npy arrays named
train_images, train_labels, val_images, val_labels, test_images and test_labels. Images are uint8, (N, 28, 28) for
grey data sets (PneumoniaMNIST, BreastMNIST, ...) and (N, 28, 28, 3) for colour ones (RetinaMNIST, PathMNIST, ...);
labels are uint8 (N, 1), or (N, 14) for the multi-label ChestMNIST. The files written here have the same layout with
a few random images each. Everything goes to medmnist/ next to this script, with medmnist.json describing the
expected contents (shapes, every value of the small arrays, sums of the images) as numpy reads them.

Rerun from the repository root with Debian's interpreter (it has numpy):
    /usr/bin/python3 tests/DeepImaging.Tests/Fixtures/make_medmnist_fixtures.py
Seeded (numpy.random.default_rng(12)); savez_compressed output depends on the zlib version, the contents do not.
"""

import json
import os

import numpy as np

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "medmnist")
rng = np.random.default_rng(12)


def medmnist(name, counts, image_shape, label_width, classes, compressed=True, label_dtype=np.uint8):
    """A MedMNIST-like file; image_shape (28, 28) or (28, 28, 3); labels (N, label_width) in 0..classes - 1."""
    arrays = {}
    for split, n in zip(("train", "val", "test"), counts):
        arrays[f"{split}_images"] = rng.integers(0, 256, size=(n, *image_shape), dtype=np.uint8)
        # 0, 1, 2, ... cycling through the classes, in random order.
        arrays[f"{split}_labels"] = rng.permutation(np.arange(n * label_width) % classes).reshape(n, label_width).astype(label_dtype)
    (np.savez_compressed if compressed else np.savez)(os.path.join(HERE, name), **arrays)
    expected = {}
    for key, a in arrays.items():
        entry = {"shape": list(a.shape), "dtype": a.dtype.str, "sum": int(a.astype(np.int64).sum())}
        if key.endswith("_labels"):
            entry["values"] = [int(v) for v in a.ravel()]
        else:
            entry["first_image_start"] = [int(v) for v in a[0].ravel()[:30]]
        expected[key] = entry
    return expected


def dtypes():
    """One array per dtype the reader accepts, with the values numpy holds (as floats)."""
    values = np.array([0, 1, 2, 7, 100, 127], dtype=np.int64)
    arrays = {
        "u1": values.astype("|u1"), "i1": (values - 50).astype("|i1"), "b1": (values % 2 == 1),
        "u2_le": (values * 300).astype("<u2"), "i2_be": (values * -200).astype(">i2"),
        "i4_le": (values * -70000).astype("<i4"), "u4_be": (values * 70000).astype(">u4"),
        "i8_le": (values - 3).astype("<i8"), "u8_le": values.astype("<u8"),
        "f2_le": (values / 4).astype("<f2"), "f4_le": (values / 3).astype("<f4"), "f8_be": (values / 7).astype(">f8"),
        "scalar_f4": np.array(2.5, dtype="<f4"), "matrix_i2": np.arange(12, dtype="<i2").reshape(3, 4),
        "empty_u1": np.zeros((0, 3), dtype=np.uint8),
    }
    np.savez(os.path.join(HERE, "npy_dtypes.npz"), **arrays)
    return {k: {"shape": list(a.shape), "dtype": a.dtype.str, "values": [float(v) for v in a.ravel()]} for k, a in arrays.items()}


def broken():
    """.npy files that must be refused, each with the reason the reader has to give."""
    def save(name, array, **kwargs):
        np.save(os.path.join(HERE, name), array, **kwargs)
        return os.path.join(HERE, name)

    save("fortran_order.npy", np.asfortranarray(np.arange(6, dtype=np.uint8).reshape(2, 3)))
    save("object_pickle.npy", np.array([{"a": 1}, None], dtype=object), allow_pickle=True)
    save("structured.npy", np.zeros(2, dtype=[("a", "<i4"), ("b", "<f4")]))
    save("complex.npy", np.zeros(2, dtype="<c8"))
    save("unicode.npy", np.array(["ab", "c"]))
    path = save("truncated.npy", np.arange(100, dtype="<i4"))
    with open(path, "r+b") as f:
        f.truncate(os.path.getsize(path) - 10)
    path = save("trailing_bytes.npy", np.arange(4, dtype=np.uint8))
    with open(path, "ab") as f:
        f.write(b"\x00\x01")
    with open(os.path.join(HERE, "bad_magic.npy"), "wb") as f:
        f.write(b"PK\x03\x04 this is not a numpy file")
    # A version 1.0 header that is not a Python dict literal.
    header = b"{'descr': '|u1', 'fortran_order': False, 'shape': (2, 3), 'extra': ???}"
    header += b" " * (63 - (10 + len(header)) % 64) + b"\n"
    with open(os.path.join(HERE, "bad_header.npy"), "wb") as f:
        f.write(b"\x93NUMPY\x01\x00" + len(header).to_bytes(2, "little") + header + bytes(6))


def broken_npz():
    images = rng.integers(0, 256, size=(2, 28, 28), dtype=np.uint8)
    labels = np.zeros((2, 1), dtype=np.uint8)
    np.savez(os.path.join(HERE, "missing_test.npz"), train_images=images, train_labels=labels, val_images=images, val_labels=labels)
    np.savez(os.path.join(HERE, "label_count_mismatch.npz"), train_images=images, train_labels=labels[:1],
             val_images=images, val_labels=labels, test_images=images, test_labels=labels)
    small = images[:, :4, :4] / 255.0
    np.savez(os.path.join(HERE, "float_images.npz"), train_images=small, train_labels=labels,
             val_images=small, val_labels=labels, test_images=small, test_labels=labels)
    # OrganMNIST3D and the other 3-D sets hold volumes (N, 28, 28, 28); a small one here.
    volumes = rng.integers(0, 256, size=(1, 6, 6, 6), dtype=np.uint8)
    one = np.zeros((1, 1), dtype=np.uint8)
    np.savez(os.path.join(HERE, "volumes_3d.npz"), train_images=volumes, train_labels=one, val_images=volumes, val_labels=one,
             test_images=volumes, test_labels=one)


def main():
    os.makedirs(HERE, exist_ok=True)
    expected = {
        "generator": f"numpy {np.__version__}, tests/DeepImaging.Tests/Fixtures/make_medmnist_fixtures.py",
        "pneumonia_like.npz": medmnist("pneumonia_like.npz", (5, 2, 3), (28, 28), 1, 2),
        "retina_like.npz": medmnist("retina_like.npz", (3, 1, 2), (28, 28, 3), 1, 5, compressed=False),
        "chest_like.npz": medmnist("chest_like.npz", (2, 1, 1), (28, 28), 14, 2),
        "int64_labels.npz": medmnist("int64_labels.npz", (2, 1, 1), (28, 28), 1, 3, label_dtype="<i8"),
        "npy_dtypes.npz": dtypes(),
    }
    broken()
    broken_npz()
    with open(os.path.join(HERE, "medmnist.json"), "w", encoding="utf-8") as f:
        json.dump(expected, f, indent=1)
        f.write("\n")
    print("written:", ", ".join(sorted(os.listdir(HERE))))


if __name__ == "__main__":
    main()
