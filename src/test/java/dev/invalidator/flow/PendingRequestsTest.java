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

    private String put(String request) {
        String id = pending.newId();
        pending.put(id, request);
        return id;
    }

    @Test
    void a_request_is_answered_once() {
        String id = put("request");

        assertThat(pending.peek(id)).contains("request");
        assertThat(pending.claim(id)).isTrue();
        assertThat(pending.claim(id)).isFalse();
        assertThat(pending.peek(id)).isEmpty();
        assertThat(pending.answered(id)).isTrue();
    }

    @Test
    void an_id_this_instance_never_held_is_answered_once_too() {
        String id = pending.newId();

        assertThat(pending.answered(id)).isFalse();
        assertThat(pending.claim(id)).isTrue();
        assertThat(pending.claim(id)).isFalse();
    }

    @Test
    void an_expired_request_is_gone() {
        String id = put("request");

        clock.advance(Duration.ofMinutes(15).plusSeconds(1));

        assertThat(pending.peek(id)).isEmpty();
        assertThat(pending.answered(id)).isFalse();
    }

    @Test
    void the_mark_of_an_answer_lasts_as_long_as_the_question_could_wait() {
        String id = pending.newId();
        pending.claim(id);

        clock.advance(Duration.ofMinutes(15));
        assertThat(pending.claim(id)).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(pending.answered(id)).isFalse();
    }

    @Test
    void ids_are_random_sixteen_hex_digits() {
        assertThat(pending.newId()).matches("[0-9a-f]{16}").isNotEqualTo(pending.newId());
    }

    @Test
    void beyond_its_capacity_the_oldest_request_makes_room() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i <= PendingRequests.CAPACITY; i++) {
            ids.add(put("request " + i));
        }

        assertThat(pending.peek(ids.get(0))).isEmpty();
        assertThat(pending.peek(ids.get(PendingRequests.CAPACITY))).contains("request " + PendingRequests.CAPACITY);
    }
}
