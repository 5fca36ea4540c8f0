#!/usr/bin/python3
"""CT_small.dcm and MR_small.dcm are pydicom's own test files (Debian python3-pydicom,
/usr/lib/python3/dist-packages/pydicom/data/test_files/, distributed with pydicom under its MIT licence).
This script writes what pydicom reads from them: stored values times RescaleSlope plus RescaleIntercept."""
import numpy as np
import pydicom
for name in ["CT_small", "MR_small"]:
    d = pydicom.dcmread(name + ".dcm")
    a = d.pixel_array.astype(np.float64) * float(getattr(d, "RescaleSlope", 1)) + float(getattr(d, "RescaleIntercept", 0))
    np.save(name + "_values.npy", a.astype(np.float32))
    print(name, d.Modality, a.shape, d.PixelRepresentation, getattr(d, "RescaleSlope", None), getattr(d, "RescaleIntercept", None))
