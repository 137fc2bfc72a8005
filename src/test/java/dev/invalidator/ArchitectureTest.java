package dev.invalidator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The core knows no vendor: these packages import no Slack and no AWS type, so the same flow runs against the
 * simulators, moto and the real services, and its rules are tested without either SDK.
 */
class ArchitectureTest {

    private static final Path MAIN = Path.of("src/main/java/dev/invalidator");

    @ParameterizedTest
    @ValueSource(strings = {"request", "access", "tracking", "flow", "cost", "chat", "config", "verify"})
    void the_core_package_imports_no_slack_or_aws_type(String core) throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.list(MAIN.resolve(core))) {
            sources = files.filter(file -> file.toString().endsWith(".java")).toList();
        }

        assertThat(sources)
                .isNotEmpty()
                .allSatisfy(source -> assertThat(Files.readString(source))
                        .doesNotContain("com.slack.api")
                        .doesNotContain("software.amazon.awssdk"));
    }

    @Test
    void the_refresh_check_speaks_http_only_through_its_edge_port() throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.list(MAIN.resolve("verify"))) {
            sources = files.filter(file -> file.toString().endsWith(".java")).toList();
        }

        assertThat(sources)
                .allSatisfy(source -> assertThat(Files.readString(source)).doesNotContain("java.net.http"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Cdn.java",
                "CallerReference.java",
                "CdnException.java",
                "DistributionCatalog.java",
                "CdnCallObserver.java"
            })
    void the_cdn_port_imports_no_aws_type(String file) throws IOException {
        assertThat(Files.readString(MAIN.resolve("cdn").resolve(file))).doesNotContain("software.amazon.awssdk");
    }
}
