package dev.invalidator.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StatusFactsTest {

    private static Map<String, String> written() {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put(StatusFacts.REQUESTER, "U0ALICE");
        facts.put(StatusFacts.DISTRIBUTION, "E1WEBEXAMPLE");
        facts.put(StatusFacts.ALIAS, "web");
        facts.put(StatusFacts.PATHS, "2");
        facts.put(StatusFacts.NOTE, "release 4.2 <!channel>");
        facts.put(StatusFacts.SAMPLES, "/index.html\n/about");
        facts.put(StatusFacts.REFRESH, "verified");
        facts.put(StatusFacts.CONFIRMATION, "3f9a1c0b7e2d4a58");
        facts.put(StatusFacts.TICKET, "n4bQgYhMfWWaL-qgxVrQFaO_TZxdLMXHxPXFcnm2ODc");
        facts.put(StatusFacts.QUEUED_AT, "1796439370029");
        facts.put(StatusFacts.TOUCHED_AT, "1796439371029");
        facts.put(StatusFacts.TOUCH_DUE, "1796439431029");
        return facts;
    }

    @Test
    void the_facts_the_bot_writes_are_well_formed_and_free_text_stays_free() {
        assertThat(StatusFacts.wellFormed(written())).isTrue();
        assertThat(StatusFacts.card(written())).isPresent();
        assertThat(StatusFacts.touchedAt(written())).contains(Instant.ofEpochMilli(1796439371029L));
        assertThat(StatusFacts.touchDue(written(), Duration.ofMinutes(15)))
                .contains(Instant.ofEpochMilli(1796439431029L));
    }

    @Test
    void a_touch_promised_further_off_than_the_longest_interval_is_trusted_only_that_far() {
        Map<String, String> facts = written();
        facts.put(StatusFacts.TOUCH_DUE, String.valueOf(Long.MAX_VALUE / 1_000_000));

        assertThat(StatusFacts.touchDue(facts, Duration.ofMinutes(15)))
                .contains(Instant.ofEpochMilli(1796439371029L).plus(Duration.ofMinutes(15)));
    }

    @Test
    void a_message_queued_before_touches_were_promised_is_due_at_its_last_touch() {
        Map<String, String> facts = written();
        facts.remove(StatusFacts.TOUCH_DUE);

        assertThat(StatusFacts.touchDue(facts, Duration.ofMinutes(15))).contains(Instant.ofEpochMilli(1796439371029L));
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of(StatusFacts.REQUESTER, "U0X> <!channel> <@U0X"),
                Arguments.of(StatusFacts.REQUESTER, "nobody"),
                Arguments.of(StatusFacts.REQUESTER, null),
                Arguments.of(StatusFacts.DISTRIBUTION, "e1web"),
                Arguments.of(StatusFacts.DISTRIBUTION, null),
                Arguments.of(StatusFacts.PATHS, "1.0"),
                Arguments.of(StatusFacts.PATHS, "-1"),
                Arguments.of(StatusFacts.PATHS, "99999999999"),
                Arguments.of(StatusFacts.PATHS, null),
                Arguments.of(StatusFacts.ALIAS, "<!here>"),
                Arguments.of(StatusFacts.CONFIRMATION, "not-an-id"),
                Arguments.of(StatusFacts.TICKET, "digest"),
                Arguments.of(StatusFacts.QUEUED_AT, "yesterday"),
                Arguments.of(StatusFacts.TOUCHED_AT, "-1"),
                Arguments.of(StatusFacts.TOUCH_DUE, "soon"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("malformed")
    void a_fact_of_another_shape_makes_the_message_not_the_bots(String key, String value) {
        Map<String, String> facts = written();
        if (value == null) {
            facts.remove(key);
        } else {
            facts.put(key, value);
        }

        assertThat(StatusFacts.wellFormed(facts)).isFalse();
        assertThat(StatusFacts.card(facts)).isEmpty();
    }
}
