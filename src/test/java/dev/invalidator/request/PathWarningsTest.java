package dev.invalidator.request;

import static dev.invalidator.request.Requests.accepted;
import static dev.invalidator.request.Requests.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PathWarningsTest {

    private static List<String> warningsFor(String... tokens) {
        return parse(tokens).warnings().stream().map(PathWarning::message).toList();
    }

    @Nested
    class QueryStrings {

        @Test
        void a_query_string_warns_that_only_that_variant_is_removed_and_suggests_a_wildcard() {
            assertThat(parse("/img.jpg?v=2").warnings())
                    .containsExactly(new PathWarning(
                            "/img.jpg?v=2",
                            "CloudFront caches each query-string variant separately when the behaviour forwards query "
                                    + "strings; this removes only that variant. Use /img.jpg* to cover all of them."));
        }

        @Test
        void a_wildcard_with_a_query_already_covers_the_variants_and_is_not_warned_about() {
            assertThat(warningsFor("/img.jpg?v=*")).isEmpty();
        }
    }

    @Nested
    class TrailingSlashes {

        @Test
        void a_trailing_slash_warns_about_the_other_spellings_of_the_directory() {
            assertThat(warningsFor("/dir/"))
                    .containsExactly(
                            "/dir/ and /dir are different cache keys, and the "
                                    + "index document (e.g. /dir/index.html) is yet another: invalidate each one the site serves.");
        }

        @Test
        void the_root_path_is_not_warned_about() {
            assertThat(warningsFor("/")).isEmpty();
        }
    }

    @Nested
    class LetterCase {

        @Test
        void upper_case_letters_warn_that_paths_are_case_sensitive() {
            assertThat(warningsFor("/Img/Logo.PNG"))
                    .containsExactly("Paths are case-sensitive: /Img/Logo.PNG only matches that exact case.");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"/a%2Fb", "/caf%C3%A9", "/café", "/a/*"})
        void hex_digits_of_escapes_are_not_upper_case_letters_the_user_chose(String path) {
            assertThat(warningsFor(path)).isEmpty();
        }

        @Test
        void upper_case_letters_only_in_the_query_string_are_not_warned_about_as_case() {
            assertThat(warningsFor("/map?LAYER=A")).noneMatch(message -> message.startsWith("Paths are case"));
        }

        @Test
        void two_paths_differing_only_by_case_are_both_kept_with_a_warning_naming_both() {
            ParsedPaths parsed = parse("/img/logo.png", "/IMG/logo.png");

            assertThat(parsed.accepted()).hasSize(2);
            assertThat(parsed.warnings())
                    .contains(
                            new PathWarning(
                                    "/IMG/logo.png",
                                    "/img/logo.png and "
                                            + "/IMG/logo.png differ only by letter case: both will be invalidated, as distinct objects."));
        }
    }

    @Nested
    class Fragments {

        private static final String LEFT_OUT = "A #fragment never reaches CloudFront (browsers keep it to themselves), "
                + "so it was left out: this invalidates /page.html. If # is part of the file's name, write it as %23.";

        @Test
        void a_fragment_of_a_link_is_left_out_and_warned_about_showing_what_is_invalidated() {
            assertThat(parse("https://www.example.com/page.html#top").warnings())
                    .containsExactly(new PathWarning("https://www.example.com/page.html#top", LEFT_OUT));
        }

        @Test
        void a_fragment_typed_after_a_path_is_left_out_because_browsers_never_send_it() {
            ParsedPaths parsed = parse("/page.html#install");

            assertThat(parsed.accepted()).extracting(InvalidationPath::value).containsExactly("/page.html");
            assertThat(parsed.warnings()).containsExactly(new PathWarning("/page.html#install", LEFT_OUT));
        }

        @Test
        void a_fragment_after_a_wildcard_leaves_the_wildcard() {
            assertThat(accepted("/docs/*#top").value()).isEqualTo("/docs/*");
        }

        @Test
        void an_escaped_hash_is_part_of_the_name_and_no_fragment() {
            assertThat(accepted("/a%23b").value()).isEqualTo("/a%23b");
            assertThat(warningsFor("/a%23b")).isEmpty();
        }
    }

    @Nested
    class CommasInQueryStrings {

        @Test
        void a_comma_kept_in_a_query_string_before_a_slash_says_how_to_separate_paths() {
            assertThat(warningsFor("/min/?f=/css/a.css,/css/b.css"))
                    .contains("The comma in the query string was kept: this is the one URL "
                            + "/min/?f=/css/a.css,/css/b.css. If you meant separate paths, put a space or a new line "
                            + "between them.");
        }

        @Test
        void a_comma_between_values_of_a_query_string_is_not_warned_about() {
            assertThat(warningsFor("/api?fields=a,b")).noneMatch(message -> message.startsWith("The comma"));
        }
    }

    @Nested
    class LowerCaseEscapes {

        @Test
        void a_lower_case_escape_is_sent_as_typed_with_a_warning_naming_the_spelling_browsers_make() {
            ParsedPaths parsed = parse("/caf%c3%a9.html");

            assertThat(parsed.accepted()).extracting(InvalidationPath::value).containsExactly("/caf%c3%a9.html");
            assertThat(parsed.warnings())
                    .extracting(PathWarning::message)
                    .containsExactly("%c3 is written in lower case, and CloudFront compares escapes letter for "
                            + "letter: this matches only requests spelled that way. Browsers write the escapes they "
                            + "make for non-ASCII characters in upper case: if the site links the file unencoded, invalidate /caf%C3%A9.html "
                            + "instead, or as well.");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"/a%20b", "/caf%C3%A9.html", "/caf%C3%A9/%2A", "/a%2fb", "/a/%2a"})
        void escapes_in_upper_case_or_of_ascii_characters_are_not_warned_about(String path) {
            assertThat(warningsFor(path)).noneMatch(message -> message.contains("lower case"));
        }
    }

    @Nested
    class LiteralCharacters {

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"/a/%2A", "/a/%2a"})
        void an_encoded_star_at_the_end_warns_that_it_is_no_wildcard(String path) {
            assertThat(warningsFor(path))
                    .containsExactly("%2A at the end is a literal asterisk, not a wildcard: "
                            + "this invalidates only an object whose name ends in *. For a wildcard, type * itself.");
        }

        @ParameterizedTest(name = "U+{0}")
        @ValueSource(strings = {"200B", "200F", "202E", "FEFF", "00AD"})
        void an_invisible_format_character_is_named_with_its_encoded_form(String hex) {
            int character = Integer.parseInt(hex, 16);

            assertThat(warningsFor("/a" + Character.toString(character) + "b"))
                    .singleElement()
                    .asString()
                    .startsWith("Contains the invisible character U+" + hex + ", sent as %");
        }
    }

    @Nested
    class Tags {

        @Test
        void a_tag_is_explained_because_a_hash_may_have_been_typed_by_accident() {
            assertThat(warningsFor("#general"))
                    .containsExactly("#general is a cache tag, not a path: it invalidates "
                            + "what the origin tagged general, and only on distributions with cache tags set up. "
                            + "For a path, start with /.");
        }
    }

    @Nested
    class Scope {

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"/index.html", "/css/*", "/*", "/https://config.pozi.com/public/files/catalogues/*"})
        void an_ordinary_path_has_no_warning(String path) {
            assertThat(warningsFor(path)).isEmpty();
        }

        @Test
        void each_kind_of_warning_appears_once_per_path() {
            assertThat(parse("/Dir/?q=1").warnings())
                    .extracting(PathWarning::path)
                    .containsExactly("/Dir/?q=1", "/Dir/?q=1", "/Dir/?q=1");
        }

        @Test
        void dropped_paths_get_no_warnings() {
            assertThat(warningsFor("/*", "/Img.png?x=1", "/dir/")).isEmpty();
        }

        @Test
        void warnings_do_not_block_the_request() {
            assertThat(parse("/Dir/?q=1", "#tag").ok()).isTrue();
        }
    }
}
