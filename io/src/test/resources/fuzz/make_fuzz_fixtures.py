# Hostile HDF5 inputs for the reader fuzz suite that byte edits cannot make, written with h5py from the
# other test files (Debian: apt-get install python3-h5py). Run from this folder:  /usr/bin/python3 make_fuzz_fixtures.py
import shutil
import h5py
import numpy as np

# fastMRI: /kspace a soft link to /a, /a to /kspace (a loop); and one k-space value 3e38 (finite, extreme).
shutil.copy("../fastmri/multicoil_masked.h5", "fastmri_softlink_loop.h5")
with h5py.File("fastmri_softlink_loop.h5", "r+") as f:
    del f["kspace"]
    f["kspace"] = h5py.SoftLink("/a")
    f["a"] = h5py.SoftLink("/kspace")
shutil.copy("../fastmri/multicoil_masked.h5", "fastmri_extreme.h5")
with h5py.File("fastmri_extreme.h5", "r+") as f:
    k = f["kspace"][...]
    k.flat[1234] = 3e38
    f["kspace"][...] = k

# ISMRMRD: every sample NaN; one acquisition with idx.slice = 2000; one sample 3e38 (finite, extreme).
for name, edit in [("ismrmrd_all_nan.h5", "nan"), ("ismrmrd_slice_2000.h5", "slice"), ("ismrmrd_extreme.h5", "extreme")]:
    shutil.copy("../ismrmrd/full.h5", name)
    with h5py.File(name, "r+") as f:
        d = f["dataset/data"]
        rows = d[...]
        if edit == "nan":
            for r in rows:
                r["data"][:] = np.nan
        elif edit == "extreme":
            rows[len(rows) // 2]["data"][7] = 3e38
        else:
            rows[len(rows) // 2]["head"]["idx"]["slice"] = 2000
        d[...] = rows
