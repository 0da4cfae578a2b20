#!/usr/bin/env python3
"""Cut the small, class-balanced Fashion-MNIST subset that DeepPrep commits to the repository.

One-off tool; plain Python 3, standard library only. Run it again to check the committed files:

    sudo apt-get install dataset-fashion-mnist      # puts the full set in /usr/share/datasets/fashion-mnist
    python3 datasets/make-fashion-mnist-subset.py   # writes datasets/fashion-mnist-subset/*.gz

The rule (no random numbers, so it is reproducible on any Python version):
  train: the first 600 images of each class, in the order they appear in the full training file (6,000 images)
  test:  the first 100 images of each class, in the order they appear in the full test file (1,000 images)
The chosen images keep their original relative order, so classes stay interleaved as in the source.
The full files are already in random order, so "the first k of each class" is an unbiased sample.

Output: gzipped IDX files with the same names as the originals, written with mtime=0 so that the
bytes do not depend on the day the script ran.
"""

import argparse
import gzip
import os
import struct
import sys

TRAIN_PER_CLASS = 600
TEST_PER_CLASS = 100
CLASS_COUNT = 10


def read_idx(path):
    """Return (dims, payload bytes) of a gzipped or raw IDX file holding unsigned bytes."""
    with open(path, "rb") as f:
        raw = f.read()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    if len(raw) < 4 or raw[0] != 0 or raw[1] != 0:
        sys.exit(f"{path}: not an IDX file (bad magic)")
    if raw[2] != 0x08:
        sys.exit(f"{path}: element type 0x{raw[2]:02x}, expected 0x08 (unsigned byte)")
    ndims = raw[3]
    dims = struct.unpack(">" + "I" * ndims, raw[4:4 + 4 * ndims])
    payload = raw[4 + 4 * ndims:]
    expected = 1
    for d in dims:
        expected *= d
    if len(payload) != expected:
        sys.exit(f"{path}: expected {expected} data bytes for shape {dims}, got {len(payload)}")
    return dims, payload


def write_idx_gz(path, dims, payload):
    header = bytes([0, 0, 0x08, len(dims)]) + struct.pack(">" + "I" * len(dims), *dims)
    with open(path, "wb") as f:
        # filename="" and mtime=0 keep the gzip header free of anything that changes between runs.
        with gzip.GzipFile(filename="", mode="wb", fileobj=f, compresslevel=9, mtime=0) as gz:
            gz.write(header)
            gz.write(payload)


def first_k_per_class(labels, k):
    """Indices of the first k examples of each class, in file order."""
    taken = [0] * CLASS_COUNT
    chosen = []
    for i, label in enumerate(labels):
        if taken[label] < k:
            taken[label] += 1
            chosen.append(i)
    if any(t < k for t in taken):
        sys.exit(f"some class has fewer than {k} examples: {taken}")
    return chosen


def make_split(source, target, prefix, per_class):
    label_dims, labels = read_idx(os.path.join(source, f"{prefix}-labels-idx1-ubyte.gz"))
    image_dims, images = read_idx(os.path.join(source, f"{prefix}-images-idx3-ubyte.gz"))
    n, rows, cols = image_dims
    if label_dims != (n,):
        sys.exit(f"{prefix}: {label_dims[0]} labels for {n} images")
    chosen = first_k_per_class(labels, per_class)
    pixels = rows * cols
    subset_images = b"".join(images[i * pixels:(i + 1) * pixels] for i in chosen)
    subset_labels = bytes(labels[i] for i in chosen)
    write_idx_gz(os.path.join(target, f"{prefix}-images-idx3-ubyte.gz"), (len(chosen), rows, cols), subset_images)
    write_idx_gz(os.path.join(target, f"{prefix}-labels-idx1-ubyte.gz"), (len(chosen),), subset_labels)
    print(f"{prefix}: {len(chosen)} of {n} images ({per_class} per class), first source index {chosen[0]}, last {chosen[-1]}")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--source", default="/usr/share/datasets/fashion-mnist",
                        help="folder with the four full-size IDX .gz files (default: the Debian package's folder)")
    parser.add_argument("--target", default=os.path.join(here, "fashion-mnist-subset"),
                        help="output folder (default: datasets/fashion-mnist-subset next to this script)")
    args = parser.parse_args()
    os.makedirs(args.target, exist_ok=True)
    make_split(args.source, args.target, "train", TRAIN_PER_CLASS)
    make_split(args.source, args.target, "t10k", TEST_PER_CLASS)


if __name__ == "__main__":
    main()
