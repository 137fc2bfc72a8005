package dev.invalidator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InvalidationPathRulesTest {

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            /                         | true
            /*                        | true
            /index.html               | true
            /images/*                 | true
            /images*                  | true
            /img.jpg?p=a              | true
            /caf%C3%A9                | true
            /café                     | true
            #product-42               | true
            index.html                | false
            ""                        | false
            /a b                      | false
            /a*b                      | false
            /*/x                      | false
            /a**                      | false
            #                         | false
            #a,b                      | false
            #a*                       | false
            """)
    void an_item_is_valid_only_as_cloudfront_accepts_it(String item, boolean valid) {
        assertThat(InvalidationPathRules.isValid(item)).isEqualTo(valid);
    }

    @ParameterizedTest(name = "[{index}] length {0} -> {1}")
    @CsvSource({"4000, true", "4001, false"})
    void path_length_limit(int length, boolean valid) {
        assertThat(InvalidationPathRules.isValid("/" + "x".repeat(length - 1))).isEqualTo(valid);
    }

    @ParameterizedTest(name = "[{index}] tag length {0} -> {1}")
    @CsvSource({"256, true", "257, false"})
    void tag_length_limit(int length, boolean valid) {
        assertThat(InvalidationPathRules.isValid("#" + "t".repeat(length))).isEqualTo(valid);
    }
}
