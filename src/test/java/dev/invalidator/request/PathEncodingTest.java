package dev.invalidator.request;

import static dev.invalidator.request.Requests.accepted;
import static org.assertj.core.api.Assertions.assertThat;

import dev.invalidator.request.InvalidationPath.Kind;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PathEncodingTest {

    @Nested
    class EncodedForms {

        static Stream<Arguments> unsafeCharacters() {
            return Stream.of(
                    Arguments.of("/a b", "/a%20b"),
                    Arguments.of("/a<b", "/a%3Cb"),
                    Arguments.of("/a>b", "/a%3Eb"),
                    Arguments.of("/a\"b", "/a%22b"),
                    Arguments.of("/a%b", "/a%25b"),
                    Arguments.of("/a{b", "/a%7Bb"),
                    Arguments.of("/a}b", "/a%7Db"),
                    Arguments.of("/a|b", "/a%7Cb"),
                    Arguments.of("/a\\b", "/a%5Cb"),
                    Arguments.of("/a^b", "/a%5Eb"),
                    Arguments.of("/a~b", "/a%7Eb"),
                    Arguments.of("/a[b", "/a%5Bb"),
                    Arguments.of("/a]b", "/a%5Db"),
                    Arguments.of("/a`b", "/a%60b"),
                    Arguments.of("/<!channel>", "/%3C!channel%3E"));
        }

        @ParameterizedTest(name = "{0} → {1}")
        @MethodSource("unsafeCharacters")
        void rfc_1738_unsafe_characters_are_percent_encoded(String typed, String value) {
            assertThat(accepted(typed).value()).isEqualTo(value);
        }

        static Stream<Arguments> nonAscii() {
            return Stream.of(
                    Arguments.of("/café.html", "/caf%C3%A9.html"),
                    Arguments.of("/日本/地図.png", "/%E6%97%A5%E6%9C%AC/%E5%9C%B0%E5%9B%B3.png"),
                    Arguments.of("/😀", "/%F0%9F%98%80"),
                    Arguments.of("/e\u0301", "/e%CC%81"),
                    Arguments.of("/a\u00A0b", "/a%C2%A0b"),
                    Arguments.of("/\u200Fright-to-left", "/%E2%80%8Fright-to-left"),
                    Arguments.of("/مرحبا", "/%D9%85%D8%B1%D8%AD%D8%A8%D8%A7"),
                    Arguments.of("/\uFFFF", "/%EF%BF%BF"));
        }

        @ParameterizedTest(name = "{0} → {1}")
        @MethodSource("nonAscii")
        void non_ascii_characters_become_their_utf8_bytes_in_upper_case_hex(String typed, String value) {
            assertThat(accepted(typed).value()).isEqualTo(value);
        }

        @Test
        void precomposed_and_combining_accents_stay_different_keys_because_nothing_is_normalised() {
            assertThat(accepted("/\u00E9").value())
                    .isNotEqualTo(accepted("/e\u0301").value());
        }
    }

    @Nested
    class ExistingEscapes {

        static Stream<Arguments> escapes() {
            return Stream.of(
                    Arguments.of("/a%20b", "/a%20b"),
                    Arguments.of("/a%2Fb", "/a%2Fb"),
                    Arguments.of("/a%2fb", "/a%2fb"),
                    Arguments.of("/caf%C3%A9", "/caf%C3%A9"),
                    Arguments.of("/%", "/%25"),
                    Arguments.of("/%2", "/%252"),
                    Arguments.of("/%zz", "/%25zz"),
                    Arguments.of("/%g0", "/%25g0"),
                    Arguments.of("/100%", "/100%25"),
                    Arguments.of("/%%20", "/%25%20"),
                    Arguments.of("/%２０", "/%25%EF%BC%92%EF%BC%90"),
                    Arguments.of("/a b%20c", "/a%20b%20c"));
        }

        @ParameterizedTest(name = "{0} → {1}")
        @MethodSource("escapes")
        void a_percent_followed_by_two_hex_digits_is_kept_and_any_other_percent_is_encoded(String typed, String value) {
            assertThat(accepted(typed).value()).isEqualTo(value);
        }

        /**
         * CloudFront compares an invalidation path with the cached URL letter for letter ("Invalidation paths are case
         * sensitive"; "Do not URL-encode any other characters in the path, or CloudFront will not invalidate the old
         * version", developer guide, shared reference cloudfront.md §1), and a browser sends an escape written in a
         * link as written. So {@code %c3%a9} names the object requested as {@code %c3%a9}: upper-casing it would
         * name another one.
         */
        @Test
        void lower_case_escapes_are_kept_as_typed_not_normalised() {
            assertThat(accepted("/caf%c3%a9.html").value()).isEqualTo("/caf%c3%a9.html");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"/a/%2A", "/a/%2a"})
        void an_encoded_star_is_a_literal_file_not_a_wildcard(String typed) {
            InvalidationPath path = accepted(typed);

            assertThat(path.value()).isEqualTo(typed);
            assertThat(path.kind()).isEqualTo(Kind.FILE);
        }
    }

    @Nested
    class CharactersLeftAlone {

        @Test
        void reserved_and_other_safe_characters_are_not_encoded() {
            String typed = "/a?b=c&d=e+f:g@h!i$j'k(l)m;n,o-p.q_r/0123456789/ABCXYZ/abcxyz";

            assertThat(accepted(typed).value()).isEqualTo(typed);
        }

        @Test
        void a_trailing_star_is_never_encoded() {
            assertThat(accepted("/café/*").value()).isEqualTo("/caf%C3%A9/*");
        }

        @Test
        void a_path_with_nothing_to_encode_was_not_encoded() {
            assertThat(accepted("/css/site.css").wasEncoded()).isFalse();
        }

        @Test
        void a_path_with_something_to_encode_was_encoded_and_keeps_what_was_typed() {
            InvalidationPath path = accepted("/a b");

            assertThat(path.wasEncoded()).isTrue();
            assertThat(path.typed()).isEqualTo("/a b");
        }
    }
}
