package dev.invalidator.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SlackTextTest {

    @Nested
    class Unescape {

        static Stream<Arguments> entities() {
            return Stream.of(
                    Arguments.of("&lt;", "<"),
                    Arguments.of("&gt;", ">"),
                    Arguments.of("&amp;", "&"),
                    Arguments.of("/img.jpg?a=1&amp;b=2", "/img.jpg?a=1&b=2"),
                    Arguments.of("/&lt;!channel&gt;", "/<!channel>"),
                    Arguments.of("&amp;lt;", "&lt;"),
                    Arguments.of("&amp;amp;", "&amp;"),
                    Arguments.of("&lt;&gt;&amp;", "<>&"),
                    Arguments.of("&quot;&#39;&nbsp;", "&quot;&#39;&nbsp;"),
                    Arguments.of("&", "&"),
                    Arguments.of("&lt", "&lt"),
                    Arguments.of("&&lt;", "&<"),
                    Arguments.of("", ""),
                    Arguments.of("/plain/path.css", "/plain/path.css"));
        }

        @ParameterizedTest(name = "{0} → {1}")
        @MethodSource("entities")
        void decodes_exactly_the_three_entities_once_from_left_to_right(String slackText, String expected) {
            assertThat(SlackText.unescape(slackText)).isEqualTo(expected);
        }
    }

    @Nested
    class Escape {

        static Stream<Arguments> controlCharacters() {
            return Stream.of(
                    Arguments.of("<!channel>", "&lt;!channel&gt;"),
                    Arguments.of("a & b", "a &amp; b"),
                    Arguments.of("&lt;", "&amp;lt;"),
                    Arguments.of("*bold* _it_ `code` \"q\" 'a'", "*bold* _it_ `code` \"q\" 'a'"),
                    Arguments.of("café ✓", "café ✓"),
                    Arguments.of("", ""));
        }

        @ParameterizedTest(name = "{0} → {1}")
        @MethodSource("controlCharacters")
        void encodes_only_ampersand_and_angle_brackets(String text, String expected) {
            assertThat(SlackText.escape(text)).isEqualTo(expected);
        }

        @Test
        void unescape_reverses_escape_for_any_text() {
            String text = "/a?x=1&y=<2>&amp;z &lt; &gt;";

            assertThat(SlackText.unescape(SlackText.escape(text))).isEqualTo(text);
        }
    }
}
