#!/usr/bin/python3
"""Writes scikit-image sinograms for the CT tests (Debian: apt-get install python3-skimage). Deterministic.

shepp128.npy              float32 [128][128]: skimage's Shepp-Logan phantom resized to 128x128
shepp128_radon.npy        float32 [det][180]: radon(image, theta=0..179, circle=False), scikit-image's layout
shepp128_iradon.npy       float32 [128][128]: iradon(sinogram, theta, filter_name='ramp', circle=False)
shepp128_sparse_radon.npy float32 [det][12]: radon at theta=0..165 step 15 (sparse views)
shepp128_radon16.npy      float32 [det][12]: radon at theta=0..176 step 16 (every 16th degree: recon's --angles 0:180:16)
"""
import numpy as np
from skimage.data import shepp_logan_phantom
from skimage.transform import radon, iradon, resize

image = resize(shepp_logan_phantom(), (128, 128), anti_aliasing=True).astype(np.float64)
theta = np.arange(0, 180, 1.0)
sino = radon(image, theta=theta, circle=False)
np.save("shepp128.npy", image.astype(np.float32))
np.save("shepp128_radon.npy", sino.astype(np.float32))
np.save("shepp128_iradon.npy", iradon(sino, theta=theta, filter_name="ramp", circle=False).astype(np.float32))
np.save("shepp128_sparse_radon.npy", radon(image, theta=np.arange(0, 180, 15.0), circle=False).astype(np.float32))
np.save("shepp128_radon16.npy", radon(image, theta=np.arange(0, 180, 16.0), circle=False).astype(np.float32))
