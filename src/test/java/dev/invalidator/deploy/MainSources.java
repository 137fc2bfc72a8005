package dev.invalidator.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The bot's main sources as text, without comments: what the manifest and IAM tests derive the Slack methods and AWS
 * operations from, so that a call someone adds tomorrow is checked without anyone updating a list.
 *
 * <pre>{@code
 * Map<String, SortedSet<String>> calls = MainSources.read().calls(Set.of("chatPostMessage"));
 * // {chatPostMessage=[slack/SlackChat.java]}
 * }</pre>
 */
final class MainSources {

    private static final Path ROOT = Path.of("src/main/java/dev/invalidator");
    // The simulators answer Slack and CloudFront calls for the tests and the demo; they make none of their own.
    private static final Path SIMULATORS = ROOT.resolve("sandbox");
    private static final Pattern BLOCK_COMMENT = Pattern.compile("(?s)/\\*.*?\\*/");
    private static final Pattern LINE_COMMENT = Pattern.compile("(?m)^\\s*//.*$");
    // obj.name( or obj::name: a method called, or passed by reference
    private static final Pattern CALL = Pattern.compile("\\.\\s*(\\w+)\\s*\\(|::\\s*(\\w+)");

    private final Map<String, String> textByFile;

    private MainSources(Map<String, String> textByFile) {
        this.textByFile = textByFile;
    }

    static MainSources read() {
        Map<String, String> textByFile = new TreeMap<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            files.filter(file -> file.toString().endsWith(".java") && !file.startsWith(SIMULATORS))
                    .forEach(file -> textByFile.put(ROOT.relativize(file).toString(), withoutComments(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new MainSources(textByFile);
    }

    private static String withoutComments(Path file) {
        try {
            String text = Files.readString(file);
            return LINE_COMMENT
                    .matcher(BLOCK_COMMENT.matcher(text).replaceAll(" "))
                    .replaceAll("");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Of the given method names, those the sources call, each with the files that call it. */
    Map<String, SortedSet<String>> calls(Set<String> methodNames) {
        Map<String, SortedSet<String>> filesByMethod = new TreeMap<>();
        textByFile.forEach((file, text) -> {
            Matcher call = CALL.matcher(text);
            while (call.find()) {
                String name = call.group(1) != null ? call.group(1) : call.group(2);
                if (methodNames.contains(name)) {
                    filesByMethod
                            .computeIfAbsent(name, called -> new TreeSet<>())
                            .add(file);
                }
            }
        });
        return filesByMethod;
    }

    /** Every match of the pattern's first group across the sources, each with the files it occurs in. */
    Map<String, SortedSet<String>> find(Pattern pattern) {
        Map<String, SortedSet<String>> filesByMatch = new TreeMap<>();
        textByFile.forEach((file, text) -> {
            Matcher match = pattern.matcher(text);
            while (match.find()) {
                filesByMatch
                        .computeIfAbsent(match.group(1), found -> new TreeSet<>())
                        .add(file);
            }
        });
        return filesByMatch;
    }
}
