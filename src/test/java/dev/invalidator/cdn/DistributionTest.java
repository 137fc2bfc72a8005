package dev.invalidator.cdn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DistributionTest {

    private static final String DOMAIN = "d111111abcdef8.cloudfront.net";

    @Test
    void a_viewer_asks_the_first_alternate_domain_name() {
        assertThat(new Distribution("E1", DOMAIN, List.of("www.example.com", "static.example.com")).viewerHost())
                .isEqualTo("www.example.com");
    }

    @Test
    void a_wildcard_alternate_domain_name_names_no_host_to_ask() {
        assertThat(new Distribution("E1", DOMAIN, List.of("*.example.com", "www.example.com")).viewerHost())
                .isEqualTo("www.example.com");
        assertThat(new Distribution("E1", DOMAIN, List.of("*.example.com")).viewerHost())
                .isEqualTo(DOMAIN);
    }

    @Test
    void without_alternate_domain_names_a_viewer_asks_the_cloudfront_name() {
        assertThat(new Distribution("E1", DOMAIN, List.of()).viewerHost()).isEqualTo(DOMAIN);
    }
}
