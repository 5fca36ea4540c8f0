#!/usr/bin/python3
"""Writes a small fastMRI-layout HDF5 series with h5py (Debian: apt-get install python3-h5py python3-numpy).

Run from this folder: python3 make_dynamic_h5.py. Deterministic. Layout as the design's dynamic fastMRI files:
  kspace             complex64 [slices][frames][coils][rows][cols], zero where frame f did not acquire (the columns
                     f, f + 3, f + 6, ...: a kt-equispaced pattern at 3x, no centre)
  reconstruction_rss float32   [slices][frames][rows][cols]: RSS of the fully sampled coil images
"""
import numpy as np
import h5py

slices, frames, coils, rows, cols = 2, 3, 2, 8, 12

def fft2c(x):
    return np.fft.fftshift(np.fft.fft2(np.fft.ifftshift(x, axes=(-2, -1)), norm="ortho"), axes=(-2, -1))

def ifft2c(k):
    return np.fft.fftshift(np.fft.ifft2(np.fft.ifftshift(k, axes=(-2, -1)), norm="ortho"), axes=(-2, -1))

y, x = np.mgrid[:rows, :cols]
maps = np.array([np.exp(-((x - cols * (0.3 + 0.4 * c)) ** 2 + (y - rows / 2) ** 2) / 60.0) for c in range(coils)])
images = np.zeros((slices, frames, rows, cols))
for s in range(slices):
    for f in range(frames):
        images[s, f] = ((x - cols / 2 - f) ** 2 / 4 ** 2 + (y - rows / 2) ** 2 / 3 ** 2 <= 1) * (1 + s)
full = fft2c(images[:, :, None] * maps[None, None]).astype(np.complex64)
rss = np.sqrt((np.abs(ifft2c(full)) ** 2).sum(axis=2)).astype(np.float32)
kspace = full.copy()
for f in range(frames):
    kspace[:, f, :, :, [c for c in range(cols) if c % 3 != f]] = 0
with h5py.File("dynamic_masked.h5", "w") as h:
    h.create_dataset("kspace", data=kspace)
    h.create_dataset("reconstruction_rss", data=rss)
    h.attrs["acquisition"] = "synthetic cine"
