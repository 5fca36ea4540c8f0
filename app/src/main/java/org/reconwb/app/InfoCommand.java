package org.reconwb.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
        DatasetInfo.describe(d).forEach((key, value) -> n.set(key, mapper.valueToTree(value)));
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
