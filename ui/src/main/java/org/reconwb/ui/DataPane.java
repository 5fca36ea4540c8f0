package org.reconwb.ui;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import org.reconwb.recon.data.CartesianMriDataset;
import org.reconwb.recon.data.Dataset;
import org.reconwb.recon.data.ImageVolume;
import org.reconwb.recon.data.RadialMriDataset;
import org.reconwb.recon.data.SinogramDataset;
import org.reconwb.recon.fft.CenteredFft;
import org.reconwb.recon.mri.CoilImages;
import org.reconwb.recon.numeric.Shape;
import org.reconwb.ui.Rendering.ColourMap;

/** The Data tab: the current data set as acquired (k-space, coil images, radial samples, sinogram) or its reference. */
final class DataPane extends BorderPane {
    private final ImagePane view = new ImagePane("Data", ColourMap.GRAY);
    private final ComboBox<String> mode = new ComboBox<>();
    private final Slider slice = new Slider(0, 0, 0);
    private final Spinner<Integer> coil = new Spinner<>(0, 0, 0);
    private Dataset data;

    DataPane() {
        mode.valueProperty().addListener((o, a, b) -> refresh());
        slice.valueProperty().addListener((o, a, b) -> refresh());
        slice.setMajorTickUnit(1);
        slice.setSnapToTicks(true);
        coil.valueProperty().addListener((o, a, b) -> refresh());
        coil.setPrefWidth(80);
        HBox controls = new HBox(8, new Label("Show"), mode, new Label("Slice"), slice, new Label("Coil"), coil);
        controls.setAlignment(Pos.CENTER_LEFT);
        controls.setPadding(new Insets(4));
        setCenter(view);
        setTop(controls);
    }

    /** Shows a data set from its first slice and coil, in the first way of looking at it that its kind has. */
    void show(Dataset d) {
        if (d instanceof org.reconwb.recon.data.DynamicMriDataset series) {
            // a series shown plane by plane: the slider runs over slices and their frames, frame 0's mask
            d = new CartesianMriDataset(series.name(), series.kspace(), series.masks()[0], series.referenceOrNull(), null,
                    series.phaseEncoding());
        }
        data = null; // no redraws while the controls are set up
        List<String> modes = new ArrayList<>();
        int slices = 1, coils = 1;
        if (d instanceof CartesianMriDataset m) {
            modes.addAll(List.of("k-space log |k|", "coil image |x|", "coil image phase", "root sum of squares"));
            slices = m.kspace().slices();
            coils = m.kspace().coils();
        } else if (d instanceof RadialMriDataset r) {
            modes.add("samples log |k| (spokes x readout)");
            modes.add("trajectory (samples on the grid)");
            slices = r.slices();
            coils = r.coils();
        } else if (d instanceof SinogramDataset s) {
            modes.add("sinogram (angles x detectors)");
            slices = s.slices();
        }
        if (d.reference().isPresent()) {
            modes.add("reference image");
        }
        mode.getItems().setAll(modes);
        mode.setValue(modes.get(0));
        slice.setMax(slices - 1);
        slice.setValue(0);
        slice.setDisable(slices == 1);
        coil.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(0, coils - 1, 0));
        coil.setDisable(coils == 1);
        data = d;
        refresh();
    }

    private void refresh() {
        Dataset d = data;
        String shown = mode.getValue();
        if (d == null || shown == null) {
            return;
        }
        int s = (int) Math.round(slice.getValue());
        int c = coil.getValue() == null ? 0 : coil.getValue();
        view.setColourMap(ColourMap.GRAY);
        if (shown.equals("reference image")) {
            ImageVolume ref = d.reference().get();
            view.setTitle("Reference, slice " + s);
            view.show(ref.slice(Math.min(s, ref.slices() - 1)), ref.rows(), ref.cols());
        } else if (d instanceof CartesianMriDataset m) {
            showCartesian(m, shown, s, c);
        } else if (d instanceof RadialMriDataset r && shown.startsWith("trajectory")) {
            showTrajectory(r);
        } else if (d instanceof RadialMriDataset r) {
            int n = r.trajectory().samples();
            view.setTitle("Radial samples, slice " + s + ", coil " + c);
            view.show(Rendering.logMagnitude(r.samples(), (s * r.coils() + c) * n, n), r.trajectory().spokes(), r.trajectory().readout());
        } else if (d instanceof SinogramDataset sino) {
            int angles = sino.geometry().angles().length, det = sino.geometry().detectors();
            view.setTitle("Sinogram, slice " + s + " (" + angles + " angles x " + det + " detectors)");
            view.show(Arrays.copyOfRange(sino.data(), s * angles * det, (s + 1) * angles * det), angles, det);
        }
    }

    private void showCartesian(CartesianMriDataset m, String shown, int s, int c) {
        var k = m.kspace();
        int plane = k.rows() * k.cols();
        if (shown.startsWith("k-space")) {
            view.setTitle("k-space, slice " + s + ", coil " + c + (m.mask().acceleration() > 1 ? " (as acquired)" : ""));
            view.show(Rendering.logMagnitude(k.data(), (s * k.coils() + c) * plane, plane), k.rows(), k.cols());
        } else if (shown.startsWith("coil image")) {
            float[] x = Arrays.copyOfRange(k.data(), 2 * (s * k.coils() + c) * plane, 2 * (s * k.coils() + c + 1) * plane);
            CenteredFft.ifft2c(x, Shape.of(1, k.rows(), k.cols()));
            boolean phase = shown.endsWith("phase");
            view.setTitle("Coil " + c + " image " + (phase ? "phase" : "magnitude") + ", slice " + s);
            if (phase) {
                view.setColourMap(ColourMap.VIRIDIS);
            }
            view.show(Rendering.part(x, 0, plane, phase), k.rows(), k.cols(), phase ? new double[] {-Math.PI, Math.PI} : null);
        } else {
            ImageVolume rss = CoilImages.rss(k);
            view.setTitle("Root sum of squares of the coil images, slice " + s);
            view.show(rss.slice(s), rss.rows(), rss.cols());
        }
    }

    /** How many samples fall on each grid point: the radial pattern and its dense centre. */
    private void showTrajectory(RadialMriDataset r) {
        float[] hits = new float[r.rows() * r.cols()];
        var t = r.trajectory();
        for (int i = 0; i < t.samples(); i++) {
            int row = (int) Math.round(t.ky()[i] + r.rows() / 2.0), col = (int) Math.round(t.kx()[i] + r.cols() / 2.0);
            if (row >= 0 && row < r.rows() && col >= 0 && col < r.cols()) {
                hits[row * r.cols() + col] += 1;
            }
        }
        view.setTitle("Trajectory: " + t.spokes() + " spokes x " + t.readout() + " samples on the " + r.rows() + "x" + r.cols() + " grid");
        view.setColourMap(ColourMap.HOT);
        view.show(hits, r.rows(), r.cols(), new double[] {0, 2});
    }

    ImagePane view() {
        return view;
    }

    ComboBox<String> mode() {
        return mode;
    }
}
