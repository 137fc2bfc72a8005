package dev.invalidator.request;

import static dev.invalidator.request.Requests.accepted;
import static dev.invalidator.request.Requests.parse;
import static dev.invalidator.request.Requests.problems;
import static org.assertj.core.api.Assertions.assertThat;

import dev.invalidator.request.InvalidationPath.Kind;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PathParserTest {

    @Nested
    class NoPaths {

        @Test
        void an_empty_token_list_is_one_problem_with_an_example() {
            ParsedPaths parsed = parse();

            assertThat(parsed.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.input()).isEmpty();
                assertThat(problem.message()).startsWith("No paths given.").contains("/index.html");
            });
            assertThat(parsed.ok()).isFalse();
        }

        @Test
        void an_empty_token_is_a_problem_rather_than_silently_ignored() {
            assertThat(problems("")).containsExactly("An empty path. Paths start with /, e.g. /index.html.");
        }
    }

    @Nested
    class PathsStartingWithSlash {

        @ParameterizedTest(name = "{0} is a {1}")
        @CsvSource(
                delimiter = ' ',
                value = {
                    "/index.html FILE",
                    "/ FILE",
                    "//// FILE",
                    "/images/image2.jpg FILE",
                    "/img.jpg?p=a&q=b FILE",
                    "/css/* WILDCARD",
                    "/css* WILDCARD",
                    "/dir/name.* WILDCARD",
                    "/* WILDCARD",
                    "/https://config.pozi.com/public/files/catalogues/* WILDCARD",
                    "/https://config.pozi.com/public/files/catalogues/deeca-iws-wms-northerngrampians-lga.* WILDCARD"
                })
        void are_taken_verbatim(String token, Kind kind) {
            assertThat(accepted(token)).isEqualTo(new InvalidationPath(token, token, kind));
        }

        @Test
        void an_image_proxy_key_with_a_query_and_escapes_stays_verbatim() {
            String runbookPath = "/https://iws.maps.vic.gov.au/erdas-iws/ogc/wms/RDP?REQUEST=GetMap&SERVICE=WMS"
                    + "&VERSION=1.3.0&FORMAT=image%2Fwebp&STYLES=default&TRANSPARENT=true"
                    + "&LAYERS=VMIMAGERY_LZ_northerngrampians_2023nov09_air_vis_20cm_epsg7854.ecw*";

            assertThat(accepted(runbookPath)).isEqualTo(new InvalidationPath(runbookPath, runbookPath, Kind.WILDCARD));
        }
    }

    @Nested
    class TokensThatAreNotPaths {

        @ParameterizedTest(name = "{0} → did you mean {1}")
        @CsvSource(
                delimiter = ' ',
                value = {
                    "index.html /index.html",
                    "css/* /css/*",
                    "* /*",
                    "images/a%20b.jpg /images/a%20b.jpg",
                    "<!channel> /<!channel>"
                })
        void must_start_with_a_slash_and_the_message_suggests_one(String token, String suggestion) {
            ParsedPaths parsed = parse(token);

            assertThat(parsed.problems())
                    .containsExactly(
                            new PathProblem(token, "Paths must start with /. Did you mean " + suggestion + "?"));
            assertThat(parsed.accepted()).isEmpty();
        }

        @ParameterizedTest(name = "{0} → did you mean {1}")
        @CsvSource(
                delimiter = ' ',
                value = {
                    "www.example.com/a.jpg /a.jpg",
                    "WWW.Example.com:443/css/* /css/*",
                    "d111111abcdef8.cloudfront.net /"
                })
        void a_path_written_with_the_distributions_domain_is_suggested_without_it(String token, String path) {
            assertThat(problems(token))
                    .containsExactly("Paths start with / and leave out the domain. Did you mean " + path + "?");
        }
    }

    @Nested
    class LinksToTheDistribution {

        static Stream<Arguments> links() {
            return Stream.of(
                    Arguments.of("https://www.example.com/img/a.jpg", "/img/a.jpg"),
                    Arguments.of("HTTPS://WWW.Example.COM/img/a.jpg", "/img/a.jpg"),
                    Arguments.of("Http://d111111abcdef8.cloudfront.net/a.css?v=2", "/a.css?v=2"),
                    Arguments.of("https://www.example.com:8443/a", "/a"),
                    Arguments.of("https://www.example.com:/a", "/a"),
                    Arguments.of("https://user:pw@www.example.com/a", "/a"),
                    Arguments.of("https://www.example.com", "/"),
                    Arguments.of("https://www.example.com/", "/"),
                    Arguments.of("https://www.example.com?x=1", "/?x=1"),
                    Arguments.of("https://www.example.com/a#top", "/a"),
                    Arguments.of("https://www.example.com#top", "/"),
                    Arguments.of("https://www.example.com/caf%C3%A9", "/caf%C3%A9"),
                    Arguments.of("https://www.example.com/café", "/caf%C3%A9"),
                    Arguments.of("https://www.example.com/https://config.pozi.com/*", "/https://config.pozi.com/*"));
        }

        @ParameterizedTest(name = "{0} → {1}")
        @MethodSource("links")
        void become_their_path_and_keep_what_was_typed(String link, String path) {
            InvalidationPath accepted = accepted(link);

            assertThat(accepted.value()).isEqualTo(path);
            assertThat(accepted.typed()).isEqualTo(link);
            assertThat(accepted.wasEncoded()).isTrue();
        }

        @Test
        void a_link_ending_in_a_star_is_a_wildcard() {
            assertThat(accepted("https://www.example.com/css/*").kind()).isEqualTo(Kind.WILDCARD);
        }

        @Test
        void a_link_to_another_host_names_the_host_and_lists_the_distributions_domains() {
            assertThat(problems("https://cdn.other.com/a.jpg"))
                    .containsExactly(
                            "cdn.other.com is not one of this distribution's domains (d111111abcdef8.cloudfront.net, "
                                    + "www.example.com). Check the distribution, or give just the path, e.g. /a.jpg.");
        }

        @ParameterizedTest(name = "{0} points at {1}")
        @CsvSource(
                delimiter = ' ',
                value = {
                    "https://www.example.com.evil.com/a www.example.com.evil.com",
                    "https://www.example.com@evil.com/a evil.com",
                    "https://example.com/a example.com",
                    "https://[::1]:8080/a [::1]"
                })
        void a_host_that_only_resembles_the_distributions_is_another_host(String link, String host) {
            assertThat(problems(link)).singleElement().asString().startsWith(host + " is not one of");
        }

        @Test
        void a_link_without_a_host_is_a_problem() {
            assertThat(problems("https:///a.jpg"))
                    .containsExactly("This link has no domain. Give just the path, e.g. /a.jpg.");
        }

        @Test
        void a_link_cannot_be_checked_when_the_distribution_has_no_known_domain() {
            ParsedPaths parsed = new PathParser(PathLimits.cloudFrontDefaults())
                    .parse(List.of("https://www.example.com/a.jpg"), Set.of());

            assertThat(parsed.problems())
                    .extracting(PathProblem::message)
                    .containsExactly("This distribution has no domain names on record, so links can't be checked. "
                            + "Give just the path, e.g. /a.jpg.");
        }

        @Test
        void hosts_are_matched_case_insensitively_on_both_sides() {
            ParsedPaths parsed = new PathParser(PathLimits.cloudFrontDefaults())
                    .parse(List.of("https://www.example.com/a.jpg"), Set.of("WWW.EXAMPLE.COM"));

            assertThat(parsed.accepted()).extracting(InvalidationPath::value).containsExactly("/a.jpg");
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(
                delimiter = ' ',
                value = {
                    "ftp://www.example.com/a.jpg ftp",
                    "FTP://www.example.com/a ftp",
                    "ws://www.example.com/a ws",
                    "s3://bucket/key s3"
                })
        void other_schemes_are_a_problem(String link, String scheme) {
            assertThat(problems(link))
                    .containsExactly("Only http:// and https:// links can be turned into paths, not " + scheme
                            + ":// ones. Give the path instead, e.g. /index.html.");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"mailto:ops@example.com", "MAILTO:ops@example.com"})
        void an_email_link_is_a_problem(String link) {
            assertThat(problems(link))
                    .containsExactly("This is an e-mail address, not a path. Paths start with /, e.g. /index.html.");
        }

        @Test
        void the_path_of_a_link_obeys_the_path_rules_and_the_problem_names_the_link() {
            ParsedPaths parsed = parse("https://www.example.com/a*b");

            assertThat(parsed.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.input()).isEqualTo("https://www.example.com/a*b");
                assertThat(problem.message()).startsWith("A * may only be the last character");
            });
        }
    }

    @Nested
    class CacheTags {

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"#product:electronics", "#Brand:ACME", "##double", "#a"})
        void a_hash_item_is_a_tag_sent_as_typed(String tag) {
            assertThat(accepted(tag)).isEqualTo(new InvalidationPath(tag, tag, Kind.TAG));
        }

        @Test
        void every_visible_ascii_character_but_comma_and_star_is_allowed() {
            StringBuilder tag = new StringBuilder("#");
            for (char c = 33; c <= 126; c++) {
                if (c != ',' && c != '*') {
                    tag.append(c);
                }
            }

            assertThat(accepted(tag.toString()).kind()).isEqualTo(Kind.TAG);
        }

        @Test
        void a_tag_of_256_characters_after_the_hash_is_allowed() {
            assertThat(accepted("#" + "t".repeat(256)).kind()).isEqualTo(Kind.TAG);
        }

        static Stream<Arguments> invalidTags() {
            return Stream.of(
                    Arguments.of(
                            "#",
                            "A cache tag needs a name after the #, e.g. #product:electronics. "
                                    + "For a path, start with /."),
                    Arguments.of(
                            "#" + "t".repeat(257),
                            "This cache tag is 257 characters long; CloudFront allows at most 256 after the #."),
                    Arguments.of(
                            "#news,sport",
                            "Cache tags may only hold visible ASCII characters (codes 33–126) "
                                    + "and no commas; this one contains a comma."),
                    Arguments.of(
                            "#café",
                            "Cache tags may only hold visible ASCII characters (codes 33–126) "
                                    + "and no commas; this one contains U+00E9."),
                    Arguments.of(
                            "#a\u0007",
                            "Cache tags may only hold visible ASCII characters (codes 33–126) "
                                    + "and no commas; this one contains U+0007."),
                    Arguments.of(
                            "#a\u007F",
                            "Cache tags may only hold visible ASCII characters (codes 33–126) "
                                    + "and no commas; this one contains U+007F."),
                    Arguments.of(
                            "#a b",
                            "Cache tags may only hold visible ASCII characters (codes 33–126) "
                                    + "and no commas; this one contains U+0020."),
                    Arguments.of(
                            "#release-*",
                            "Cache tags take no wildcard: each # item matches one tag exactly. "
                                    + "List every tag in full."));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("invalidTags")
        void a_tag_that_breaks_a_rule_is_a_problem_naming_the_rule(String tag, String message) {
            assertThat(parse(tag).problems()).containsExactly(new PathProblem(tag, message));
        }

        @Test
        void a_tag_breaking_several_rules_gets_one_problem_per_rule() {
            assertThat(problems("#" + "é".repeat(300) + "*")).hasSize(3);
        }

        @Test
        void tags_differing_only_by_case_are_one_tag() {
            ParsedPaths parsed = parse("#Product:Electronics", "#product:electronics");

            assertThat(parsed.accepted()).extracting(InvalidationPath::value).containsExactly("#Product:Electronics");
            assertThat(parsed.dropped())
                    .containsExactly(new DroppedPath(
                            "#product:electronics", "duplicate of #Product:Electronics (cache tags ignore case)"));
        }
    }

    @Nested
    class Wildcards {

        static Stream<Arguments> starsInside() {
            return Stream.of(
                    Arguments.of("/a*b", "/a*", "/a"),
                    Arguments.of("/images/*.jpg", "/images/*", "/images/"),
                    Arguments.of("/**", "/*", "/"),
                    Arguments.of("/*/index.html", "/*", "/"),
                    Arguments.of("/a?v=*&w=1", "/a?v=*", "/a?v="));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("starsInside")
        void a_star_inside_a_path_is_rejected_naming_the_path(String path, String wildcard, String prefix) {
            assertThat(parse(path).problems())
                    .containsExactly(new PathProblem(
                            path,
                            "A * may only be the last character of a path: CloudFront has no wildcard in the middle. Use "
                                    + wildcard + " to invalidate everything that starts with " + prefix + "."));
        }

        @Test
        void an_encoded_star_inside_a_path_is_an_ordinary_character() {
            assertThat(accepted("/a%2Ab").kind()).isEqualTo(Kind.FILE);
        }
    }

    @Nested
    class ForbiddenCharacters {

        @ParameterizedTest(name = "U+{0}")
        @ValueSource(ints = {0x00, 0x01, 0x07, 0x09, 0x0A, 0x0D, 0x1B, 0x1F, 0x7F, 0x80, 0x85, 0x9B, 0x9F})
        void a_control_character_is_rejected_naming_it(int control) {
            String path = "/a" + (char) control + "b";

            assertThat(parse(path).problems())
                    .containsExactly(new PathProblem(
                            path,
                            String.format(
                                    "Contains the invisible control character U+%04X, which no web address can hold. "
                                            + "Retype the path without it.",
                                    control)));
        }

        @ParameterizedTest(name = "U+{0}")
        @ValueSource(ints = {0x20, 0xA0, 0xA1, 0xAD, 0x200B})
        void characters_next_to_the_control_ranges_are_encoded_not_rejected(int character) {
            assertThat(parse("/a" + (char) character).ok()).isTrue();
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"/a\uD800b", "/a\uDC00", "/\uD83D", "/\uDE00\uD83D"})
        void a_lone_surrogate_is_rejected_as_a_broken_character(String path) {
            assertThat(problems(path))
                    .singleElement()
                    .asString()
                    .startsWith("Contains a broken character (an unpaired surrogate, U+D");
        }

        @Test
        void an_emoji_made_of_a_surrogate_pair_is_fine() {
            assertThat(accepted("/😀.png").value()).isEqualTo("/%F0%9F%98%80.png");
        }
    }

    @Nested
    class Length {

        @Test
        void a_path_of_4000_characters_is_accepted() {
            assertThat(accepted("/" + "a".repeat(3999)).value()).hasSize(4000);
        }

        @Test
        void a_path_over_4000_characters_is_rejected_with_its_length() {
            assertThat(problems("/" + "a".repeat(4000)))
                    .containsExactly("This path is 4,001 characters long; "
                            + "CloudFront accepts at most 4,000. Shorten it, or cover it with a wildcard on a shorter "
                            + "prefix such as /folder/*.");
        }

        @Test
        void the_limit_applies_to_the_encoded_form() {
            String path = "/" + "é".repeat(667);

            assertThat(problems(path))
                    .singleElement()
                    .asString()
                    .startsWith("This path is 4,003 characters long once encoded;");
        }

        @Test
        void an_encoded_path_just_within_the_limit_is_accepted() {
            assertThat(accepted("/" + "é".repeat(666)).value()).hasSize(3997);
        }

        @Test
        void the_problem_quotes_the_input_shortened_to_80_characters() {
            String path = "/" + "a".repeat(5000);

            assertThat(parse(path).problems()).singleElement().satisfies(problem -> {
                assertThat(problem.input()).hasSize(80).endsWith("…");
                assertThat(path).startsWith(problem.input().substring(0, 79));
            });
        }
    }

    @Nested
    class ReportingEveryProblem {

        @Test
        void all_problems_of_a_request_are_reported_in_input_order() {
            ParsedPaths parsed = parse("index.html", "/ok.css", "/a*b", "https://other.org/x", "#", "/a\u0000");

            assertThat(parsed.problems())
                    .extracting(PathProblem::input)
                    .containsExactly("index.html", "/a*b", "https://other.org/x", "#", "/a\u0000");
            assertThat(parsed.accepted()).extracting(InvalidationPath::value).containsExactly("/ok.css");
            assertThat(parsed.ok()).isFalse();
        }

        @Test
        void a_path_breaking_several_rules_gets_one_problem_per_rule() {
            String path = "/\u0007" + "*".repeat(2) + "\uD800" + "a".repeat(4000);

            assertThat(problems(path)).hasSize(4);
        }
    }
}
