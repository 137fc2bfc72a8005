package dev.invalidator.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PathPartsTest {

    @Test
    void keeps_every_path_in_order_in_parts_of_at_most_eight_thousand_characters() {
        List<String> paths = IntStream.range(0, 7_000)
                .mapToObj(i -> "/assets/file-" + i + ".js")
                .toList();

        List<List<String>> parts = PathParts.of(paths);

        assertThat(parts).hasSizeGreaterThan(1);
        assertThat(parts)
                .allSatisfy(
                        part -> assertThat(String.join("\n", part).length()).isLessThanOrEqualTo(PathParts.MAX_CHARS));
        assertThat(parts.stream().flatMap(List::stream).toList()).isEqualTo(paths);
    }

    @Test
    void paths_of_the_longest_length_cloud_front_allows_go_at_most_two_to_a_part() {
        String longest = "/" + "a".repeat(3_999);

        assertThat(PathParts.of(List.of("/a.html", longest, longest, "/b.html")))
                .containsExactly(List.of("/a.html", longest), List.of(longest, "/b.html"));
    }
}
