package org.reconwb.learned.ct;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.reconwb.learned.Engines;
import org.reconwb.learned.ModelFiles;
import org.reconwb.learned.NetworkTraining;
import org.reconwb.recon.ct.CtGeometry;

/** A tomography network ({@link CtSpec}) with its weights, ready to reconstruct sinograms (CT or radial MRI) of any geometry. */
public final class TrainedCtNetwork implements AutoCloseable {
    private final CtSpec spec;
    private final NDManager manager;
    private final PrimalDual block;

    private TrainedCtNetwork(CtSpec spec, InputStream weights, String source) throws IOException {
        Engines.start();
        this.spec = spec;
        manager = NDManager.newBaseManager();
        block = new PrimalDual(spec.config());
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(weights))) {
            block.initialize(manager, DataType.FLOAT32, CtTrainer.initShapes(spec.config()));
            block.loadParameters(manager, in);
        } catch (ai.djl.MalformedModelException | RuntimeException e) {
            manager.close();
            throw new IOException(source + " does not hold weights for " + spec + ": " + e.getMessage(), e);
        }
    }

    /** The network of method {@code name}: {@code -Drecon.models=DIR/NAME} when set, else the jar's. */
    public static TrainedCtNetwork forMethod(String name) {
        ModelFiles files = ModelFiles.forMethod(name);
        try {
            return new TrainedCtNetwork(CtSpec.fromJson(files.spec(), files.specSource()), files.weights().open(), files.source());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + files.source() + ": " + e.getMessage(), e);
        }
    }

    /** The checkpoint of {@code step} in a {@code recon train --model lpd|pd-unet} folder. */
    public static TrainedCtNetwork fromCheckpoint(Path dir, int step) throws IOException {
        Path json = dir.resolve(NetworkTraining.SPEC_FILE);
        CtSpec spec = CtSpec.fromJson(Files.readString(json), json.toString());
        Path params = NetworkTraining.checkpoint(dir, spec.model(), step);
        return new TrainedCtNetwork(spec, Files.newInputStream(params), params.toString());
    }

    public CtSpec spec() {
        return spec;
    }

    /** A reconstructor of sinograms of one geometry: the projector's arrays are built once for all its slices. */
    public Session session(int size, CtGeometry geometry) {
        return new Session(size, geometry);
    }

    /** Reconstructions of one geometry's sinograms. */
    public final class Session implements AutoCloseable {
        private final NDManager arrays = manager.newSubManager();
        private final GatherProjector projector;

        private Session(int size, CtGeometry geometry) {
            projector = GatherProjector.of(arrays, size, geometry);
        }

        /** The image {@code [size][size]} of one sinogram {@code [views][detectors]} (a CT network). */
        public float[] reconstruct(float[] sinogram) {
            requireRadial(false);
            try (NDManager m = arrays.newSubManager()) {
                return last(block.forward(new ParameterStore(m, false),
                        PrimalDual.inputs(m.create(sinogram, new Shape(1, 1, projector.angles(), projector.detectors())), projector), false));
            }
        }

        /**
         * The magnitude image {@code [size][size]} of one radial slice (a radial network): the coils' sinograms
         * {@code [coils][2][views][detectors]} and coil maps {@code [coils][2][size][size]}, real parts then imaginary.
         */
        public float[] reconstructRadial(float[] sinograms, float[] maps, int coils) {
            requireRadial(true);
            try (NDManager m = arrays.newSubManager()) {
                return last(block.forward(new ParameterStore(m, false), PrimalDual.radialInputs(
                        m.create(sinograms, new Shape(coils, 2, projector.angles(), projector.detectors())),
                        m.create(maps, new Shape(1, coils, 2, projector.size(), projector.size())), projector), false));
            }
        }

        private void requireRadial(boolean radial) {
            if (spec.radial() != radial) {
                throw new IllegalStateException("this " + spec.model() + " network was trained for " + (spec.radial() ? "radial MRI" : "CT")
                        + " data, not " + (radial ? "radial MRI" : "CT"));
            }
        }

        private float[] last(NDList images) {
            return images.get(images.size() - 1).toFloatArray();
        }

        @Override
        public void close() {
            arrays.close();
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
