package org.reconwb.io;

import java.io.StringReader;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

/** The parts of an ISMRMRD XML header this program uses (also stored in fastMRI files as {@code ismrmrd_header}). */
record IsmrmrdHeader(int encodedX, int encodedY, int reconX, int reconY, String trajectory) {

    boolean cartesian() {
        return trajectory.equalsIgnoreCase("cartesian");
    }

    /** @throws IllegalArgumentException when the XML is not a usable ISMRMRD header */
    static IsmrmrdHeader parse(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(false);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document doc = f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
            Element encoding = (Element) doc.getElementsByTagName("encoding").item(0);
            Element encoded = matrix(encoding, "encodedSpace");
            Element recon = matrix(encoding, "reconSpace");
            var trajectoryNode = encoding.getElementsByTagName("trajectory").item(0);
            return new IsmrmrdHeader(intOf(encoded, "x"), intOf(encoded, "y"), intOf(recon, "x"), intOf(recon, "y"),
                    trajectoryNode == null ? "cartesian" : trajectoryNode.getTextContent().trim());
        } catch (Exception e) {
            throw new IllegalArgumentException("unreadable ISMRMRD XML header (" + e.getMessage() + ")", e);
        }
    }

    private static Element matrix(Element encoding, String space) {
        return (Element) ((Element) encoding.getElementsByTagName(space).item(0)).getElementsByTagName("matrixSize").item(0);
    }

    private static int intOf(Element parent, String tag) {
        return Integer.parseInt(parent.getElementsByTagName(tag).item(0).getTextContent().trim());
    }
}
