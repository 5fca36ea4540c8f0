package org.reconwb.ui.volume;

import com.jogamp.opengl.GL;
import com.jogamp.opengl.GL2ES2;
import com.jogamp.opengl.GL3;
import com.jogamp.opengl.GLCapabilities;
import com.jogamp.opengl.GLContext;
import com.jogamp.opengl.GLDrawableFactory;
import com.jogamp.opengl.GLException;
import com.jogamp.opengl.GLOffscreenAutoDrawable;
import com.jogamp.opengl.GLProfile;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import org.reconwb.recon.data.ImageVolume;

/**
 * Volume rendering on the GPU with OpenGL (JOGL): the volume as a 3D float texture, one fragment per picture pixel
 * casting its ray in a GLSL shader, drawn offscreen (FBO) and read back. The same projections as
 * {@link CpuVolumeRenderer}, by the same arithmetic: the three planes voxel by voxel (texel fetches), other directions
 * by parallel rays through the bounding sphere with trilinear samples every half voxel (the texture's linear
 * filtering), so the two renderers' pictures agree pixel by pixel up to rounding.
 *
 * <p>One offscreen drawable, its context and the compiled shader serve every picture, and the volume's texture is
 * uploaded again only when the volume changes, so turning a view costs one draw. Not thread-safe: one thread renders
 * (the context is made current for each picture and released after it).
 */
public final class JoglVolumeRenderer implements VolumeRenderer {
    private static final String VERTEX = """
            #version 330 core
            const vec2 corners[3] = vec2[3](vec2(-1.0, -1.0), vec2(3.0, -1.0), vec2(-1.0, 3.0));
            void main() { gl_Position = vec4(corners[gl_VertexID], 0.0, 1.0); }
            """;
    private static final String FRAGMENT = """
            #version 330 core
            uniform sampler3D volume;
            uniform ivec3 dims;          // columns, rows, slices
            uniform int plane;           // 0 rays, 1 axial, 2 coronal, 3 sagittal
            uniform int composite;       // 0 MIP, 1 front-to-back
            uniform float low, high, alphaVoxel, alphaStep, stepLength, radius, opacityFrom, opacityTo;
            uniform int height, steps, size;
            uniform vec3 u, w, d, centre;
            out vec4 colour;
            float windowed(float v) { return clamp((v - low) / (high - low), 0.0, 1.0); }
            float ramp(float g) { return clamp((g - opacityFrom) / (opacityTo - opacityFrom), 0.0, 1.0); }
            void main() {
                int px = int(gl_FragCoord.x);
                int py = height - 1 - int(gl_FragCoord.y);
                if (plane > 0) {
                    int depth = plane == 1 ? dims.z : plane == 2 ? dims.y : dims.x;
                    float best = -3.0e38, light = 0.0, through = 1.0;
                    for (int k = 0; k < depth; k++) {
                        ivec3 at = plane == 1 ? ivec3(px, py, k)
                                 : plane == 2 ? ivec3(px, k, dims.z - 1 - py)
                                 : ivec3(dims.x - 1 - k, px, dims.z - 1 - py);
                        float v = texelFetch(volume, at, 0).r;
                        if (composite == 0) {
                            best = max(best, v);
                        } else {
                            if (through <= 1.0e-3) break;
                            float g = windowed(v), a = ramp(g) * alphaVoxel;
                            light += through * a * g;
                            through *= 1.0 - a;
                        }
                    }
                    colour = vec4(composite == 0 ? windowed(best) : light, 0.0, 0.0, 1.0);
                    return;
                }
                float a = float(px) - float(size - 1) / 2.0, b = float(py) - float(size - 1) / 2.0;
                vec3 start = centre + a * u + b * w - radius * d;
                float best = -3.0e38, light = 0.0, through = 1.0;
                bool hit = false;
                for (int s = 0; s <= steps; s++) {
                    if (composite == 1 && through <= 1.0e-3) break;
                    vec3 p = start + float(s) * stepLength * d;
                    if (any(lessThan(p, vec3(0.0))) || any(greaterThan(p, vec3(dims - 1)))) continue;
                    float v = texture(volume, (p + 0.5) / vec3(dims)).r;
                    hit = true;
                    if (composite == 0) {
                        best = max(best, v);
                    } else {
                        float g = windowed(v), op = ramp(g) * alphaStep;
                        light += through * op * g;
                        through *= 1.0 - op;
                    }
                }
                colour = vec4(composite == 0 ? (hit ? windowed(best) : 0.0) : light, 0.0, 0.0, 1.0);
            }
            """;

    private final GLProfile profile;
    private GLOffscreenAutoDrawable drawable;
    private int program, vao;
    /** What OpenGL says draws (GL_RENDERER), once a context exists. */
    private String device = "";
    /**
     * Textures of the volumes shown last, by their voxel arrays (identity: volumes are not changed in place here), at
     * most two: a volume and the one beside it, drawn in turn, are each uploaded once.
     */
    private final java.util.LinkedHashMap<float[], Integer> textures = new java.util.LinkedHashMap<>(4, 0.75f, true);

    private JoglVolumeRenderer(GLProfile profile) {
        this.profile = profile;
    }

    /** The renderer when this machine has OpenGL 3.3 (a display, or a virtual one such as Xvfb), else a reason why not. */
    public static JoglVolumeRenderer open() {
        try {
            return new JoglVolumeRenderer(GLProfile.get(GLProfile.GL3));
        } catch (GLException | UnsatisfiedLinkError | ExceptionInInitializerError | NoClassDefFoundError e) {
            throw new IllegalStateException("no OpenGL 3.3 here (" + oneLine(e) + ")", e);
        }
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m);
    }

    @Override
    public String description() {
        return "jogl (OpenGL " + profile.getName() + " offscreen" + (device.isEmpty() ? "" : ", " + device) + ")";
    }

    @Override
    public Picture render(ImageVolume v, VolumeView view) {
        int slices = v.slices(), rows = v.rows(), cols = v.cols();
        VolumeView.Direction dir = view.direction();
        int plane = dir == VolumeView.Direction.AXIAL ? 1 : dir == VolumeView.Direction.CORONAL ? 2 : dir == VolumeView.Direction.SAGITTAL ? 3 : 0;
        double cx = (cols - 1) / 2.0, cy = (rows - 1) / 2.0, cz = (slices - 1) / 2.0;
        double radius = Math.sqrt(cx * cx + cy * cy + cz * cz) + 1;
        int n = (int) Math.ceil(2 * radius);
        int height = plane == 0 ? n : plane == 1 ? rows : slices, width = plane == 0 ? n : plane == 3 ? rows : cols;
        GLContext context = contextFor(width, height);
        try {
            GL3 gl = drawable.getGL().getGL3();
            gl.glBindTexture(GL3.GL_TEXTURE_3D, textureOf(gl, v));
            gl.glUseProgram(program);
            double az = Math.toRadians(dir.azimuth()), el = Math.toRadians(dir.elevation());
            double[] u = CpuVolumeRenderer.rotate(1, 0, 0, az, el), w = CpuVolumeRenderer.rotate(0, 1, 0, az, el),
                    d = CpuVolumeRenderer.rotate(0, 0, 1, az, el);
            gl.glUniform1i(gl.glGetUniformLocation(program, "volume"), 0);
            gl.glUniform3i(gl.glGetUniformLocation(program, "dims"), cols, rows, slices);
            gl.glUniform1i(gl.glGetUniformLocation(program, "plane"), plane);
            gl.glUniform1i(gl.glGetUniformLocation(program, "composite"), view.mode() == VolumeView.Mode.MIP ? 0 : 1);
            gl.glUniform1f(gl.glGetUniformLocation(program, "low"), (float) view.low());
            gl.glUniform1f(gl.glGetUniformLocation(program, "high"), (float) view.high());
            gl.glUniform1f(gl.glGetUniformLocation(program, "alphaVoxel"), (float) view.opacity().alpha(1));
            gl.glUniform1f(gl.glGetUniformLocation(program, "alphaStep"), (float) view.opacity().alpha(CpuVolumeRenderer.STEP));
            gl.glUniform1f(gl.glGetUniformLocation(program, "opacityFrom"), (float) view.opacity().from());
            gl.glUniform1f(gl.glGetUniformLocation(program, "opacityTo"), (float) view.opacity().to());
            gl.glUniform1f(gl.glGetUniformLocation(program, "stepLength"), (float) CpuVolumeRenderer.STEP);
            gl.glUniform1f(gl.glGetUniformLocation(program, "radius"), (float) radius);
            gl.glUniform1i(gl.glGetUniformLocation(program, "height"), height);
            gl.glUniform1i(gl.glGetUniformLocation(program, "steps"), (int) Math.ceil(2 * radius / CpuVolumeRenderer.STEP));
            gl.glUniform1i(gl.glGetUniformLocation(program, "size"), n);
            gl.glUniform3f(gl.glGetUniformLocation(program, "u"), (float) u[0], (float) u[1], (float) u[2]);
            gl.glUniform3f(gl.glGetUniformLocation(program, "w"), (float) w[0], (float) w[1], (float) w[2]);
            gl.glUniform3f(gl.glGetUniformLocation(program, "d"), (float) d[0], (float) d[1], (float) d[2]);
            gl.glUniform3f(gl.glGetUniformLocation(program, "centre"), (float) cx, (float) cy, (float) cz);
            gl.glViewport(0, 0, width, height);
            gl.glDrawArrays(GL.GL_TRIANGLES, 0, 3);
            FloatBuffer pixels = FloatBuffer.allocate(width * height);
            gl.glPixelStorei(GL.GL_PACK_ALIGNMENT, 1);
            gl.glReadPixels(0, 0, width, height, GL3.GL_RED, GL.GL_FLOAT, pixels);
            int error = gl.glGetError();
            if (error != GL.GL_NO_ERROR) {
                throw new IllegalStateException("OpenGL error 0x" + Integer.toHexString(error) + " while rendering");
            }
            float[] grey = new float[width * height];
            for (int r = 0; r < height; r++) { // OpenGL's rows run bottom up
                pixels.position((height - 1 - r) * width);
                pixels.get(grey, r * width, width);
            }
            return new Picture(height, width, grey).scaledTo(view.size());
        } finally {
            context.release();
        }
    }

    /**
     * The drawable at this size with its context current: made, with the shader and the vertex array, on the
     * first picture; resized when a picture needs another size.
     */
    private GLContext contextFor(int width, int height) {
        boolean fresh = drawable == null;
        if (fresh) {
            GLCapabilities caps = new GLCapabilities(profile);
            caps.setOnscreen(false);
            caps.setFBO(true);
            caps.setRedBits(8);
            drawable = GLDrawableFactory.getFactory(profile).createOffscreenAutoDrawable(null, caps, null, width, height);
            drawable.display(); // realises the drawable and its context
        } else if (drawable.getSurfaceWidth() != width || drawable.getSurfaceHeight() != height) {
            drawable.setSurfaceSize(width, height);
        }
        GLContext context = drawable.getContext();
        if (context.makeCurrent() == GLContext.CONTEXT_NOT_CURRENT) {
            close();
            throw new IllegalStateException("the OpenGL context could not be made current");
        }
        if (fresh) {
            GL3 gl = drawable.getGL().getGL3();
            String name = gl.glGetString(GL.GL_RENDERER);
            device = name == null ? "" : name;
            program = program(gl);
            int[] ids = new int[1];
            gl.glGenVertexArrays(1, ids, 0);
            vao = ids[0];
            gl.glBindVertexArray(vao);
        }
        return context;
    }

    /** The texture holding this volume's voxels, uploaded now if it is not one of the last two shown. */
    private int textureOf(GL3 gl, ImageVolume v) {
        Integer known = textures.get(v.data());
        if (known != null) {
            return known;
        }
        if (textures.size() == 2) {
            var eldest = textures.entrySet().iterator().next();
            gl.glDeleteTextures(1, new int[] {eldest.getValue()}, 0);
            textures.remove(eldest.getKey());
        }
        int[] ids = new int[1];
        gl.glGenTextures(1, ids, 0);
        gl.glBindTexture(GL3.GL_TEXTURE_3D, ids[0]);
        for (int wrap : new int[] {GL.GL_TEXTURE_WRAP_S, GL.GL_TEXTURE_WRAP_T, GL3.GL_TEXTURE_WRAP_R}) {
            gl.glTexParameteri(GL3.GL_TEXTURE_3D, wrap, GL.GL_CLAMP_TO_EDGE);
        }
        gl.glTexParameteri(GL3.GL_TEXTURE_3D, GL.GL_TEXTURE_MIN_FILTER, GL.GL_LINEAR);
        gl.glTexParameteri(GL3.GL_TEXTURE_3D, GL.GL_TEXTURE_MAG_FILTER, GL.GL_LINEAR);
        gl.glPixelStorei(GL.GL_UNPACK_ALIGNMENT, 1);
        gl.glTexImage3D(GL3.GL_TEXTURE_3D, 0, GL3.GL_R32F, v.cols(), v.rows(), v.slices(), 0, GL3.GL_RED, GL.GL_FLOAT, FloatBuffer.wrap(v.data()));
        textures.put(v.data(), ids[0]);
        return ids[0];
    }

    /**
     * Whether the pictures so far were drawn by a software rasteriser (Mesa's llvmpipe or softpipe, SwiftShader): OpenGL
     * without a GPU, slower here than {@link CpuVolumeRenderer}. Known after the first picture.
     */
    public boolean software() {
        String d = device.toLowerCase(java.util.Locale.ROOT);
        return d.contains("llvmpipe") || d.contains("softpipe") || d.contains("swiftshader") || d.contains("software rasterizer");
    }

    /** Frees the drawable, its context and everything on it. */
    @Override
    public void close() {
        if (drawable != null) {
            drawable.destroy(); // with its context, the shader, vertex array and texture go
            drawable = null;
            textures.clear();
        }
    }

    private static int program(GL3 gl) {
        int program = gl.glCreateProgram();
        for (int[] stage : new int[][] {{GL2ES2.GL_VERTEX_SHADER, 0}, {GL2ES2.GL_FRAGMENT_SHADER, 1}}) {
            int shader = gl.glCreateShader(stage[0]);
            gl.glShaderSource(shader, 1, new String[] {stage[1] == 0 ? VERTEX : FRAGMENT}, null);
            gl.glCompileShader(shader);
            int[] ok = new int[1];
            gl.glGetShaderiv(shader, GL2ES2.GL_COMPILE_STATUS, ok, 0);
            if (ok[0] == 0) {
                byte[] log = new byte[4096];
                int[] length = new int[1];
                gl.glGetShaderInfoLog(shader, log.length, length, 0, log, 0);
                throw new IllegalStateException("the volume shader did not compile: " + new String(log, 0, length[0]));
            }
            gl.glAttachShader(program, shader);
        }
        gl.glLinkProgram(program);
        return program;
    }
}
