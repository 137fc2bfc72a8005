package dev.invalidator.request;

import static dev.invalidator.request.Requests.accepted;
import static dev.invalidator.request.Requests.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HostileInputTest {

    private static final int LONG = 10_000;

    @Nested
    class VeryLongTokens {

        static Stream<Arguments> longTokens() {
            return Stream.of(
                    Arguments.of("a path", "/" + "a".repeat(LONG)),
                    Arguments.of("a path of emoji", "/" + "😀".repeat(LONG / 2)),
                    Arguments.of("a path of percents", "/" + "%".repeat(LONG)),
                    Arguments.of("a path of stars", "/" + "*".repeat(LONG)),
                    Arguments.of("a tag", "#" + "t".repeat(LONG)),
                    Arguments.of("a link", "https://www.example.com/" + "a".repeat(LONG)),
                    Arguments.of("a foreign host", "https://" + "h".repeat(LONG) + "/a"),
                    Arguments.of("a bare word", "w".repeat(LONG)),
                    Arguments.of("angle brackets", "<".repeat(LONG)),
                    Arguments.of("colons", "/" + ":".repeat(LONG)));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("longTokens")
        void are_rejected_with_the_input_shortened_to_80_characters(String kind, String token) {
            ParsedPaths parsed = parse(token);

            assertThat(parsed.problems()).isNotEmpty().allSatisfy(problem -> {
                assertThat(problem.input().codePointCount(0, problem.input().length()))
                        .isLessThanOrEqualTo(80);
                assertThat(problem.message()).isNotBlank().hasSizeLessThan(600);
            });
        }

        @Test
        void many_long_tokens_together_are_all_reported() {
            assertThat(parse("/" + "a".repeat(LONG), "/" + "b".repeat(LONG), "/ok")
                            .problems())
                    .hasSize(2);
        }
    }

    @Nested
    class OddButValidPaths {

        static Stream<Arguments> odd() {
            return Stream.of(
                    Arguments.of("////", "////"),
                    Arguments.of("/%", "/%25"),
                    Arguments.of("/%zz", "/%25zz"),
                    Arguments.of("/<!channel>", "/%3C!channel%3E"),
                    Arguments.of("/<!here|here>", "/%3C!here%7Chere%3E"),
                    Arguments.of("/<@U024BE7LH>", "/%3C@U024BE7LH%3E"),
                    Arguments.of("/\u202Egnp.exe", "/%E2%80%AEgnp.exe"),
                    Arguments.of("/a\u0300\u0301\u0302", "/a%CC%80%CC%81%CC%82"),
                    Arguments.of("/👨‍👩‍👧", "/%F0%9F%91%A8%E2%80%8D%F0%9F%91%A9%E2%80%8D%F0%9F%91%A7"),
                    Arguments.of("/../../etc/passwd", "/../../etc/passwd"),
                    Arguments.of("/?", "/?"),
                    Arguments.of("/#", "/"));
        }

        @ParameterizedTest(name = "{0} → {1}")
        @MethodSource("odd")
        void are_accepted_in_their_encoded_form(String token, String value) {
            assertThat(accepted(token).value()).isEqualTo(value);
        }
    }

    @Nested
    class SlackMarkup {

        static Stream<Arguments> markup() {
            return Stream.of(
                    Arguments.of("<!channel>"),
                    Arguments.of("<!here>"),
                    Arguments.of("<@U024BE7LH|bob smith>"),
                    Arguments.of("<#C024BE7LR|general>"),
                    Arguments.of("<!subteam^S123|@ops>"),
                    Arguments.of("<https://a|<https://b|c>>"),
                    Arguments.of("<<<https://x>>>"),
                    Arguments.of("<https://x|<>|<>>"),
                    Arguments.of("<https://www.example.com/a|x"),
                    Arguments.of("|||>>><<<"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("markup")
        void mentions_and_nested_or_broken_sequences_are_never_accepted(String text) {
            ParsedPaths parsed = parse(Tokenizer.split(text).toArray(String[]::new));

            assertThat(parsed.accepted()).isEmpty();
            assertThat(parsed.problems()).isNotEmpty();
        }
    }

    @Test
    void a_request_of_only_problems_reports_each_and_accepts_nothing() {
        List<String> tokens = List.of("", "#", "*", "<", "mailto:", "https://", "\uD800", "/\u0000");

        ParsedPaths parsed = new PathParser(PathLimits.cloudFrontDefaults()).parse(tokens, Requests.HOSTS);

        assertThat(parsed.problems()).hasSize(tokens.size());
        assertThat(parsed.accepted()).isEmpty();
    }
}
