package dev.invalidator.request;

import static dev.invalidator.request.Requests.accepted;
import static dev.invalidator.request.Requests.parse;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What counts as a wipe: every wildcard at the top level sweeps whole folders, as {@code /*} sweeps them all. */
class WipesTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/*", "/a*", "/index*", "/img.jpg*", "/café*", "/?v=*"})
    void a_wildcard_at_the_top_level_is_a_wipe(String path) {
        assertThat(accepted(path).isWipe()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {"/css/*", "/css/a*", "/a/b/*", "/https://config.example.com/files/*", "/index.html", "/", "/a%2A"
            })
    void a_file_or_a_wildcard_below_a_folder_is_no_wipe(String path) {
        assertThat(accepted(path).isWipe()).isFalse();
    }

    @Test
    void a_cache_tag_is_no_wipe() {
        assertThat(accepted("#news").isWipe()).isFalse();
    }

    @Test
    void fifteen_wildcards_at_the_top_level_make_a_request_a_wipe_without_any_slash_star() {
        ParsedPaths parsed = parse(
                "/a*", "/b*", "/c*", "/d*", "/e*", "/f*", "/g*", "/h*", "/i*", "/j*", "/k*", "/l*", "/m*", "/n*",
                "/o*");

        assertThat(parsed.wipes()).hasSize(15);
        assertThat(parsed.containsWipe()).isTrue();
    }
}
