package org.reconwb.learned;

import ai.djl.nn.Block;
import org.reconwb.learned.cirim.Cirim;
import org.reconwb.learned.operator.NeuralOperatorNet;
import org.reconwb.learned.rim.RecurrentCell;
import org.reconwb.learned.rim.Rim;
import org.reconwb.learned.varnet.VarNet;

/**
 * The architecture of a physics-based network, as the {@code model.json} written beside its weights:
 * which model, its sizes, and the start image it refines (CG-SENSE with {@code initIterations} iterations
 * and Tikhonov weight {@code initLambda}; 0 iterations starts from A^H y). Checked when weights are loaded,
 * since DJL would load weights of another shape without complaint.
 *
 * <p>{@code hidden} is the feature width: the recurrent networks' hidden state, the VarNet U-Nets' base channels;
 * {@code steps} the RIM time steps (per cascade for CIRIM, 1 for VarNet); {@code levels} the VarNet U-Nets' poolings
 * (0 for the others, and absent from their older model.json files). The neural-operator network ({@code neural-operator})
 * has the VarNet's fields plus its operators' complex {@code width}, Fourier {@code modes} and CP {@code rank} (0: dense
 * spectral weights); those three are 0 for every other model.
 */
public record NetworkSpec(String model, String cell, int hidden, int steps, int cascades, boolean explicitDc,
        int initIterations, float initLambda, int levels, int width, int modes, int rank) {
    /** The VarNet's {@code cell}: its cascades hold U-Nets, not recurrent cells. */
    public static final String NO_CELL = "none";
    public static final String NEURAL_OPERATOR = "neural-operator";

    public NetworkSpec {
        if (!"rim".equals(model) && !"cirim".equals(model) && !"varnet".equals(model) && !NEURAL_OPERATOR.equals(model)) {
            throw new IllegalArgumentException("model must be rim, cirim, varnet or neural-operator, got " + model);
        }
        boolean cascadedUNets = "varnet".equals(model) || NEURAL_OPERATOR.equals(model);
        if (cascadedUNets) {
            // explicitDc: the neural-operator network's final data-consistency solve (the VarNet has its steps built in)
            if (!NO_CELL.equals(cell) || steps != 1 || (explicitDc && "varnet".equals(model)) || levels < 1 || levels > 6) {
                throw new IllegalArgumentException("a " + model + " has U-Nets of 1 to 6 levels in its cascades, one step each, data consistency built in");
            }
        } else if (levels != 0) {
            throw new IllegalArgumentException("levels are for the U-Nets of a VarNet or neural-operator network, not a " + model);
        }
        if (NEURAL_OPERATOR.equals(model)) {
            new NeuralOperatorNet.Config(cascades, hidden, levels, width, modes, rank, explicitDc); // its own checks
        } else if (width != 0 || modes != 0 || rank != 0) {
            throw new IllegalArgumentException("width, modes and rank are for the neural-operator network, not a " + model);
        }
        RecurrentCell parsed = cascadedUNets ? null : RecurrentCell.parse(cell);
        if ("cirim".equals(model) && parsed != RecurrentCell.INDRNN) {
            throw new IllegalArgumentException("CIRIM cascades use IndRNN cells, not " + cell);
        }
        if ("rim".equals(model) && (cascades != 1 || explicitDc)) {
            throw new IllegalArgumentException("a RIM has one cascade and no explicit data consistency");
        }
        if (hidden < 1 || steps < 1 || cascades < 1 || initIterations < 0 || initLambda < 0) {
            throw new IllegalArgumentException("hidden, steps, cascades must be positive, init iterations and lambda not negative");
        }
    }

    /** A recurrent network's architecture (no U-Net levels). */
    public NetworkSpec(String model, String cell, int hidden, int steps, int cascades, boolean explicitDc, int initIterations, float initLambda) {
        this(model, cell, hidden, steps, cascades, explicitDc, initIterations, initLambda, 0);
    }

    /** A recurrent network's or a VarNet's architecture (no operators). */
    public NetworkSpec(String model, String cell, int hidden, int steps, int cascades, boolean explicitDc, int initIterations, float initLambda,
            int levels) {
        this(model, cell, hidden, steps, cascades, explicitDc, initIterations, initLambda, levels, 0, 0, 0);
    }

    public static NetworkSpec rim(RecurrentCell cell, int hidden, int steps, int initIterations) {
        return new NetworkSpec("rim", cell.id(), hidden, steps, 1, false, initIterations, 0f);
    }

    public static NetworkSpec cirim(int cascades, int hidden, int steps, boolean explicitDc, int initIterations) {
        return new NetworkSpec("cirim", RecurrentCell.INDRNN.id(), hidden, steps, cascades, explicitDc, initIterations, 0f);
    }

    /** An E2E-VarNet of {@code cascades} U-Nets with {@code channels} base channels and {@code levels} poolings. */
    public static NetworkSpec varnet(int cascades, int channels, int levels, int initIterations) {
        return new NetworkSpec("varnet", NO_CELL, channels, 1, cascades, false, initIterations, 0f, levels);
    }

    /**
     * A {@link NeuralOperatorNet} of {@code cascades}, U-Nets of {@code channels} and {@code levels}, operators of
     * {@code width} complex channels and {@code modes} Fourier modes, spectral weights of CP {@code rank} (0: dense).
     */
    public static NetworkSpec neuralOperator(int cascades, int channels, int levels, int width, int modes, int rank, int initIterations) {
        return new NetworkSpec(NEURAL_OPERATOR, NO_CELL, channels, 1, cascades, false, initIterations, 0f, levels, width, modes, rank);
    }

    /** This neural-operator network with or without its final data-consistency solve. */
    public NetworkSpec withFinalDc(boolean on) {
        if (!NEURAL_OPERATOR.equals(model)) {
            throw new IllegalArgumentException("a final data-consistency solve is for the neural-operator network, not a " + model);
        }
        return new NetworkSpec(model, cell, hidden, steps, cascades, on, initIterations, initLambda, levels, width, modes, rank);
    }

    /** The same network refining another start image: CG-SENSE with these iterations and Tikhonov weight. */
    public NetworkSpec withStart(int iterations, float lambda) {
        return new NetworkSpec(model, cell, hidden, steps, cascades, explicitDc, iterations, lambda, levels, width, modes, rank);
    }

    /** The VarNet whose U-Nets and data-consistency weights a neural-operator network of this spec has. */
    public NetworkSpec varnetPart() {
        if (!NEURAL_OPERATOR.equals(model)) {
            throw new IllegalArgumentException("only a neural-operator network has a VarNet part, not a " + model);
        }
        return new NetworkSpec("varnet", NO_CELL, hidden, 1, cascades, false, initIterations, initLambda, levels);
    }

    /** A fresh network of this architecture (weights not yet initialised). */
    public Block block() {
        return switch (model) {
            case "rim" -> new Rim(new Rim.Config(RecurrentCell.parse(cell), hidden, steps));
            case "cirim" -> new Cirim(new Cirim.Config(cascades, hidden, steps, explicitDc));
            case NEURAL_OPERATOR -> new NeuralOperatorNet(new NeuralOperatorNet.Config(cascades, hidden, levels, width, modes, rank, explicitDc));
            default -> new VarNet(new VarNet.Config(cascades, hidden, levels));
        };
    }

    /** Zero-initialised last layers (the untrained network returns its start image); before initialising. */
    void startAtInput(Block block) {
        if (block instanceof Rim rim) {
            rim.startAtInput();
        } else if (block instanceof Cirim cirim) {
            cirim.startAtInput();
        } else if (block instanceof VarNet varnet) {
            varnet.startAtInput();
        } else if (block instanceof NeuralOperatorNet operator) {
            operator.startAtInput();
        }
    }

    public String toJson() {
        return SpecJson.write(this);
    }

    public static NetworkSpec fromJson(String json, String source) {
        return SpecJson.read(json, source, NetworkSpec.class,
                s -> new NetworkSpec(s.model, s.cell, s.hidden, s.steps, s.cascades, s.explicitDc, s.initIterations, s.initLambda, s.levels,
                        s.width, s.modes, s.rank),
                "network description");
    }
}
