package dev.invalidator.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invalidator.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PendingRequestsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final PendingRequests<String> pending = new PendingRequests<>(Duration.ofMinutes(15), clock);

    @Test
    void a_request_can_be_taken_once() {
        String id = pending.put("request");

        assertThat(pending.take(id)).contains("request");
        assertThat(pending.take(id)).isEmpty();
    }

    @Test
    void peeking_leaves_the_request_in_place() {
        String id = pending.put("request");

        assertThat(pending.peek(id)).contains("request");
        assertThat(pending.take(id)).contains("request");
    }

    @Test
    void an_expired_request_is_gone() {
        String id = pending.put("request");

        clock.advance(Duration.ofMinutes(15).plusSeconds(1));

        assertThat(pending.peek(id)).isEmpty();
        assertThat(pending.take(id)).isEmpty();
    }

    @Test
    void ids_are_random_sixteen_hex_digits() {
        assertThat(pending.put("a")).matches("[0-9a-f]{16}").isNotEqualTo(pending.put("b"));
    }

    @Test
    void beyond_its_capacity_the_oldest_request_makes_room() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i <= PendingRequests.CAPACITY; i++) {
            ids.add(pending.put("request " + i));
        }

        assertThat(pending.peek(ids.get(0))).isEmpty();
        assertThat(pending.peek(ids.get(PendingRequests.CAPACITY))).contains("request " + PendingRequests.CAPACITY);
    }
}
