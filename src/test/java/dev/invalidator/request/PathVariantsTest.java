package dev.invalidator.request;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PathVariantsTest {

    @Test
    void are_the_lower_case_the_other_encodings_and_the_other_trailing_slash_most_likely_first() {
        assertThat(PathVariants.of("/Docs/Caf%c3%a9"))
                .containsExactly("/docs/caf%c3%a9", "/Docs/Caf%C3%A9", "/Docs/Caf%c3%a9/");
    }

    @Test
    void decode_what_browsers_send_plain_and_undo_a_double_encoding() {
        assertThat(PathVariants.of("/%7Ealice/a%2520b.pdf")).contains("/~alice/a%20b.pdf");
    }

    @Test
    void keep_the_query_string_as_it_is() {
        assertThat(PathVariants.of("/Index.html?v=A")).containsExactly("/index.html?v=A", "/Index.html/?v=A");
    }

    @Test
    void are_none_for_the_root_in_lower_case() {
        assertThat(PathVariants.of("/")).isEmpty();
    }
}
