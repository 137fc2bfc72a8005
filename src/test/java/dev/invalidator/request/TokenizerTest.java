package dev.invalidator.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TokenizerTest {

    @Nested
    class Separators {

        @ParameterizedTest(name = "separator U+{0}")
        @ValueSource(
                strings = {
                    "0020", "0009", "000A", "000B", "000C", "000D", "0085", "00A0", "1680", "2000", "2003", "200A",
                    "2028", "2029", "202F", "205F", "3000", "002C"
                })
        void splits_on_every_unicode_space_and_on_commas(String hex) {
            String separator = Character.toString(Integer.parseInt(hex, 16));

            assertThat(Tokenizer.split("/a" + separator + "/b")).containsExactly("/a", "/b");
        }

        @ParameterizedTest(name = "not a separator: U+{0}")
        @ValueSource(strings = {"200B", "200F", "FEFF", "0301"})
        void keeps_invisible_characters_that_are_not_white_space_inside_the_token(String hex) {
            String character = Character.toString(Integer.parseInt(hex, 16));

            assertThat(Tokenizer.split("/a" + character + "b")).containsExactly("/a" + character + "b");
        }

        @Test
        void information_separators_are_control_characters_not_white_space_so_the_path_is_kept_whole() {
            assertThat(Tokenizer.split("/a\u001Cb\u001Fc")).containsExactly("/a\u001Cb\u001Fc");
        }

        @Test
        void drops_empty_tokens_between_repeated_separators() {
            assertThat(Tokenizer.split(" ,, /a ,\n\n\t/b,, ")).containsExactly("/a", "/b");
        }

        @Test
        void reads_a_list_pasted_one_path_per_line() {
            assertThat(Tokenizer.split("/index.html\r\n/css/site.css\r\n/js/*\r\n"))
                    .containsExactly("/index.html", "/css/site.css", "/js/*");
        }

        @ParameterizedTest(name = "[{0}]")
        @ValueSource(strings = {"", " ", ",", " \n\t,\u00A0\u2003"})
        void returns_no_tokens_for_text_without_any(String text) {
            assertThat(Tokenizer.split(text)).isEmpty();
        }
    }

    @Nested
    class SlackLinks {

        static Stream<Arguments> links() {
            return Stream.of(
                    Arguments.of("<https://www.example.com/a.css>", List.of("https://www.example.com/a.css")),
                    Arguments.of(
                            "<https://www.example.com/a.css|www.example.com/a.css>",
                            List.of("https://www.example.com/a.css")),
                    Arguments.of("<https://x|label with  spaces, and commas>", List.of("https://x")),
                    Arguments.of("/a <http://x/b|b> /c", List.of("/a", "http://x/b", "/c")),
                    Arguments.of("<https://x/a,b.jpg>", List.of("https://x/a,b.jpg")),
                    Arguments.of("<mailto:a@example.com|a@example.com>", List.of("mailto:a@example.com")),
                    Arguments.of("<https://x/a>*", List.of("https://x/a*")),
                    Arguments.of(",<https://x/a>,<https://x/b>", List.of("https://x/a", "https://x/b")));
        }

        @ParameterizedTest(name = "{0} → {1}")
        @MethodSource("links")
        void a_link_sequence_is_one_token_unwrapped_to_its_target(String text, List<String> expected) {
            assertThat(Tokenizer.split(text)).isEqualTo(expected);
        }

        static Stream<Arguments> notLinks() {
            return Stream.of(
                    Arguments.of("/<!channel>", List.of("/<!channel>")),
                    Arguments.of("<!channel>", List.of("<!channel>")),
                    Arguments.of("<@U024BE7LH|bob>", List.of("<@U024BE7LH|bob>")),
                    Arguments.of("<#C024BE7LR|general>", List.of("<#C024BE7LR|general>")),
                    Arguments.of("<https://x/a /b", List.of("<https://x/a", "/b")),
                    Arguments.of("<https://x/a /b>", List.of("<https://x/a", "/b>")),
                    Arguments.of("<", List.of("<")),
                    Arguments.of("<>", List.of("<>")),
                    Arguments.of("<|label>", List.of("<|label>")),
                    Arguments.of("<https:>", List.of("<https:>")),
                    Arguments.of("<https://x|a\nb>", List.of("<https://x|a", "b>")),
                    Arguments.of("/a<https://x>", List.of("/a<https://x>")),
                    Arguments.of("<https://x><https://y>", List.of("https://x<https://y>")),
                    Arguments.of("<https://a|<https://b|c>>", List.of("<https://a|<https://b|c>>")),
                    Arguments.of("<<https://x>>", List.of("<<https://x>>")));
        }

        @ParameterizedTest(name = "{0} → {1}")
        @MethodSource("notLinks")
        void any_other_angle_bracket_is_an_ordinary_character(String text, List<String> expected) {
            assertThat(Tokenizer.split(text)).isEqualTo(expected);
        }
    }

    @Test
    void the_token_list_cannot_be_modified() {
        List<String> tokens = Tokenizer.split("/a /b");

        assertThat(tokens).isUnmodifiable();
    }

    @Nested
    class CommasInQueryStrings {

        @Test
        void a_comma_inside_a_query_string_is_part_of_it() {
            assertThat(Tokenizer.split("/min/?f=/css/a.css,/css/b.css"))
                    .containsExactly("/min/?f=/css/a.css,/css/b.css");
        }

        @Test
        void a_comma_inside_the_query_string_of_a_link_is_part_of_it() {
            assertThat(Tokenizer.split("https://www.example.com/min/?f=/a.css,/b.css /c.css"))
                    .containsExactly("https://www.example.com/min/?f=/a.css,/b.css", "/c.css");
        }

        @Test
        void a_comma_before_the_query_string_still_separates_paths() {
            assertThat(Tokenizer.split("/a.css,/min/?f=/b.css,/c.css"))
                    .containsExactly("/a.css", "/min/?f=/b.css,/c.css");
        }

        @ParameterizedTest(name = "[{0}]")
        @ValueSource(strings = {"/a.css?v=1, /b.css", "/a.css?v=1,\n/b.css", "/a.css?v=1 , /b.css"})
        void a_comma_followed_by_white_space_ends_a_query_string_and_separates(String text) {
            assertThat(Tokenizer.split(text)).containsExactly("/a.css?v=1", "/b.css");
        }

        @Test
        void a_comma_at_the_end_of_the_text_is_no_part_of_a_query_string() {
            assertThat(Tokenizer.split("/a.css?v=1,")).containsExactly("/a.css?v=1");
        }
    }
}
