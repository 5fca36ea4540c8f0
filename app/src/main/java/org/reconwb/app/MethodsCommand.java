package org.reconwb.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.reconwb.recon.spi.ParameterDescriptor;
import org.reconwb.recon.spi.ReconstructorProvider;
import org.reconwb.recon.spi.ReconstructorRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "methods", description = "List the reconstruction methods and their parameters.")
final class MethodsCommand implements Callable<Integer> {
    @Option(names = "--json", description = "Machine-readable output.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ReconstructorRegistry registry = ReconstructorRegistry.load();
        if (json) {
            ObjectMapper mapper = new ObjectMapper();
            ArrayNode list = mapper.createArrayNode();
            for (ReconstructorProvider p : registry.all()) {
                ObjectNode m = list.addObject();
                m.put("id", p.id());
                m.put("name", p.displayName());
                m.put("modality", p.modality().name());
                m.putPOJO("accepts", java.util.Arrays.stream(org.reconwb.recon.data.Modality.values()).filter(p::accepts).map(Enum::name).toList());
                m.put("description", p.description());
                ArrayNode params = m.putArray("parameters");
                for (ParameterDescriptor d : p.parameters()) {
                    params.add(mapper.valueToTree(d));
                }
            }
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(list));
            return Main.OK;
        }
        for (ReconstructorProvider p : registry.all()) {
            out.printf("%-14s %s [%s]%n", p.id(), p.displayName(), p.acceptsLabel());
            out.printf("%-14s %s%n", "", p.description());
            for (ParameterDescriptor d : p.parameters()) {
                String range = d.min() == null ? "" : " in [" + fmt(d.min()) + ", " + fmt(d.max()) + "]";
                String choices = d.choices().isEmpty() ? "" : " one of " + String.join("|", d.choices());
                out.printf("%-14s   -p %s=%s%s%s  %s%n", "", d.name(), d.defaultValue(), range, choices, d.help());
            }
            out.println();
        }
        return Main.OK;
    }

    private static String fmt(Double d) {
        return d == Math.rint(d) ? Long.toString(d.longValue()) : d.toString();
    }
}
