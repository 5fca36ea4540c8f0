package org.reconwb.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.reconwb.io.BadFileException;
import org.reconwb.io.ImageReaders;
import org.reconwb.recon.data.ImageVolume;
import org.reconwb.recon.metrics.ImageMetrics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "score", description = {
        "Score images against a reference with fastMRI's SSIM, PSNR and NMSE.",
        "Images are centre-cropped to the reference size. Reads .npy (complex: magnitude), BART .cfl and TIFF, e.g. to compare other tools' results."})
final class ScoreCommand implements Callable<Integer> {
    @Option(names = {"-r", "--reference"}, required = true, paramLabel = "FILE", description = "Ground-truth image.")
    Path reference;

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Images to score.")
    List<Path> images;

    @Option(names = "--json", description = "Machine-readable output.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ImageVolume ref = ImageReaders.readMagnitude(reference);
        ObjectMapper mapper = new ObjectMapper();
        ArrayNode rows = mapper.createArrayNode();
        for (Path image : images) {
            ImageMetrics.Scores s;
            try {
                s = ImageMetrics.score(ref, ImageReaders.readMagnitude(image));
            } catch (IllegalArgumentException e) {
                throw new BadFileException(image, "cannot be compared with " + reference + ": " + e.getMessage());
            }
            if (json) {
                ObjectNode n = rows.addObject();
                n.put("image", image.toString());
                n.put("ssim", s.ssim());
                n.put("psnr", s.psnr());
                n.put("nmse", s.nmse());
            } else {
                out.printf("%s: SSIM %.4f  PSNR %.2f dB  NMSE %.5f%n", image, s.ssim(), s.psnr(), s.nmse());
            }
        }
        if (json) {
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(rows));
        }
        return Main.OK;
    }
}
