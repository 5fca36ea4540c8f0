package org.reconwb.ui.volume;

import org.reconwb.recon.data.ImageVolume;
import org.reconwb.recon.numeric.ComputePool;

/**
 * Volume rendering on the CPU, the renderer that always works (no display, no OpenGL). The three planes are
 * projected voxel by voxel along the volume's own axes; other directions cast parallel rays through the volume's
 * bounding sphere with trilinear samples every half voxel. Voxels are taken as cubes.
 */
public final class CpuVolumeRenderer implements VolumeRenderer {
    /** Samples along turned rays, in voxels. */
    static final double STEP = 0.5;

    @Override
    public String description() {
        return "cpu (ray casting in Java, " + ComputePool.threads() + " threads)";
    }

    @Override
    public Picture render(ImageVolume volume, VolumeView view) {
        Picture native_ = view.direction().plane() ? plane(volume, view) : rays(volume, view);
        return native_.scaledTo(view.size());
    }

    /** The windowed value in [0, 1]. */
    private static float windowed(float v, VolumeView view) {
        return (float) Math.max(0, Math.min(1, (v - view.low()) / (view.high() - view.low())));
    }

    /** Along the slice, row or column axis, one voxel per step. */
    private static Picture plane(ImageVolume v, VolumeView view) {
        int slices = v.slices(), rows = v.rows(), cols = v.cols();
        VolumeView.Direction d = view.direction();
        // picture axes and the axis the rays run along, as (slice, row, column) strides
        int height, width, depth, strideV, strideU, strideD;
        if (d == VolumeView.Direction.AXIAL) {
            height = rows;
            width = cols;
            depth = slices;
            strideV = cols;
            strideU = 1;
            strideD = rows * cols;
        } else if (d == VolumeView.Direction.CORONAL) {
            height = slices;
            width = cols;
            depth = rows;
            strideV = rows * cols;
            strideU = 1;
            strideD = cols;
        } else {
            height = slices;
            width = rows;
            depth = cols;
            strideV = rows * cols;
            strideU = cols;
            strideD = 1;
        }
        float[] data = v.data(), out = new float[height * width];
        VolumeView.Opacity opacity = view.opacity();
        double alpha = opacity.alpha(1);
        boolean slicesUp = d != VolumeView.Direction.AXIAL; // picture rows are slices: the last one on top
        // front to back as the rays of the same direction run (the sagittal camera looks from the last column)
        int first = d == VolumeView.Direction.SAGITTAL ? (depth - 1) * strideD : 0, step = d == VolumeView.Direction.SAGITTAL ? -strideD : strideD;
        ComputePool.forEach(height, y -> {
            int along = slicesUp ? height - 1 - y : y;
            for (int x = 0; x < width; x++) {
                int base = along * strideV + x * strideU + first;
                if (view.mode() == VolumeView.Mode.MIP) {
                    float max = Float.NEGATIVE_INFINITY;
                    for (int z = 0; z < depth; z++) {
                        max = Math.max(max, data[base + z * step]);
                    }
                    out[y * width + x] = windowed(max, view);
                } else {
                    double colour = 0, transmitted = 1;
                    for (int z = 0; z < depth && transmitted > 1e-3; z++) {
                        double w = windowed(data[base + z * step], view), a = opacity.ramp(w) * alpha;
                        colour += transmitted * a * w;
                        transmitted *= 1 - a;
                    }
                    out[y * width + x] = (float) colour;
                }
            }
        });
        return new Picture(height, width, out);
    }

    /** Parallel rays in any direction, through a square as wide as the volume's bounding sphere. */
    private static Picture rays(ImageVolume v, VolumeView view) {
        int slices = v.slices(), rows = v.rows(), cols = v.cols();
        double az = Math.toRadians(view.direction().azimuth()), el = Math.toRadians(view.direction().elevation());
        // R = Rz(az) Rx(el) applied to the picture's axes: u (columns), v (rows) and the ray direction
        double[] u = rotate(1, 0, 0, az, el), w = rotate(0, 1, 0, az, el), d = rotate(0, 0, 1, az, el);
        double cx = (cols - 1) / 2.0, cy = (rows - 1) / 2.0, cz = (slices - 1) / 2.0;
        double radius = Math.sqrt(cx * cx + cy * cy + cz * cz) + 1;
        int n = (int) Math.ceil(2 * radius);
        int steps = (int) Math.ceil(2 * radius / STEP);
        float[] data = v.data(), out = new float[n * n];
        VolumeView.Opacity opacity = view.opacity();
        double alpha = opacity.alpha(STEP);
        ComputePool.forEach(n, py -> {
            for (int px = 0; px < n; px++) {
                double a = px - (n - 1) / 2.0, b = py - (n - 1) / 2.0;
                // start on the near side of the sphere, march along d
                double x = cx + a * u[0] + b * w[0] - radius * d[0];
                double y = cy + a * u[1] + b * w[1] - radius * d[1];
                double z = cz + a * u[2] + b * w[2] - radius * d[2];
                float max = Float.NEGATIVE_INFINITY;
                boolean hit = false;
                double colour = 0, transmitted = 1;
                for (int s = 0; s <= steps && transmitted > 1e-3; s++) {
                    double sx = x + s * STEP * d[0], sy = y + s * STEP * d[1], sz = z + s * STEP * d[2];
                    if (sx < 0 || sy < 0 || sz < 0 || sx > cols - 1 || sy > rows - 1 || sz > slices - 1) {
                        continue;
                    }
                    float value = trilinear(data, slices, rows, cols, sz, sy, sx);
                    hit = true;
                    if (view.mode() == VolumeView.Mode.MIP) {
                        max = Math.max(max, value);
                    } else {
                        double g = windowed(value, view), op = opacity.ramp(g) * alpha;
                        colour += transmitted * op * g;
                        transmitted *= 1 - op;
                    }
                }
                out[py * n + px] = view.mode() == VolumeView.Mode.MIP ? (hit ? windowed(max, view) : 0) : (float) colour;
            }
        });
        return new Picture(n, n, out);
    }

    /**
     * (x, y, z) (column, row, slice) tilted by the elevation about the column axis, the way that brings the last slice
     * to the top of the picture, then turned by the azimuth about the slice axis.
     */
    static double[] rotate(double x, double y, double z, double azimuth, double elevation) {
        double y1 = y * Math.cos(elevation) + z * Math.sin(elevation), z1 = -y * Math.sin(elevation) + z * Math.cos(elevation);
        return new double[] {x * Math.cos(azimuth) - y1 * Math.sin(azimuth), x * Math.sin(azimuth) + y1 * Math.cos(azimuth), z1};
    }

    private static float trilinear(float[] data, int slices, int rows, int cols, double z, double y, double x) {
        int z0 = Math.min((int) z, slices - 1), y0 = Math.min((int) y, rows - 1), x0 = Math.min((int) x, cols - 1);
        int z1 = Math.min(z0 + 1, slices - 1), y1 = Math.min(y0 + 1, rows - 1), x1 = Math.min(x0 + 1, cols - 1);
        double fz = z - z0, fy = y - y0, fx = x - x0;
        double c00 = data[(z0 * rows + y0) * cols + x0] * (1 - fx) + data[(z0 * rows + y0) * cols + x1] * fx;
        double c01 = data[(z0 * rows + y1) * cols + x0] * (1 - fx) + data[(z0 * rows + y1) * cols + x1] * fx;
        double c10 = data[(z1 * rows + y0) * cols + x0] * (1 - fx) + data[(z1 * rows + y0) * cols + x1] * fx;
        double c11 = data[(z1 * rows + y1) * cols + x0] * (1 - fx) + data[(z1 * rows + y1) * cols + x1] * fx;
        return (float) ((c00 * (1 - fy) + c01 * fy) * (1 - fz) + (c10 * (1 - fy) + c11 * fy) * fz);
    }
}
