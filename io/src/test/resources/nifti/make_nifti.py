#!/usr/bin/python3
"""Writes small NIfTI-1 test files with nibabel (Debian: apt-get install python3-nibabel). Deterministic.

int16_scaled.nii.gz  int16 [x=12][y=10][z=3] with scl_slope 0.5, scl_inter 1, voxel 0.9 x 1.1 x 2.5 mm
float32_be.nii       float32 big-endian, same values as the scaled file after scaling
values.npy           float32 [z][y][x]: the scaled values, as our reader should return them
"""
import numpy as np
import nibabel as nib

rng = np.random.default_rng(3)
raw = rng.integers(-300, 300, size=(12, 10, 3)).astype(np.int16)     # [x][y][z]
img = nib.Nifti1Image(raw, np.diag([0.9, 1.1, 2.5, 1]))
img.header.set_data_dtype(np.int16)
img.header.set_slope_inter(0.5, 1.0)
nib.save(img, "int16_scaled.nii.gz")
scaled = raw.astype(np.float32) * 0.5 + 1.0
be = nib.Nifti1Image(scaled.astype(">f4"), np.diag([0.9, 1.1, 2.5, 1]))
nib.save(be, "float32_be.nii")
np.save("values.npy", np.ascontiguousarray(scaled.transpose(2, 1, 0)))  # [z][y][x]
