package org.reconwb.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.reconwb.io.DatasetReader;
import org.reconwb.io.DatasetReaders;
import org.reconwb.recon.data.CartesianMriDataset;
import org.reconwb.recon.data.Dataset;
import org.reconwb.recon.data.RadialMriDataset;
import org.reconwb.recon.data.SinogramDataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "info", description = "Describe a data set: format, modality, dimensions, sampling, reference.")
final class InfoCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "Any file 'recon run' reads.")
    Path file;

    @Mixin
    CtOptions ct = new CtOptions();

    @Option(names = "--json", description = "Machine-readable output.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        DatasetReaders readers = DatasetReaders.load();
        DatasetReader reader = readers.readerFor(file);
        Dataset d = reader.read(file, ct.asMap());
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode n = mapper.createObjectNode();
        n.put("file", file.toString());
        n.put("format", reader.description());
        n.put("modality", d.modality().label());
        if (d instanceof CartesianMriDataset m) {
            var k = m.kspace();
            n.put("slices", k.slices());
            n.put("coils", k.coils());
            n.put("rows", k.rows());
            n.put("cols", k.cols());
            n.put("sampling", m.mask().description());
            n.put("acceleration", m.mask().acceleration());
            int[] cal = m.mask().calibrationRegion();
            n.put("calibration", cal == null ? "none" : (cal[1] - cal[0]) + "x" + (cal[3] - cal[2]));
        } else if (d instanceof RadialMriDataset r) {
            n.put("slices", r.slices());
            n.put("coils", r.coils());
            n.put("spokes", r.trajectory().spokes());
            n.put("readout", r.trajectory().readout());
            n.put("rows", r.rows());
            n.put("cols", r.cols());
        } else if (d instanceof SinogramDataset s) {
            n.put("slices", s.slices());
            n.put("geometry", s.geometry().kind().name().toLowerCase().replace('_', '-'));
            n.put("angles", s.geometry().angles().length);
            n.put("first_angle_deg", Math.toDegrees(s.geometry().angles()[0]));
            n.put("last_angle_deg", Math.toDegrees(s.geometry().angles()[s.geometry().angles().length - 1]));
            n.put("detectors", s.geometry().detectors());
            n.put("image_size", s.size());
        }
        n.put("reference", d.reference().map(v -> v.shapeString()).orElse("none"));
        if (json) {
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(n));
        } else {
            for (Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> e : (Iterable<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>>) n::fields) {
                String v = e.getValue().isDouble() ? String.format("%.3f", e.getValue().asDouble()) : e.getValue().asText();
                out.printf("%-16s %s%n", e.getKey().replace('_', ' '), v);
            }
        }
        return Main.OK;
    }
}
