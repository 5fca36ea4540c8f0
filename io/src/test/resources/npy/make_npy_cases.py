#!/usr/bin/python3
"""Writes small .npy files of many dtypes and orders with NumPy, for the reader's tests. Deterministic.
Each case holds the values of `base` (a 3x4 or 2x3x4 array) in another representation."""
import numpy as np

base = np.arange(12, dtype=np.float64).reshape(3, 4) - 5.5
np.save("f4_c.npy", base.astype("<f4"))
np.save("f8_c.npy", base.astype("<f8"))
np.save("f2_c.npy", base.astype("<f2"))
np.save("f4_big_endian.npy", base.astype(">f4"))
np.save("f4_fortran.npy", np.asfortranarray(base.astype("<f4")))
np.save("i2_c.npy", np.round(base).astype("<i2"))
np.save("u1_c.npy", (np.abs(np.round(base))).astype("u1"))
np.save("bool_c.npy", base > 0)
cplx = (base + 1j * (base * 2)).astype(np.complex64)
np.save("c8_c.npy", cplx)
np.save("c16_c.npy", cplx.astype(np.complex128))
vol = (np.arange(24).reshape(2, 3, 4) + 1j * np.arange(24).reshape(2, 3, 4)[::-1]).astype(np.complex64)
np.save("c8_3d_fortran.npy", np.asfortranarray(vol))
np.save("c8_3d_c.npy", vol)
