package dev.invalidator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CloudFrontXmlWriterTest {

    @Test
    void text_is_escaped_and_characters_xml_cannot_carry_are_replaced() {
        SimulatedInvalidation inv = new SimulatedInvalidation(
                "E1",
                "I1",
                "<ref & \"quote\" 'x' \u0001>",
                List.of("/a<b>&c"),
                Instant.parse("2025-01-01T00:00:00Z"),
                null);

        String xml = CloudFrontXmlWriter.invalidation(inv, Instant.parse("2025-01-01T00:00:01Z"));

        assertThat(xml)
                .contains("<Path>/a&lt;b&gt;&amp;c</Path>")
                .contains("<CallerReference>&lt;ref &amp; &quot;quote&quot; &apos;x&apos; \uFFFD&gt;</CallerReference>")
                .contains("<CreateTime>2025-01-01T00:00:00.000Z</CreateTime>")
                .contains("<Status>InProgress</Status>");
    }

    @Test
    void timestamps_always_have_milliseconds() {
        assertThat(CloudFrontXmlWriter.timestamp(Instant.parse("2015-08-31T21:15:52.042Z")))
                .isEqualTo("2015-08-31T21:15:52.042Z");
        assertThat(CloudFrontXmlWriter.timestamp(Instant.parse("2015-08-31T21:15:52Z")))
                .isEqualTo("2015-08-31T21:15:52.000Z");
    }
}
