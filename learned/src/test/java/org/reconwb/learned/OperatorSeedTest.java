package org.reconwb.learned;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reconwb.learned.rim.RecurrentCell;
import org.reconwb.learned.rim.RimTestInputs;

/** A neural-operator network seeded from a trained VarNet starts as that VarNet (its operators answer zero). */
class OperatorSeedTest {
    private static void saveModel(Path folder, NetworkSpec spec, Block block) throws IOException {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve(ModelFiles.SPEC_FILE), spec.toJson());
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(folder.resolve(ModelFiles.WEIGHTS_FILE)))) {
            block.saveParameters(out);
        }
    }

    @Test
    void aSeededNetworkReconstructsAsTheVarNetItCameFrom(@TempDir Path dir) throws Exception {
        Engines.start();
        NetworkSpec operatorSpec = NetworkSpec.neuralOperator(2, 4, 2, 3, 8, 0, 0);
        NetworkSpec varnetSpec = operatorSpec.varnetPart();
        try (NDManager m = NDManager.newBaseManager();
                SenseTrainer trainer = new SenseTrainer(operatorSpec, 1e-3f, null)) {
            Block varnet = varnetSpec.block();
            varnet.setInitializer(new NormalInitializer(0.1f), Parameter.Type.WEIGHT);
            varnet.initialize(m, DataType.FLOAT32, new Shape(1, 2, 16, 16));
            saveModel(dir.resolve("varnet"), varnetSpec, varnet);

            NDList in = RimTestInputs.inputs(m, 1, 3, 16, 16, 4);
            float[] expected = varnet.forward(new ParameterStore(m, false), in, false).get(1).toFloatArray();
            float[] before = trainer.block().forward(new ParameterStore(m, false), in, false).get(1).toFloatArray();
            trainer.seedFrom(ModelFiles.inFolder(dir.resolve("varnet")));
            float[] seeded = trainer.block().forward(new ParameterStore(m, false), in, false).get(1).toFloatArray();
            assertArrayEquals(expected, seeded, 1e-4f);
            double moved = 0;
            for (int i = 0; i < before.length; i++) {
                moved = Math.max(moved, Math.abs(before[i] - expected[i]));
            }
            assertTrue(moved > 1e-3, "the unseeded network differs from the VarNet (" + moved + ")");
        }
    }

    @Test
    void aNetworkOfAnotherShapeIsRefusedNamingItsFile(@TempDir Path dir) throws Exception {
        Engines.start();
        NetworkSpec rimSpec = NetworkSpec.rim(RecurrentCell.GRU, 4, 2, 0);
        try (NDManager m = NDManager.newBaseManager();
                SenseTrainer trainer = new SenseTrainer(NetworkSpec.neuralOperator(2, 4, 2, 3, 8, 0, 0), 1e-3f, null)) {
            Block rim = rimSpec.block();
            rim.initialize(m, DataType.FLOAT32, new Shape(1, 2, 16, 16));
            saveModel(dir.resolve("rim"), rimSpec, rim);
            IOException e = assertThrows(IOException.class, () -> trainer.seedFrom(ModelFiles.inFolder(dir.resolve("rim"))));
            assertTrue(e.getMessage().contains("weights.params") && e.getMessage().contains("lacks"), e.getMessage());
        }
    }
}
