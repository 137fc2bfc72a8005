package dev.invalidator.cost;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The core knows no vendor: the cost arithmetic must stay testable without Slack's or AWS's SDK. */
class PackageBoundaryTest {

    private static final Path SOURCES = Path.of("src/main/java/dev/invalidator/cost");

    @Test
    void the_package_imports_no_slack_or_aws_type() throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.list(SOURCES)) {
            sources = files.filter(file -> file.toString().endsWith(".java")).toList();
        }

        assertThat(sources).isNotEmpty().allSatisfy(source -> assertThat(Files.readString(source))
                .doesNotContain("com.slack.api").doesNotContain("software.amazon.awssdk"));
    }
}
