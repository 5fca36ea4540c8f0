package org.reconwb.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.reconwb.io.DatasetReader;
import org.reconwb.io.DatasetInfo;
import org.reconwb.io.DatasetReaders;
import org.reconwb.recon.data.Dataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "info", description = {"Describe a data set, or any other file this program reads.",
        "A data set by format, modality, dimensions, sampling and reference; another file (an image, a mask, a",
        "trajectory) by its array's type, shape and values."})
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
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode n = mapper.createObjectNode();
        n.put("file", file.toString());
        try {
            DatasetReader reader = readers.readerFor(file);
            Dataset d = reader.read(file, ct.asMap());
            n.put("format", reader.description());
            DatasetInfo.describe(d).forEach((key, value) -> n.set(key, mapper.valueToTree(value)));
        } catch (org.reconwb.io.BadFileException.NotADataset notData) {
            // Not a data set (a reference image, a mask, a trajectory, a sinogram without its geometry): what
            // the file holds as an array, and why it is not read as data.
            Map<String, Object> array;
            try {
                array = ArrayInfo.describe(file);
            } catch (IOException | RuntimeException e) {
                throw notData;
            }
            array.forEach((key, value) -> n.set(key, mapper.valueToTree(value)));
            n.put("as_data", notData.getMessage().startsWith(file.toString()) ? notData.getMessage().substring(file.toString().length() + 2)
                    : notData.getMessage());
        }
        if (json) {
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(n));
        } else {
            for (Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> e : (Iterable<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>>) n::fields) {
                String v = e.getValue().isDouble() ? DatasetInfo.format(e.getValue().asDouble()) : e.getValue().asText();
                out.printf("%-16s %s%n", e.getKey().replace('_', ' '), v);
            }
        }
        return Main.OK;
    }
}
