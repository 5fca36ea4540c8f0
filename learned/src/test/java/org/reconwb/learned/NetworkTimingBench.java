package org.reconwb.learned;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import java.util.Arrays;
import java.util.Locale;
import org.reconwb.learned.TrainingPairs.SenseExample;
import org.reconwb.learned.rim.RecurrentCell;
import org.reconwb.recon.phantom.Phantoms;

/**
 * Inference seconds per 8-coil slice (default 192x192) for each network architecture: RIM with each cell,
 * CIRIM, the VarNet, the neural-operator network with dense and CP-factorised spectral weights, and the CG-SENSE start image alone. Weights are random: the time does not depend on their values,
 * so cells can be compared without training each. Median of {@code repeats} runs after two warm-ups.
 * Run by bench/learned.sh.
 */
public final class NetworkTimingBench {
    public static void main(String[] args) {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 192;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Engines.start();
        SenseExample e = TrainingPairs.simulateSense(Phantoms.randomEllipses(size, size, 8, 1), size, "equispaced:accel=4,center=0.08,seed=1", 8, 0.0005, 2);
        NetworkSpec[] specs = {
            NetworkSpec.rim(RecurrentCell.GRU, 32, 8, 10), NetworkSpec.rim(RecurrentCell.MGU, 32, 8, 10),
            NetworkSpec.rim(RecurrentCell.INDRNN, 32, 8, 10), NetworkSpec.rim(RecurrentCell.INDRNN, 32, 8, 60).withStart(60, 0.0003f),
            NetworkSpec.cirim(3, 32, 4, false, 10), NetworkSpec.cirim(3, 32, 4, false, 60).withStart(60, 0.0003f),
            NetworkSpec.varnet(6, 12, 3, 60).withStart(60, 0.0003f), NetworkSpec.varnet(6, 12, 3, 60).withStart(20, 0.0003f),
            NetworkSpec.neuralOperator(6, 12, 3, 8, 16, 0, 60).withStart(60, 0.0003f), NetworkSpec.neuralOperator(6, 12, 3, 8, 16, 8, 60).withStart(60, 0.0003f)};
        System.out.printf(Locale.ROOT, "8 coils, %dx%d, PyTorch threads: %s, median of %d%n", size, size,
                System.getProperty("ai.djl.pytorch.num_threads", "default"), repeats);
        System.out.println("| network | weights | s/slice | CG-SENSE start: iterations | of it: seconds |");
        System.out.println("|---|---|---|---|---|");
        for (NetworkSpec spec : specs) {
            try (NDManager m = NDManager.newBaseManager()) {
                Block block = spec.block();
                block.setInitializer(new NormalInitializer(0.01f), Parameter.Type.WEIGHT);
                block.initialize(m, DataType.FLOAT32, new Shape(1, 2, size, size));
                long weights = block.getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
                double[] total = new double[repeats], start = new double[repeats];
                for (int r = -2; r < repeats; r++) {
                    try (NDManager sub = m.newSubManager()) {
                        long t0 = System.nanoTime();
                        SenseBatch batch = SenseBatch.of(sub, e.kspace(), e.maps(), e.mask(), 1, e.coils(), size, size, spec, null);
                        batch.start().toFloatArray(); // PyTorch runs eagerly; this only fixes the split point
                        long t1 = System.nanoTime();
                        NDList out = block.forward(new ParameterStore(sub, false), batch.inputs(), false);
                        out.get(out.size() - 1).toFloatArray();
                        long t2 = System.nanoTime();
                        if (r >= 0) {
                            total[r] = (t2 - t0) / 1e9;
                            start[r] = (t1 - t0) / 1e9;
                        }
                    }
                }
                String name = switch (spec.model()) {
                    case "rim" -> "rim (" + spec.cell() + ")";
                    case "cirim" -> "cirim (" + spec.cascades() + "x" + spec.steps() + ")";
                    case NetworkSpec.NEURAL_OPERATOR -> "neural-operator (" + spec.cascades() + " cascades, width " + spec.width() + ", " + spec.modes()
                            + " modes, " + (spec.rank() == 0 ? "dense" : "CP rank " + spec.rank()) + ")";
                    default -> "varnet (" + spec.cascades() + " cascades, U-Nets of " + spec.levels() + " levels)";
                };
                System.out.printf(Locale.ROOT, "| %s, hidden %d, %d steps | %d | %.3f | %d | %.3f |%n", name, spec.hidden(),
                        spec.steps() * spec.cascades(), weights, median(total), spec.initIterations(), median(start));
            }
        }
        unet(e, size, repeats);
    }

    /** The image-domain U-Net at its shipped size: the coils' RSS of the zero-filled k-space in, no start image. */
    private static void unet(SenseExample e, int size, int repeats) {
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = new org.reconwb.learned.unet.UNet(new org.reconwb.learned.unet.UNet.Config(1, 1, 16, 4, true));
            block.setInitializer(new NormalInitializer(0.01f), Parameter.Type.WEIGHT);
            block.initialize(m, DataType.FLOAT32, new Shape(1, 1, size, size));
            long weights = block.getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
            double[] total = new double[repeats];
            for (int r = -2; r < repeats; r++) {
                try (NDManager sub = m.newSubManager()) {
                    long t0 = System.nanoTime();
                    float[] rss = org.reconwb.recon.mri.CoilImages.rss(new org.reconwb.recon.data.KSpace(1, e.coils(), size, size, e.kspace())).data();
                    NDList out = block.forward(new ParameterStore(sub, false), new NDList(sub.create(rss, new Shape(1, 1, size, size))), false);
                    out.singletonOrThrow().toFloatArray();
                    if (r >= 0) {
                        total[r] = (System.nanoTime() - t0) / 1e9;
                    }
                }
            }
            System.out.printf(Locale.ROOT, "| unet (16 channels, 4 levels; zero-filled RSS in) | %d | %.3f | none | 0 |%n", weights, median(total));
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
