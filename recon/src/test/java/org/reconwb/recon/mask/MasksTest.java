package org.reconwb.recon.mask;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class MasksTest {
    static boolean[] columns(SamplingMask m) {
        boolean[] c = new boolean[m.cols()];
        for (int col = 0; col < m.cols(); col++) {
            c[col] = m.isSampled(0, col);
            for (int r = 1; r < m.rows(); r++) {
                assertEquals(c[col], m.isSampled(r, col), "1D masks select whole columns");
            }
        }
        return c;
    }

    @Test
    void equispacedFollowsFastMri() {
        // fastMRI: 368 columns, center 0.08 -> round(29.44) = 29 centre lines from (368 - 29 + 1) / 2 = 170.
        SamplingMask m = Masks.create(MaskSpec.parse("equispaced:accel=4,center=0.08,offset=1"), 4, 368);
        boolean[] c = columns(m);
        for (int col = 170; col < 199; col++) {
            assertTrue(c[col], "centre column " + col);
        }
        for (int col = 0; col < 368; col++) {
            boolean expected = (col >= 170 && col < 199) || (col - 1) % 4 == 0 && col >= 1;
            assertEquals(expected, c[col], "column " + col);
        }
        assertEquals(368.0 / (92 + 29 - 7), m.acceleration(), 1e-9); // 92 lines from offset 1, 7 of them in the centre
    }

    @Test
    void randomMatchesTheRequestedAccelerationOnAverage() {
        double sum = 0;
        for (int seed = 0; seed < 50; seed++) {
            SamplingMask m = Masks.create(MaskSpec.parse("random:accel=8,center=0.04,seed=" + seed), 2, 320);
            boolean[] c = columns(m);
            for (int col = 154; col < 167; col++) { // round(12.8) = 13 centre lines from (320-13+1)/2 = 154
                assertTrue(c[col]);
            }
            sum += m.sampledCount() / 2.0;
        }
        assertEquals(320 / 8.0, sum / 50, 2.0, "expected number of lines is cols/accel");
    }

    @ParameterizedTest
    @ValueSource(strings = {"equispaced:accel=4,center=0.08,seed=3", "random:accel=6,center=0.06,seed=3",
            "poisson:accel=5,calib=12,seed=3", "radial:spokes=20,golden=true"})
    void sameSeedSameMask(String spec) {
        SamplingMask a = Masks.create(MaskSpec.parse(spec), 64, 80);
        SamplingMask b = Masks.create(MaskSpec.parse(spec), 64, 80);
        assertArrayEquals(a.weights(), b.weights());
    }

    @Test
    void differentSeedsDiffer() {
        SamplingMask a = Masks.create(MaskSpec.parse("random:accel=4,seed=1"), 8, 128);
        SamplingMask b = Masks.create(MaskSpec.parse("random:accel=4,seed=2"), 8, 128);
        assertFalse(java.util.Arrays.equals(a.weights(), b.weights()));
    }

    @ParameterizedTest
    @CsvSource({"128,128,5,16", "96,160,4,12", "200,180,8,20"})
    void poissonHitsTheAccelerationAndKeepsTheCalibrationSquare(int rows, int cols, double accel, int calib) {
        SamplingMask m = Masks.create(MaskSpec.parse("poisson:accel=" + accel + ",calib=" + calib + ",seed=7"), rows, cols);
        assertEquals(accel, m.acceleration(), accel * 0.05);
        int[] region = m.calibrationRegion();
        assertNotNull(region);
        assertTrue(region[1] - region[0] >= calib && region[3] - region[2] >= calib, java.util.Arrays.toString(region));
        // variable density: the central quarter is sampled more densely than the outer ring
        int inner = 0, innerTotal = 0, outer = 0, outerTotal = 0;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double d = Math.hypot((r - rows / 2.0) / rows, (c - cols / 2.0) / cols);
                if (d < 0.2) {
                    innerTotal++;
                    inner += m.isSampled(r, c) ? 1 : 0;
                } else if (d > 0.35) {
                    outerTotal++;
                    outer += m.isSampled(r, c) ? 1 : 0;
                }
            }
        }
        assertTrue((double) inner / innerTotal > 1.5 * outer / outerTotal, "denser centre");
    }

    @Test
    void radialSpokesPassThroughTheCentreAtGoldenAngles() {
        RadialTrajectory t = RadialTrajectory.create(5, 64, true);
        assertEquals(0, Math.toDegrees(t.anglesRadians()[0]), 1e-9);
        assertEquals(111.2461179749811, Math.toDegrees(t.anglesRadians()[1]), 1e-9);
        assertEquals((2 * 111.2461179749811) % 180, Math.toDegrees(t.anglesRadians()[2]), 1e-9);
        assertEquals(0, t.kx(3, 32), 1e-12); // sample readout/2 is the centre
        assertEquals(0, t.ky(3, 32), 1e-12);
        RadialTrajectory uniform = RadialTrajectory.create(4, 64, false);
        assertEquals(45, Math.toDegrees(uniform.anglesRadians()[1]), 1e-9);
        SamplingMask m = Masks.create(MaskSpec.parse("radial:spokes=4,golden=false"), 64, 64);
        assertTrue(m.isSampled(32, 32));
        assertTrue(m.isSampled(32, 0) && m.isSampled(32, 63), "the 0-degree spoke runs along the centre row");
        assertTrue(m.isSampled(0, 32), "the 90-degree spoke runs along the centre column");
        assertTrue(m.acceleration() > 10);
    }

    @Test
    void fullMaskAndCalibrationRegion() {
        SamplingMask full = Masks.create(MaskSpec.parse("none"), 10, 12);
        assertEquals(1.0, full.acceleration());
        assertArrayEquals(new int[] {0, 10, 0, 12}, full.calibrationRegion());
        SamplingMask eq = Masks.create(MaskSpec.parse("equispaced:accel=4,center=0.25,offset=0"), 6, 16);
        // 4 centre columns from (16-4+1)/2 = 6: columns 6..9, extended by the sampled column 4? no: 5 is not sampled
        assertArrayEquals(new int[] {0, 6, 6, 10}, eq.calibrationRegion());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "cartesian:accel=4|unknown mask type 'cartesian'",
            "equispaced:acel=4|has no option 'acel'",
            "equispaced:accel=four|accel=four is not a number",
            "equispaced:accel|is not key=value",
            "radial:golden=maybe|must be true or false",
            "file:|needs a path",
            "''|empty mask spec"})
    void badSpecsAreRejectedWithAReason(String spec, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MaskSpec.parse(spec));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "equispaced:accel=2.5|whole number",
            "equispaced:accel=4,center=0.5|samples more than 1/accel",
            "random:accel=-2|must be positive",
            "poisson:accel=5,calib=60|calibration square alone",
            "equispaced:accel=4,offset=7|offset must be in [0, accel)"})
    void badValuesAreRejectedWhenTheMaskIsMade(String spec, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Masks.create(MaskSpec.parse(spec), 64, 64));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void specRoundTripsThroughToString() {
        assertEquals("equispaced:accel=4,center=0.08,seed=1", MaskSpec.parse("Equispaced:accel=4,center=0.08,seed=1").toString());
        assertEquals("file:/tmp/m.npy", MaskSpec.parse("file:/tmp/m.npy").toString());
    }

    @Test
    void aSpecWithoutOptionsIsTheSpecWithItsTypesDefaults() {
        // The defaults forms show are the ones the masks are made with.
        for (MaskSpec.Type type : MaskSpec.Type.values()) {
            if (!type.generated()) {
                continue;
            }
            StringBuilder spelled = new StringBuilder(type.id()).append(':');
            for (MaskSpec.Option o : type.options()) {
                if (o.defaultValue() != null) {
                    String value = o.kind() == MaskSpec.Option.Kind.FLAG ? Boolean.toString(o.defaultValue() != 0)
                            : o.kind() == MaskSpec.Option.Kind.WHOLE_NUMBER ? Long.toString(o.defaultValue().longValue())
                            : Double.toString(o.defaultValue());
                    spelled.append(o.key()).append('=').append(value).append(',');
                }
            }
            if (type == MaskSpec.Type.EQUISPACED) {
                spelled.append("offset=1,"); // drawn from the seed when not given: the same draw either way
            }
            if (type == MaskSpec.Type.POISSON) {
                spelled.append("calib=").append(Masks.defaultCalibration(96, 80)).append(',');
            }
            String full = spelled.substring(0, spelled.length() - 1);
            String bareSpec = type == MaskSpec.Type.EQUISPACED ? type.id() + ":offset=1" : type.id();
            // k-t types draw a mask per frame: compare their third frame
            SamplingMask bare = type.perFrame() ? Masks.createFrames(MaskSpec.parse(bareSpec), 3, 96, 80, PhaseEncodingAxis.COLUMNS)[2]
                    : Masks.create(MaskSpec.parse(bareSpec), 96, 80);
            SamplingMask given = type.perFrame() ? Masks.createFrames(MaskSpec.parse(full), 3, 96, 80, PhaseEncodingAxis.COLUMNS)[2]
                    : Masks.create(MaskSpec.parse(full), 96, 80);
            assertArrayEquals(given.weights(), bare.weights(), full);
            assertEquals(type.keys(), MaskSpec.parse(full).options().keySet(), "every option of " + type.id() + " is spelled out");
        }
    }

    /** The Poisson-disc search was made faster (bucketed neighbours) without changing a mask: digests of masks made before. */
    @Test
    void poissonDiscMasksAreTheSameAsBeforeTheFasterNeighbourSearch() throws Exception {
        String[][] expected = {{"128", "128", "poisson:accel=4,calib=16,seed=1", "50d99a5e4974662d"},
                {"96", "160", "poisson:accel=3,calib=12,seed=7", "4c1be4e6b7f86ce7"}, {"256", "200", "poisson:accel=8,calib=20,seed=2", "84b4fc2acc12812f"}};
        for (String[] e : expected) {
            float[] w = Masks.create(MaskSpec.parse(e[2]), Integer.parseInt(e[0]), Integer.parseInt(e[1])).weights();
            java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(4 * w.length);
            for (float f : w) {
                bytes.putFloat(f);
            }
            String digest = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes.array()));
            assertEquals(e[3], digest.substring(0, 16), e[0] + "x" + e[1] + " " + e[2]);
        }
    }
}
