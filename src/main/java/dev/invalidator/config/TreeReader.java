package dev.invalidator.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.invalidator.base.Strings;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Turns config text into a Jackson tree, or into one {@link ConfigException} line: no Jackson exception and no
 * stack trace leaves this class.
 *
 * <p>A first pass over the tokens rejects what Jackson would otherwise accept quietly: a key written twice (Jackson
 * keeps the last), a YAML alias (Jackson's YAML parser returns the anchor's name as a string instead of expanding
 * it, which also means an alias "bomb" stays small), and a second document. Only then is the tree built.
 */
final class TreeReader {

    // ObjectReader is immutable and thread-safe; the mappers that make them are not kept.
    private static final ObjectReader YAML = new YAMLMapper().reader();
    private static final ObjectReader JSON = new JsonMapper().reader();

    private TreeReader() {}

    /** The document's tree; {@code null} or a null node when the document is empty. */
    static JsonNode read(String content, String fileName, ConfigLoader.Format format) throws ConfigException {
        ObjectReader reader = format == ConfigLoader.Format.YAML ? YAML : JSON;
        try {
            scan(reader, content, fileName);
            try (JsonParser parser = reader.createParser(content)) {
                return reader.readTree(parser);
            }
        } catch (JsonProcessingException e) {
            throw syntaxError(fileName, format, e);
        } catch (IOException e) {
            // Reading from a String does no I/O; this is here because the parser API declares it.
            throw ConfigException.inFile(fileName, "could not be read: " + e.getMessage());
        }
    }

    private static void scan(ObjectReader reader, String content, String fileName) throws IOException, ConfigException {
        try (JsonParser parser = reader.createParser(content)) {
            Deque<Set<String>> keysOfOpenObjects = new ArrayDeque<>();
            int depth = 0;
            boolean sawDocument = false;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (depth == 0) {
                    if (sawDocument) {
                        throw ConfigException.inFile(
                                fileName,
                                at(parser.currentTokenLocation())
                                        + "a second document starts here — keep one document in the file");
                    }
                    sawDocument = true;
                }
                if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
                    throw ConfigException.at(
                            fileName,
                            pathOf(parser.getParsingContext()),
                            "uses the YAML alias *" + parser.getText() + " (" + where(parser.currentTokenLocation())
                                    + ") but aliases are not supported — write the value out in full");
                }
                switch (token) {
                    case START_OBJECT -> {
                        keysOfOpenObjects.push(new HashSet<>());
                        depth++;
                    }
                    case END_OBJECT -> {
                        keysOfOpenObjects.pop();
                        depth--;
                    }
                    case START_ARRAY -> depth++;
                    case END_ARRAY -> depth--;
                    case FIELD_NAME -> {
                        if (!keysOfOpenObjects.peek().add(parser.currentName())) {
                            throw ConfigException.at(
                                    fileName,
                                    pathOf(parser.getParsingContext()),
                                    "written twice (again on " + where(parser.currentTokenLocation()) + ") — keep one");
                        }
                    }
                    default -> {}
                }
            }
        }
    }

    /** The key path of the parser's current position: {@code distributions.web.channels[0]}. */
    private static KeyPath pathOf(JsonStreamContext context) {
        List<JsonStreamContext> chain = new ArrayList<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            chain.add(0, c);
        }
        KeyPath path = KeyPath.ROOT;
        for (JsonStreamContext c : chain) {
            if (c.inObject() && c.getCurrentName() != null) {
                path = path.key(c.getCurrentName());
            } else if (c.inArray() && c.getCurrentIndex() >= 0) {
                path = path.index(c.getCurrentIndex());
            }
        }
        return path;
    }

    private static ConfigException syntaxError(String fileName, ConfigLoader.Format format, JsonProcessingException e) {
        if (e instanceof StreamConstraintsException) {
            return ConfigException.inFile(
                    fileName,
                    at(e.getLocation()) + "the parser stopped at a safety limit: "
                            + firstSentence(e.getOriginalMessage())
                            + " — this does not look like an Invalidator config");
        }
        if (e.getCause() instanceof MarkedYAMLException yaml) {
            return yamlError(fileName, yaml);
        }
        return ConfigException.inFile(
                fileName,
                at(e.getLocation()) + "not valid " + format + ": " + brief(firstSentence(e.getOriginalMessage()))
                        + " — check the quotes, commas and brackets there");
    }

    private static ConfigException yamlError(String fileName, MarkedYAMLException e) {
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        String where = mark == null ? "" : "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ": ";
        // In YAML a bare * starts an alias, so users: [*] is a syntax error rather than "everyone".
        if (e.getContext() != null && e.getContext().contains("scanning an alias")) {
            return ConfigException.inFile(
                    fileName, where + "a bare * starts a YAML alias — write \"*\" in quotes," + " e.g. users: [\"*\"]");
        }
        return ConfigException.inFile(
                fileName,
                where + "not valid YAML: " + brief(e.getProblem())
                        + " — check the indentation, colons and quotes there");
    }

    /** {@code "line 3, column 7: "} to start a message, or nothing when the parser doesn't know. */
    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? "" : where(location) + ": ";
    }

    private static String where(JsonLocation location) {
        return "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String firstSentence(String message) {
        String firstLine = message == null ? "" : message.lines().findFirst().orElse("");
        int technicalTail = firstLine.indexOf(", from `");
        return technicalTail < 0 ? firstLine : firstLine.substring(0, technicalTail) + ")";
    }

    // Parser messages quote the offending text; a 10,000-character token must not become the whole message.
    private static String brief(String problem) {
        return Strings.shorten(problem == null ? "" : problem.strip(), 200);
    }
}
