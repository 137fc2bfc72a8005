package dev.invalidator.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Random token lists, seeded so any failure can be replayed: whatever users paste, the parser must not throw,
 * must send only what CloudFront accepts, and must account for every token.
 */
class PathParserPropertyTest {

    private static final long SEED = 0x1A7A11DL;
    private static final int TOKEN_LISTS = 100_000;
    private static final int SLACK_TEXTS = 10_000;
    private static final Pattern WHITE_SPACE = Pattern.compile("\\p{IsWhite_Space}");
    private static final Pattern REQUEST_SUMMARY = Pattern.compile("[0-9][0-9,]* (wildcard )?paths?");
    private static final String[] PREFIXES = {
        "/",
        "/",
        "/",
        "#",
        "https://www.example.com/",
        "http://D111111ABCDEF8.cloudfront.net",
        "https://other.org/",
        "mailto:",
        "ftp://",
        "",
        "<",
        "&lt;",
        "www.example.com/",
        "/https://config.example.com/",
        "check:/",
        "check:"
    };
    private static final String SPECIALS = "<|>*%#?/&=:;@!,.~`\\^[]{}\"'";
    private static final int[] SPACES_AND_INVISIBLES = {
        0x20, 0x09, 0x0A, 0x0D, 0x85, 0xA0, 0x2003, 0x2028, 0x3000, 0x200B, 0x200F, 0x202E, 0xFEFF, 0x0301
    };

    private final Random random = new Random(SEED);
    private final PathParser defaults = new PathParser(PathLimits.cloudFrontDefaults());
    private final PathParser tight = new PathParser(new PathLimits(4, 2));

    @Test
    void random_token_lists_never_break_the_invariants() {
        List<String> violations = new ArrayList<>();
        for (int i = 0; i < TOKEN_LISTS && violations.size() < 10; i++) {
            List<String> tokens = tokenList();
            check(i % 10 == 0 ? tight : defaults, tokens, violations);
        }

        assertThat(violations).isEmpty();
    }

    @Test
    void random_slack_text_splits_into_tokens_without_white_space_that_parse_within_the_invariants() {
        List<String> violations = new ArrayList<>();
        for (int i = 0; i < SLACK_TEXTS && violations.size() < 10; i++) {
            String text = String.join(randomFrom(" ", ",", "\n", " , ", "\u00A0"), tokenList());
            List<String> tokens = Tokenizer.split(SlackText.unescape(text));
            tokens.stream()
                    .filter(token ->
                            token.isEmpty() || WHITE_SPACE.matcher(token).find())
                    .forEach(token -> violations.add("token with white space or empty " + visible(token)));
            check(defaults, tokens, violations);
        }

        assertThat(violations).isEmpty();
    }

    /**
     * A click on a confirmation sends only the accepted values and samples, and the bot parses them again as if typed:
     * so what was accepted once must be accepted again, unchanged and in the same order.
     */
    @Test
    void accepted_values_parsed_again_are_accepted_unchanged() {
        List<String> violations = new ArrayList<>();
        for (int i = 0; i < TOKEN_LISTS && violations.size() < 10; i++) {
            ParsedPaths first = defaults.parse(tokenList(), Requests.HOSTS);
            if (!first.ok()) {
                continue;
            }
            List<String> values = values(first.accepted());
            List<String> samples = values(first.samples());
            List<String> tokens = new ArrayList<>(values);
            samples.forEach(sample -> tokens.add(CheckSamples.token(sample)));
            ParsedPaths again = defaults.parse(tokens, Set.of());
            if (!again.ok()
                    || !values(again.accepted()).equals(values)
                    || !values(again.samples()).equals(samples)) {
                violations.add(visible(tokens.toString()) + " became "
                        + visible(values(again.accepted()).toString()) + " and samples "
                        + visible(values(again.samples()).toString()) + " " + again.problems());
            }
        }

        assertThat(violations).isEmpty();
    }

    private static List<String> values(List<InvalidationPath> paths) {
        return paths.stream().map(InvalidationPath::value).toList();
    }

    private void check(PathParser parser, List<String> tokens, List<String> violations) {
        try {
            ParsedPaths parsed = parser.parse(tokens, Requests.HOSTS);
            List<String> found = new ArrayList<>();
            acceptedItemsAreSendable(parsed, found);
            problemsExplainThemselves(parsed, tokens, found);
            everyTokenIsAccountedFor(parsed, tokens, found);
            found.forEach(violation -> violations.add(violation + " in " + visible(tokens.toString())));
        } catch (RuntimeException e) {
            violations.add(e + " for " + visible(tokens.toString()));
        }
    }

    private static void acceptedItemsAreSendable(ParsedPaths parsed, List<String> found) {
        for (InvalidationPath path : parsed.accepted()) {
            String value = path.value();
            int star = value.indexOf('*');
            boolean tag = path.kind() == InvalidationPath.Kind.TAG;
            if (!value.startsWith(tag ? "#" : "/")) {
                found.add("accepted value without leading / or # " + value);
            }
            if (star >= 0 && (tag || star != value.length() - 1)) {
                found.add("accepted value with a * not at the end " + value);
            }
            if (value.chars().anyMatch(c -> c < 33 || c > 126)) {
                found.add("accepted value outside printable ASCII " + visible(value));
            }
            if (value.length() > PathLimits.CLOUDFRONT_MAX_PATH_LENGTH) {
                found.add("accepted value of " + value.length() + " characters");
            }
        }
    }

    private static void problemsExplainThemselves(ParsedPaths parsed, List<String> tokens, List<String> found) {
        Set<String> quotedTokens =
                tokens.stream().map(PathParserPropertyTest::quoted).collect(Collectors.toSet());
        for (PathProblem problem : parsed.problems()) {
            if (problem.message().isBlank()) {
                found.add("problem without message for " + visible(problem.input()));
            }
            if (problem.input().codePointCount(0, problem.input().length()) > 80) {
                found.add("problem input over 80 characters");
            }
            boolean aboutAToken = quotedTokens.contains(problem.input());
            boolean aboutTheRequest =
                    tokens.isEmpty() || REQUEST_SUMMARY.matcher(problem.input()).matches();
            if (!aboutAToken && !aboutTheRequest) {
                found.add("problem about no token: " + visible(problem.input()));
            }
        }
        parsed.dropped().stream()
                .filter(dropped -> dropped.reason().isBlank())
                .forEach(dropped -> found.add("dropped without reason " + visible(dropped.input())));
        if (parsed.ok() != (parsed.problems().isEmpty() && !parsed.accepted().isEmpty())) {
            found.add("ok() disagrees with problems and accepted");
        }
    }

    /** Each token occurrence is accepted, dropped, kept as a sample, or named by a problem: nothing vanishes silently. */
    private static void everyTokenIsAccountedFor(ParsedPaths parsed, List<String> tokens, List<String> found) {
        Map<String, Integer> unaccounted = new HashMap<>();
        tokens.forEach(token -> unaccounted.merge(token, 1, Integer::sum));
        parsed.accepted().forEach(path -> takeOne(unaccounted, path.typed(), "accepted", found));
        parsed.dropped().forEach(dropped -> takeOne(unaccounted, dropped.input(), "dropped", found));
        parsed.samples().forEach(sample -> takeOne(unaccounted, sample.typed(), "sample", found));
        Set<String> problemInputs =
                parsed.problems().stream().map(PathProblem::input).collect(Collectors.toSet());
        unaccounted.forEach((token, count) -> {
            if (count > 0 && !problemInputs.contains(quoted(token))) {
                found.add("token neither accepted, dropped nor reported " + visible(token));
            }
        });
    }

    private static void takeOne(Map<String, Integer> unaccounted, String token, String as, List<String> found) {
        if (unaccounted.merge(token, -1, Integer::sum) < 0) {
            found.add(as + " item that is not one of the tokens " + visible(token));
        }
    }

    /** How a problem quotes the token: PathProblem shortens its input itself (see ValueTypesTest). */
    private static String quoted(String token) {
        return new PathProblem(token, "-").input();
    }

    private List<String> tokenList() {
        int size = random.nextInt(100) == 0 ? 0 : 1 + random.nextInt(8);
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            boolean repeat = !tokens.isEmpty() && random.nextInt(8) == 0;
            tokens.add(repeat ? tokens.get(random.nextInt(tokens.size())) : token());
        }
        return tokens;
    }

    private String token() {
        StringBuilder token = new StringBuilder(PREFIXES[random.nextInt(PREFIXES.length)]);
        int length = random.nextInt(500) == 0 ? 4_000 + random.nextInt(6_001) : random.nextInt(24);
        for (int i = 0; i < length; i++) {
            appendRandomCharacter(token);
        }
        if (random.nextInt(4) == 0) {
            token.append(randomFrom("*", "/*", ">", "|label>", "%2A", "?v=1", "/", "#frag"));
        }
        return token.toString();
    }

    private void appendRandomCharacter(StringBuilder token) {
        int pick = random.nextInt(100);
        if (pick < 40) {
            token.append((char) (33 + random.nextInt(94)));
        } else if (pick < 55) {
            token.append(SPECIALS.charAt(random.nextInt(SPECIALS.length())));
        } else if (pick < 62) {
            int control = random.nextInt(66);
            token.append((char) (control < 32 ? control : control == 32 ? 0x7F : 0x80 + control - 33));
        } else if (pick < 68) {
            token.append((char) (0xD800 + random.nextInt(0x800)));
        } else if (pick < 78) {
            token.append((char) random.nextInt(0x10000));
        } else if (pick < 86) {
            token.appendCodePoint(
                    random.nextBoolean() ? 0x1F600 + random.nextInt(80) : 0x10000 + random.nextInt(0x100000));
        } else if (pick < 93) {
            token.appendCodePoint(SPACES_AND_INVISIBLES[random.nextInt(SPACES_AND_INVISIBLES.length)]);
        } else {
            token.append('%').append(Integer.toHexString(random.nextInt(256))).append(random.nextBoolean() ? "" : "z");
        }
    }

    private String randomFrom(String... choices) {
        return choices[random.nextInt(choices.length)];
    }

    /** Failure messages with control characters and surrogates shown as escapes, and not too long to read. */
    private static String visible(String text) {
        StringBuilder out = new StringBuilder();
        text.chars()
                .limit(300)
                .forEach(c -> out.append(c >= 32 && c < 127 ? String.valueOf((char) c) : String.format("\\u%04X", c)));
        return out.toString();
    }
}
