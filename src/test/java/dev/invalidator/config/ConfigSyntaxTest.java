package dev.invalidator.config;

import static dev.invalidator.config.Configs.json;
import static dev.invalidator.config.Configs.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Text that is not well-formed YAML or JSON: the line and column, Jackson's words, no stack trace. */
class ConfigSyntaxTest {

    @Nested
    class Yaml {

        static Stream<Arguments> broken() {
            String fix = " — check the indentation, colons and quotes there";
            return Stream.of(
                    arguments(
                            "a key indented one space short",
                            "distributions:\n  web:\n    id: E1WEBEXAMPLE\n   channels: [C0OPS]\n",
                            "line 4, column 4: not valid YAML: expected <block end>, but found '<block mapping start>'"
                                    + fix),
                    arguments(
                            "an unclosed list",
                            "distributions:\n  web:\n    id: E1WEBEXAMPLE\n    channels: [C0OPS\n    users: [\"*\"]\n",
                            "line 5, column 10: not valid YAML: expected ',' or ']', but got :" + fix),
                    arguments(
                            "a tab for indentation",
                            "distributions:\n\tweb: {}\n",
                            "line 2, column 1: not valid YAML: found character '\\t(TAB)' that cannot start any token."
                                    + " (Do not use \\t(TAB) for indentation)" + fix),
                    arguments(
                            "an unterminated quote",
                            "distributions: 'web\n",
                            "line 2, column 1: not valid YAML: found unexpected end of stream" + fix));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("broken")
        void a_syntax_error_names_the_line_and_column(String what, String content, String message) {
            assertThatThrownBy(() -> yaml(content))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("invalidator.yml: " + message)
                    .hasNoCause();
        }

        @Test
        void a_bare_star_in_a_list_gets_the_hint_to_quote_it() {
            assertThatThrownBy(() -> yaml("""
                    distributions:
                      web:
                        id: E1WEBEXAMPLE
                        channels: [C0OPS]
                        users: [*]
                    """))
                    .hasMessage("invalidator.yml: line 5, column 14: a bare * starts a YAML alias — write \"*\" in"
                            + " quotes, e.g. users: [\"*\"]");
        }

        @Test
        void a_bare_star_as_the_value_gets_the_hint_to_quote_it() {
            assertThatThrownBy(() -> yaml("""
                    distributions:
                      web:
                        id: E1WEBEXAMPLE
                        channels: [C0OPS]
                        users: *
                    """))
                    .hasMessage("invalidator.yml: line 5, column 13: a bare * starts a YAML alias — write \"*\" in"
                            + " quotes, e.g. users: [\"*\"]");
        }

        @Test
        void a_key_written_twice_is_rejected_rather_than_the_last_one_winning() {
            assertThatThrownBy(() -> yaml("distributions:\n  web:\n    id: E1WEBEXAMPLE\n    id: E2WEBEXAMPLE\n"))
                    .hasMessage("invalidator.yml: distributions.web.id: written twice (again on line 4, column 5)"
                            + " — keep one");
        }

        @Test
        void an_alias_is_rejected_rather_than_read_as_its_name() {
            assertThatThrownBy(() -> yaml("""
                    distributions:
                      web: {id: E1WEBEXAMPLE, channels: &ops [C0OPS], users: ["*"]}
                      img: {id: E2IMAGESEXAMPLE, channels: *ops, users: ["*"]}
                    """))
                    .hasMessage("invalidator.yml: distributions.img.channels: uses the YAML alias *ops (line 3, column"
                            + " 40) but aliases are not supported — write the value out in full");
        }

        @Test
        void a_second_document_is_rejected() {
            assertThatThrownBy(() -> yaml(Configs.VALID + "---\ndistributions: {}\n"))
                    .hasMessage("invalidator.yml: line 3, column 1: a second document starts here — keep one"
                            + " document in the file");
        }

        @Test
        void a_byte_order_mark_is_ignored() throws ConfigException {
            assertThat(yaml("\uFEFF" + Configs.VALID).byAlias("web")).isPresent();
        }
    }

    @Nested
    class Json {

        static Stream<Arguments> broken() {
            String fix = " — check the quotes, commas and brackets there";
            return Stream.of(
                    arguments(
                            "a trailing comma",
                            "{\n  \"distributions\": {\n    \"web\": {\"id\": \"E1WEBEXAMPLE\",}\n" + "  }\n}",
                            "line 3, column 34: not valid JSON: Unexpected character ('}' (code 125)): was expecting"
                                    + " double-quote to start field name" + fix),
                    arguments(
                            "a missing comma",
                            "{\n  \"distributions\": {}\n  \"polling\": {}\n}",
                            "line 3, column 3: not valid JSON: Unexpected character ('\"' (code 34)): was expecting"
                                    + " comma to separate Object entries" + fix),
                    arguments(
                            "a comment",
                            "// comment\n{}",
                            "line 1, column 1: not valid JSON: Unexpected character ('/' (code 47)): maybe a"
                                    + " (non-standard) comment? (not recognized as one since Feature 'ALLOW_COMMENTS'"
                                    + " not enabled for parser)" + fix));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("broken")
        void a_syntax_error_names_the_line_and_column(String what, String content, String message) {
            assertThatThrownBy(() -> json(content))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("invalidator.json: " + message)
                    .hasNoCause();
        }

        @Test
        void a_key_written_twice_is_rejected_rather_than_the_last_one_winning() {
            assertThatThrownBy(() -> json("{\"distributions\": {\"web\": {\"id\": \"E1WEBEXAMPLE\", \"id\":"
                            + " \"E1WEBEXAMPLE\"}}}"))
                    .hasMessage("invalidator.json: distributions.web.id: written twice (again on line 1, column 50)"
                            + " — keep one");
        }

        @Test
        void a_second_object_is_rejected() {
            assertThatThrownBy(() -> json("{\"distributions\": {}} {\"polling\": {}}"))
                    .hasMessage("invalidator.json: line 1, column 23: a second document starts here — keep one"
                            + " document in the file");
        }

        @Test
        void an_empty_file_gets_the_same_message_as_in_yaml() {
            assertThatThrownBy(() -> json("  \n"))
                    .hasMessage("invalidator.json: the file is empty — add at least one distribution, e.g."
                            + " distributions: {web: {id: E1WEBEXAMPLE, channels: [C0OPS], users: [\"*\"]}}");
        }

        @Test
        void a_byte_order_mark_is_ignored() throws ConfigException {
            assertThat(json("\uFEFF{\"distributions\": {\"web\": {\"id\": \"E1WEBEXAMPLE\", \"channels\": \"C0OPS\","
                                    + " \"users\": \"*\"}}}")
                            .byAlias("web"))
                    .isPresent();
        }
    }
}
