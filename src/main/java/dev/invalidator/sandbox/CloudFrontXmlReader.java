package dev.invalidator.sandbox;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads request bodies. Elements are matched by local name, in any order, in any (or no) namespace;
 * unknown elements are ignored. DOCTYPEs are refused, so no external entity is ever resolved.
 */
final class CloudFrontXmlReader {

    /** A parsed {@code InvalidationBatch}: {@code quantity} is what the client claimed, {@code paths} what it sent. */
    record InvalidationBatch(String callerReference, int quantity, List<String> paths) {}

    private CloudFrontXmlReader() {}

    /**
     * @throws CloudFrontError {@code MissingBody} for an empty body, {@code MalformedInput} for anything that is
     *                         not a well-formed {@code InvalidationBatch} with its required elements
     */
    static InvalidationBatch readInvalidationBatch(byte[] body) {
        if (body == null || new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            throw CloudFrontError.missingBody();
        }
        Element root = parse(body).getDocumentElement();
        if (!"InvalidationBatch".equals(root.getLocalName())) {
            throw CloudFrontError.malformedInput(
                    "Unexpected root element " + root.getLocalName() + ", expected InvalidationBatch");
        }
        Element reference = requiredChild(root, "CallerReference");
        Element paths = requiredChild(root, "Paths");
        String quantityText = requiredChild(paths, "Quantity").getTextContent().trim();
        int quantity;
        try {
            quantity = Integer.parseInt(quantityText);
        } catch (NumberFormatException e) {
            throw CloudFrontError.malformedInput("Quantity is not an integer: " + quantityText);
        }
        List<String> items = new ArrayList<>();
        Element itemsElement = child(paths, "Items");
        if (itemsElement != null) {
            for (Element path : children(itemsElement, "Path")) {
                items.add(path.getTextContent());
            }
        }
        return new InvalidationBatch(reference.getTextContent().trim(), quantity, items);
    }

    private static Document parse(byte[] body) {
        try {
            DocumentBuilder builder = secureFactory().newDocumentBuilder();
            builder.setErrorHandler(new ErrorHandler() {
                @Override
                public void warning(SAXParseException e) {}

                @Override
                public void error(SAXParseException e) throws SAXException {
                    throw e;
                }

                @Override
                public void fatalError(SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            return builder.parse(new ByteArrayInputStream(body));
        } catch (SAXException | IOException e) {
            throw CloudFrontError.malformedInput("Could not parse the request body: " + e.getMessage());
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("XML parser cannot be configured securely", e);
        }
    }

    private static DocumentBuilderFactory secureFactory() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        return factory;
    }

    private static Element requiredChild(Element parent, String name) {
        Element child = child(parent, name);
        if (child == null) {
            throw CloudFrontError.malformedInput("Missing required element " + name + " in " + parent.getLocalName());
        }
        return child;
    }

    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName())) {
                found.add(e);
            }
        }
        return found;
    }
}
