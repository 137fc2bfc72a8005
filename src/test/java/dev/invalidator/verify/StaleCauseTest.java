package dev.invalidator.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invalidator.verify.StaleCause.Kind;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Why a copy outlived the invalidation, from the key the edge keeps it under and the paths the request sent. */
class StaleCauseTest {

    private static StaleCause cause(String heldKey, String... requestPaths) {
        return StaleCause.of(heldKey, List.of(requestPaths));
    }

    private static StaleCause expected(Kind kind, String requestPath, String fix) {
        return new StaleCause(kind, Optional.of(requestPath), Optional.ofNullable(fix));
    }

    @Nested
    class LetterCase {

        @Test
        void a_file_in_another_case_is_fixed_by_the_held_key() {
            assertThat(cause("/index.html", "/Index.html"))
                    .isEqualTo(expected(Kind.LETTER_CASE, "/Index.html", "/index.html"));
        }

        @Test
        void a_wildcard_in_another_case_is_fixed_by_the_same_wildcard_in_the_keys_case() {
            assertThat(cause("/img/logo.png", "/IMG/*")).isEqualTo(expected(Kind.LETTER_CASE, "/IMG/*", "/img/*"));
        }

        @Test
        void names_the_case_twin_among_the_requests_paths() {
            assertThat(cause("/Docs/Guide.html", "/about.html", "/docs/guide.html"))
                    .isEqualTo(expected(Kind.LETTER_CASE, "/docs/guide.html", "/Docs/Guide.html"));
        }
    }

    @Nested
    class Encoding {

        @Test
        void lower_case_escapes_are_another_key_than_the_upper_case_ones_browsers_send() {
            assertThat(cause("/caf%C3%A9.html", "/caf%c3%a9.html"))
                    .isEqualTo(expected(Kind.ENCODING, "/caf%c3%a9.html", "/caf%C3%A9.html"));
        }

        @Test
        void an_encoded_character_browsers_send_plain_is_another_key() {
            assertThat(cause("/~alice/index.html", "/%7Ealice/index.html"))
                    .isEqualTo(expected(Kind.ENCODING, "/%7Ealice/index.html", "/~alice/index.html"));
        }
    }

    @Nested
    class QueryString {

        @Test
        void a_variant_the_file_path_did_not_name_suggests_the_path_with_a_wildcard() {
            assertThat(cause("/app.js?v=2", "/app.js")).isEqualTo(expected(Kind.QUERY_STRING, "/app.js", "/app.js*"));
        }

        @Test
        void another_variant_than_the_one_named_suggests_the_same() {
            assertThat(cause("/app.js?v=2", "/app.js?v=1"))
                    .isEqualTo(expected(Kind.QUERY_STRING, "/app.js?v=1", "/app.js*"));
        }

        @Test
        void a_url_with_a_query_string_named_exactly_yet_served_old_was_keyed_on_another_form() {
            assertThat(cause("/app.js?v=2", "/app.js?v=2"))
                    .isEqualTo(expected(Kind.QUERY_STRING, "/app.js?v=2", "/app.js*"));
        }
    }

    @Nested
    class TrailingSlash {

        @Test
        void a_directory_without_its_slash_is_another_key() {
            assertThat(cause("/docs/", "/docs")).isEqualTo(expected(Kind.TRAILING_SLASH, "/docs", "/docs/"));
        }

        @Test
        void a_wildcard_inside_a_directory_misses_the_directory_itself() {
            assertThat(cause("/docs", "/docs/*")).isEqualTo(expected(Kind.TRAILING_SLASH, "/docs/*", "/docs"));
        }
    }

    @Nested
    class NothingInThePaths {

        @Test
        void a_key_named_exactly_has_no_slip_to_blame() {
            assertThat(cause("/index.html", "/index.html")).isEqualTo(expected(Kind.NO_SLIP, "/index.html", null));
        }

        @Test
        void a_key_no_path_comes_close_to_is_unrelated() {
            assertThat(cause("/about.html", "/img/*"))
                    .isEqualTo(new StaleCause(Kind.UNRELATED, Optional.empty(), Optional.empty()));
        }
    }
}
