#!/usr/bin/python3
"""Writes small fastMRI-layout HDF5 test files with h5py (Debian: apt-get install python3-h5py python3-numpy).

Run from this folder: python3 make_fastmri_h5.py. Deterministic. Layout as in the fastMRI data set:
  kspace             complex64 [slices][coils][rows][cols] (multicoil) or [slices][rows][cols] (singlecoil)
  reconstruction_rss float32   [slices][reconRows][reconCols]: RSS of the fully sampled coil images,
                               centre-cropped to the recon matrix size
  mask               float32 [cols] (only in the undersampled file)
  ismrmrd_header     XML string with encodedSpace and reconSpace matrix sizes
  attrs: acquisition, max, norm, patient_id, acceleration/num_low_frequencies (undersampled file)
multicoil_full_no_rss.h5 has no reconstruction_rss: the reader must crop its own RSS to the reconSpace size.
"""
import numpy as np
import h5py

rng = np.random.default_rng(7)
slices, coils, rows, cols = 2, 4, 40, 32
recon_rows, recon_cols = 32, 32

def fft2c(x):
    return np.fft.fftshift(np.fft.fft2(np.fft.ifftshift(x, axes=(-2, -1)), norm="ortho"), axes=(-2, -1))

def ifft2c(k):
    return np.fft.fftshift(np.fft.ifft2(np.fft.ifftshift(k, axes=(-2, -1)), norm="ortho"), axes=(-2, -1))

y, x = np.mgrid[:rows, :cols]
images = []
for s in range(slices):
    img = ((x - cols / 2) ** 2 / 12 ** 2 + (y - rows / 2) ** 2 / 15 ** 2 <= 1).astype(np.float64)
    img[14 + s:20 + s, 10:16] += 0.5
    images.append(img * np.exp(1j * 0.3 * (x / cols)))
images = np.array(images)
maps = np.array([np.exp(-((x - cols * (0.2 + 0.6 * (c % 2))) ** 2 + (y - rows * (0.2 + 0.6 * (c // 2))) ** 2) / 800.0)
                 * np.exp(1j * c * 0.7) for c in range(coils)])
kspace = fft2c(images[:, None] * maps[None]).astype(np.complex64)
rss = np.sqrt((np.abs(ifft2c(kspace)) ** 2).sum(axis=1))
r0, c0 = (rows - recon_rows) // 2, (cols - recon_cols) // 2
rss = rss[:, r0:r0 + recon_rows, c0:c0 + recon_cols].astype(np.float32)

header = f"""<?xml version="1.0" encoding="utf-8"?>
<ismrmrdHeader xmlns="http://www.ismrm.org/ISMRMRD">
<encoding>
<encodedSpace><matrixSize><x>{rows}</x><y>{cols}</y><z>1</z></matrixSize></encodedSpace>
<reconSpace><matrixSize><x>{recon_rows}</x><y>{recon_cols}</y><z>1</z></matrixSize></reconSpace>
</encoding>
</ismrmrdHeader>"""

def write(name, k, mask=None, with_rss=True):
    with h5py.File(name, "w") as f:
        f.create_dataset("kspace", data=k)
        if with_rss:
            f.create_dataset("reconstruction_rss", data=rss)
        f.create_dataset("ismrmrd_header", data=header)
        if mask is not None:
            f.create_dataset("mask", data=mask.astype(np.float32))
            f.attrs["acceleration"] = 4
            f.attrs["num_low_frequencies"] = 4
        f.attrs["acquisition"] = "CORPD_FBK"
        f.attrs["max"] = float(rss.max())
        f.attrs["norm"] = float(np.linalg.norm(rss))
        f.attrs["patient_id"] = "synthetic"

write("multicoil_full.h5", kspace)
write("multicoil_full_no_rss.h5", kspace, with_rss=False)
mask = np.zeros(cols, bool); mask[::4] = True; mask[cols // 2 - 2: cols // 2 + 2] = True
write("multicoil_masked.h5", kspace * mask[None, None, None, :], mask)
np.save("multicoil_full_kspace.npy", kspace)
np.save("multicoil_full_rss.npy", rss)
