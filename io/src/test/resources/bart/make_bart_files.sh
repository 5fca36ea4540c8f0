#!/usr/bin/env bash
# Writes small BART test files with BART itself (Debian: apt-get install bart; checked with v0.8.00).
# Run from this folder. Deterministic (fixed Poisson seed).
set -euo pipefail
bart phantom -x 64 -s 4 -k ksp64                        # 64x64, 4 coils, k-space of BART's phantom
bart fft -i -u 3 ksp64 coilimg64                         # unitary centered inverse FFT over x, y
bart rss 8 coilimg64 rss64                               # root sum of squares over coils
bart poisson -Y 64 -Z 64 -y 1.8 -z 1.8 -C 20 -s 3 pat64  # Poisson-disc pattern in dims 1, 2
bart transpose 1 0 pat64 tmp64
bart transpose 2 1 tmp64 mask64                          # pattern moved to dims 0, 1
bart fmac ksp64 mask64 uksp64                            # undersampled k-space
bart ecalib -m1 uksp64 sens64                            # ESPIRiT maps, one set
rm -f coilimg64.* pat64.* tmp64.*
