package dev.invalidator.cdn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CallerReferenceTest {

    @Nested
    class Encoding {

        @Test
        void names_the_channel_the_message_and_the_requester() {
            assertThat(new CallerReference("C0OPS", "1503435956.000247", "U0ALICE").encode())
                    .isEqualTo("invalidator/1/C0OPS/1503435956.000247/U0ALICE");
        }

        @Test
        void round_trips_through_decode() {
            CallerReference reference = new CallerReference("G0PRIVATE", "1700000000.123456", "W0GRIDUSER");

            assertThat(CallerReference.decode(reference.encode())).contains(reference);
        }

        @Test
        void a_batch_of_a_split_request_names_its_place_and_round_trips() {
            CallerReference reference = new CallerReference("C0OPS", "1503435956.000247", "U0ALICE", 2, 3);

            assertThat(reference.encode()).isEqualTo("invalidator/1/C0OPS/1503435956.000247/U0ALICE/b2of3");
            assertThat(CallerReference.decode(reference.encode())).contains(reference);
            assertThat(CallerReference.decode("invalidator/1/C0OPS/1503435956.000247/U0ALICE"))
                    .hasValueSatisfying(old -> assertThat(old.split()).isFalse());
        }

        @Test
        void a_batch_at_the_longest_stays_within_128_ascii_characters() {
            String id = "A".repeat(24);
            String encoded = new CallerReference(id, "999999999999.999999999", id, 999, 999).encode();

            assertThat(encoded).hasSizeLessThanOrEqualTo(128).matches("\\p{ASCII}+");
        }

        @Test
        void a_reply_in_a_group_thread_names_its_root_and_round_trips() {
            CallerReference reference = new CallerReference(
                    "C0OPS", "1503435957.000300", "U0ALICE", 0, 0, Optional.of("1503435956.000247"));

            assertThat(reference.encode())
                    .isEqualTo("invalidator/1/C0OPS/1503435957.000300/U0ALICE/t1503435956.000247");
            assertThat(CallerReference.decode(reference.encode())).contains(reference);
            assertThat(CallerReference.decode("invalidator/1/C0OPS/1503435956.000247/U0ALICE"))
                    .hasValueSatisfying(old -> assertThat(old.rootTs()).isEmpty());
        }

        @Test
        void a_batch_of_a_reply_at_the_longest_stays_within_128_ascii_characters_and_round_trips() {
            String id = "A".repeat(24);
            String ts = "999999999999.999999999";
            CallerReference reference = new CallerReference(id, ts, id, 9999, 9999, Optional.of(ts));

            assertThat(reference.encode()).hasSizeLessThanOrEqualTo(128).matches("\\p{ASCII}+");
            assertThat(CallerReference.decode(reference.encode())).contains(reference);
        }

        @Test
        void stays_within_128_ascii_characters_at_the_longest() {
            String id = "A".repeat(24);
            String encoded = new CallerReference(id, "999999999999.999999999", id).encode();

            assertThat(encoded).hasSizeLessThanOrEqualTo(128).matches("\\p{ASCII}+");
        }

        static Stream<Arguments> malformedParts() {
            return Stream.of(
                    Arguments.of("c0ops", "1503435956.000247", "U0ALICE"),
                    Arguments.of("C0OPS", "1503435956", "U0ALICE"),
                    Arguments.of("C0OPS", "1503435956.000247", "U0/ALICE"),
                    Arguments.of("C0OPS", "1503435956.000247", ""),
                    Arguments.of("C0OPS", null, "U0ALICE"));
        }

        @ParameterizedTest
        @MethodSource("malformedParts")
        void refuses_parts_that_would_make_an_unparseable_reference(String channel, String ts, String requester) {
            assertThatThrownBy(() -> new CallerReference(channel, ts, requester))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Decoding {

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(
                strings = {
                    "cli-1523067548-180131",
                    "20120301090001",
                    "invalidator/2/C0OPS/1503435956.000247/U0ALICE",
                    "invalidator/1/C0OPS/1503435956.000247",
                    "invalidator/1/C0OPS/1503435956.000247/U0ALICE/extra",
                    "invalidator/1/C0OPS/1503435956.000247/U0ALICE\n"
                })
        void ignores_references_the_bot_did_not_write(String reference) {
            assertThat(CallerReference.decode(reference)).isEmpty();
        }
    }
}
