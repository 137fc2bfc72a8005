package dev.invalidator.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The docs hold together: every relative link in {@code README.md}, {@code ARCHITECTURE.md}, {@code CONTRIBUTING.md}
 * and {@code docs/*.md} leads to a file of the repository, every {@code #anchor} to a heading of the file it points
 * into (by GitHub's slugs), and the README stays a short first read that starts with the two commands.
 */
class DocsLinksTest {

    private static final Path README = Path.of("README.md");
    private static final Path DOCS = Path.of("docs");
    private static final int README_MAX_LINES = 200;
    /** The two commands must be within the README's first lines: a newcomer reads them before anything else. */
    private static final int README_COMMANDS_WITHIN = 25;

    private static final List<String> README_COMMANDS =
            List.of("./mvnw -B -q package -DskipTests && java -jar target/invalidator.jar demo", "./mvnw -B verify");

    /** Maven without the wrapper, as a command: {@code mvn -B verify}, {@code mvn package}. */
    private static final Pattern PLAIN_MVN_COMMAND = Pattern.compile("(?<![\\w./\\\\-])mvn +(?:-|[a-z])");

    static List<Path> documents() {
        List<Path> documents = new ArrayList<>(List.of(README, Path.of("ARCHITECTURE.md"), Path.of("CONTRIBUTING.md")));
        try (Stream<Path> files = Files.list(DOCS)) {
            files.filter(file -> file.toString().endsWith(".md")).sorted().forEach(documents::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return documents;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    void every_relative_link_leads_to_a_file_of_the_repository(Path document) {
        Markdown markdown = Markdown.read(document);

        List<String> problems = new ArrayList<>();
        for (Link link : markdown.links()) {
            fileProblem(document, link.target())
                    .ifPresent(problem ->
                            problems.add(document + ":" + link.line() + ": (" + link.target() + ") " + problem));
        }

        assertThat(problems).as("links that lead nowhere").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    void every_anchor_names_a_heading_of_the_file_it_points_into(Path document) {
        Markdown markdown = Markdown.read(document);

        List<String> problems = new ArrayList<>();
        for (Link link : markdown.links()) {
            if (fileProblem(document, link.target()).isEmpty()) {
                anchorProblem(document, link.target())
                        .ifPresent(problem ->
                                problems.add(document + ":" + link.line() + ": (" + link.target() + ") " + problem));
            }
        }

        assertThat(problems).as("anchors without their heading").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    void every_reference_link_has_its_definition(Path document) {
        Markdown markdown = Markdown.read(document);

        assertThat(markdown.undefinedReferences())
                .as("reference links of %s without a [label]: definition", document)
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    void no_document_tells_the_reader_to_run_maven_without_the_wrapper(Path document) throws IOException {
        List<String> lines = Files.readAllLines(document);

        List<String> plain = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (PLAIN_MVN_COMMAND.matcher(lines.get(i)).find()) {
                plain.add(document + ":" + (i + 1) + ": " + lines.get(i).strip());
            }
        }

        assertThat(plain).as("commands with mvn instead of ./mvnw").isEmpty();
    }

    @Test
    void the_readme_is_at_most_200_lines() throws IOException {
        assertThat(Files.readAllLines(README)).hasSizeLessThanOrEqualTo(README_MAX_LINES);
    }

    @Test
    void the_readme_starts_with_the_two_commands() {
        List<String> commands = Markdown.read(README).codeLines().stream()
                .filter(line -> line.line() <= README_COMMANDS_WITHIN)
                .map(line -> line.text().strip())
                .toList();

        assertThat(commands)
                .as("lines of code blocks within the README's first %d lines", README_COMMANDS_WITHIN)
                .containsAll(README_COMMANDS);
    }

    @Test
    void the_readme_links_to_every_document_under_docs() {
        Set<Path> linked = Markdown.read(README).links().stream()
                .map(link -> withoutAnchor(link.target()))
                .filter(target -> !target.isEmpty() && !isExternal(target))
                .map(target -> Path.of(decode(target)).normalize())
                .collect(Collectors.toSet());

        assertThat(linked)
                .containsAll(documents().stream()
                        .filter(document -> document.startsWith(DOCS))
                        .toList());
    }

    /** Why {@code target}, linked from {@code document}, leads to no file of the repository; empty when it does. */
    private static Optional<String> fileProblem(Path document, String target) {
        if (target.isEmpty()) {
            return Optional.of("an empty link");
        }
        if (isExternal(target)) {
            return Optional.empty();
        }
        Path file = fileOf(document, target);
        if (file.startsWith("..")) {
            return Optional.of("leads out of the repository");
        }
        return Files.exists(file) ? Optional.empty() : Optional.of("no such file: " + file);
    }

    /** Why the {@code #anchor} of {@code target} names no heading of its file; empty when it does or there is none. */
    private static Optional<String> anchorProblem(Path document, String target) {
        int hash = target.indexOf('#');
        if (hash < 0 || isExternal(target)) {
            return Optional.empty();
        }
        String anchor = target.substring(hash + 1);
        Path file = fileOf(document, target);
        if (!file.toString().endsWith(".md")) {
            return Optional.of("an anchor into a file that is not Markdown can't be checked: link the file alone");
        }
        Set<String> anchors = Markdown.read(file).anchors();
        return anchors.contains(anchor)
                ? Optional.empty()
                : Optional.of("no heading of " + file + " has the anchor #" + anchor + "; its anchors are " + anchors);
    }

    /** The file a relative link leads to, relative to the repository; the document itself for {@code #anchor}. */
    private static Path fileOf(Path document, String target) {
        String file = withoutAnchor(target);
        return file.isEmpty() ? document : document.resolveSibling(decode(file)).normalize();
    }

    private static String withoutAnchor(String target) {
        int hash = target.indexOf('#');
        return hash < 0 ? target : target.substring(0, hash);
    }

    private static boolean isExternal(String target) {
        return target.matches("[a-zA-Z][a-zA-Z0-9+.-]*:.*");
    }

    private static String decode(String path) {
        return URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    record Link(int line, String target) {}

    record CodeLine(int line, String text) {}

    /**
     * What this test needs of a Markdown file: its links, outside code, and the anchors of its headings. Fenced code
     * blocks and inline code hold no links; headings are ATX headings ({@code ## Title}).
     */
    record Markdown(List<Link> links, Set<String> anchors, List<String> undefinedReferences, List<CodeLine> codeLines) {

        private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})");
        private static final Pattern INLINE_CODE = Pattern.compile("(?s)(`+)(.+?)(?<!`)\\1(?!`)");
        private static final Pattern INLINE_LINK =
                Pattern.compile("!?\\[[^\\]]*\\]\\(\\s*<?([^\\s<>()]*)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
        private static final Pattern REFERENCE_LINK = Pattern.compile("\\[([^\\]]+)\\]\\[([^\\]]*)\\]");
        private static final Pattern DEFINITION = Pattern.compile("(?m)^ {0,3}\\[([^\\]]+)\\]:\\s*<?([^\\s>]+)>?.*$");
        private static final Pattern HEADING = Pattern.compile("^ {0,3}#{1,6}(?:\\s+(.*?))?(?:\\s+#+)?\\s*$");
        private static final Map<Path, Markdown> READ = new HashMap<>();

        static synchronized Markdown read(Path file) {
            return READ.computeIfAbsent(file, path -> {
                try {
                    return parse(Files.readString(path));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }

        static Markdown parse(String text) {
            List<String> lines = text.lines().toList();
            List<String> prose = new ArrayList<>();
            List<CodeLine> code = new ArrayList<>();
            Map<String, Integer> seen = new HashMap<>();
            Set<String> anchors = new LinkedHashSet<>();
            String fence = null;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                Matcher opening = FENCE.matcher(line);
                if (fence == null && opening.find()) {
                    fence = opening.group(1);
                    prose.add("");
                } else if (fence != null) {
                    if (closes(fence, line)) {
                        fence = null;
                    } else {
                        code.add(new CodeLine(i + 1, line));
                    }
                    prose.add("");
                } else {
                    Matcher heading = HEADING.matcher(line);
                    if (heading.matches()) {
                        String slug = slug(Optional.ofNullable(heading.group(1)).orElse(""));
                        int times = seen.merge(slug, 1, Integer::sum);
                        anchors.add(times == 1 ? slug : slug + "-" + (times - 1));
                    }
                    prose.add(line);
                }
            }
            String outsideCode = blank(INLINE_CODE, String.join("\n", prose));

            List<Link> links = new ArrayList<>();
            Matcher inline = INLINE_LINK.matcher(outsideCode);
            while (inline.find()) {
                links.add(new Link(lineAt(outsideCode, inline.start()), inline.group(1)));
            }
            Set<String> defined = new TreeSet<>();
            Matcher definition = DEFINITION.matcher(outsideCode);
            while (definition.find()) {
                defined.add(label(definition.group(1)));
                links.add(new Link(lineAt(outsideCode, definition.start()), definition.group(2)));
            }
            List<String> undefined = new ArrayList<>();
            Matcher reference = REFERENCE_LINK.matcher(outsideCode);
            while (reference.find()) {
                String label = label(reference.group(2).isBlank() ? reference.group(1) : reference.group(2));
                if (!defined.contains(label)) {
                    undefined.add("line " + lineAt(outsideCode, reference.start()) + ": [" + label + "]");
                }
            }
            return new Markdown(links, anchors, undefined, code);
        }

        /** A fence closes with a line of at least as many of its characters, and nothing else. */
        private static boolean closes(String fence, String line) {
            String stripped = line.strip();
            return stripped.startsWith(fence) && stripped.chars().allMatch(c -> c == fence.charAt(0));
        }

        /**
         * The anchor GitHub gives a heading: its text without link targets, in lower case, each space a {@code -},
         * every other character but letters, digits, {@code -} and {@code _} dropped.
         */
        static String slug(String heading) {
            String text = heading.strip()
                    .replaceAll("!?\\[([^\\]]*)\\]\\([^)]*\\)", "$1")
                    .replaceAll("<[^>]+>", "")
                    .toLowerCase(Locale.ROOT);
            StringBuilder slug = new StringBuilder();
            text.codePoints().forEach(c -> {
                if (c == ' ') {
                    slug.append('-');
                } else if (c == '-' || c == '_' || Character.isLetterOrDigit(c)) {
                    slug.appendCodePoint(c);
                }
            });
            return slug.toString();
        }

        private static String label(String label) {
            return label.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        }

        /** The text with every match replaced by spaces, line breaks kept, so that line numbers stay right. */
        private static String blank(Pattern pattern, String text) {
            Matcher matcher = pattern.matcher(text);
            StringBuilder out = new StringBuilder();
            while (matcher.find()) {
                matcher.appendReplacement(out, matcher.group().replaceAll("[^\\n]", " "));
            }
            matcher.appendTail(out);
            return out.toString();
        }

        private static int lineAt(String text, int index) {
            return (int) text.substring(0, index).chars().filter(c -> c == '\n').count() + 1;
        }
    }

    @Nested
    class Reading {

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                value = {
                    "Going live | going-live",
                    "Container, ECS and Kubernetes | container-ecs-and-kubernetes",
                    "Scaling (replicas) | scaling-replicas",
                    "The walk of one `/invalidate web /index.html` | the-walk-of-one-invalidate-web-indexhtml",
                    "What the build enforces, and how to fix each failure | what-the-build-enforces-and-how-to-fix-each-failure",
                    "Stopping, restarting and rotating tokens | stopping-restarting-and-rotating-tokens",
                    "See [the docs](docs/usage.md) | see-the-docs",
                    "check-config | check-config"
                })
        void a_heading_gets_the_anchor_github_gives_it(String heading, String anchor) {
            assertThat(Markdown.slug(heading)).isEqualTo(anchor);
        }

        @Test
        void a_heading_written_twice_gets_a_numbered_second_anchor() {
            assertThat(Markdown.parse("# Logs\n\n## Logs\n\n### Logs\n").anchors())
                    .containsExactly("logs", "logs-1", "logs-2");
        }

        @Test
        void links_in_code_are_not_links() {
            Markdown markdown = Markdown.parse(
                    "See [usage](docs/usage.md).\n\n```\n[not](a/link.md)\n## not a heading\n```\n`[nor](this.md)`\n");

            assertThat(markdown.links()).containsExactly(new Link(1, "docs/usage.md"));
            assertThat(markdown.anchors()).isEmpty();
        }

        @Test
        void a_reference_link_counts_through_its_definition() {
            Markdown markdown = Markdown.parse("The [`Bot`][Bot] and the [Tracker][].\n\n[Bot]: src/Bot.java\n");

            assertThat(markdown.links()).containsExactly(new Link(3, "src/Bot.java"));
            assertThat(markdown.undefinedReferences()).containsExactly("line 1: [tracker]");
        }
    }
}
