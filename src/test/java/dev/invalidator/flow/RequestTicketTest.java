package dev.invalidator.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.invalidator.testing.ForgedTickets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RequestTicketTest {

    private static final Instant ASKED = Instant.parse("2026-11-23T10:00:00Z");
    private static final List<String> PATHS = List.of("/index.html", "/caf%C3%A9.html", "/css/*", "#product:shoes");
    private static final List<String> SAMPLES = List.of("/css/site.css");
    private static final Optional<String> NOTE = Optional.of("release 42 — \"quoted\"");
    private static final RequestTicket TICKET =
            new RequestTicket("3f9a1c0b7e2d4a58", "U0ALICE", "C0OPS", "E1WEBEXAMPLE", PATHS, SAMPLES, NOTE, ASKED);

    private static RequestTicket withPaths(List<String> paths) {
        return new RequestTicket(
                TICKET.id(),
                TICKET.requester(),
                TICKET.channel(),
                TICKET.distributionId(),
                paths,
                List.of(),
                Optional.empty(),
                ASKED);
    }

    /** A value shaped like a ticket around any JSON, as a forger would build it. */
    private static String forged(String json) {
        try {
            return ForgedTickets.write(new ObjectMapper().readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Nested
    class Travelling {

        @Test
        void a_ticket_reads_back_as_it_was_written() {
            assertThat(TICKET.key()).startsWith("t1.");
            assertThat(RequestTicket.decode(TICKET.key())).contains(TICKET);
        }

        @Test
        void as_tokens_it_is_the_paths_then_the_samples_as_typed() {
            assertThat(TICKET.tokens())
                    .containsExactly(
                            "/index.html", "/caf%C3%A9.html", "/css/*", "#product:shoes", "check:/css/site.css");
        }

        @Test
        void a_ticket_without_a_note_or_samples_reads_back_without_them() {
            RequestTicket plain = withPaths(List.of("/*"));

            assertThat(RequestTicket.decode(plain.key())).contains(plain);
        }

        @Test
        void a_hundred_and_twenty_files_of_one_folder_fit_in_a_button() {
            RequestTicket ticket = withPaths(IntStream.range(0, 120)
                    .mapToObj(i -> "/assets/img/" + i + ".png")
                    .toList());

            assertThat(ticket.key()).startsWith("t1.").hasSizeLessThanOrEqualTo(RequestTicket.MAX_KEY_CHARS);
        }

        @Test
        void a_ticket_asked_in_a_direct_message_reads_back_with_its_conversation() {
            RequestTicket fromADirectMessage =
                    new RequestTicket(TICKET.id(), "U0ALICE", "D0DIRECT", "E1WEBEXAMPLE", PATHS, SAMPLES, NOTE, ASKED);

            assertThat(RequestTicket.decode(fromADirectMessage.key())).contains(fromADirectMessage);
        }

        @Test
        void a_request_too_big_for_a_button_travels_as_its_bare_id() {
            Random random = new Random(7);
            RequestTicket ticket = withPaths(IntStream.range(0, 300)
                    .mapToObj(i -> "/" + Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong()))
                    .toList());

            assertThat(ticket.key()).isEqualTo(ticket.id());
            assertThat(RequestTicket.isId(ticket.key())).isTrue();
            assertThat(RequestTicket.decode(ticket.key())).isEmpty();
        }
    }

    @Nested
    class NotATicket {

        @Test
        void garbage_is_not_a_ticket() {
            assertThat(RequestTicket.decode(null)).isEmpty();
            assertThat(RequestTicket.decode("")).isEmpty();
            assertThat(RequestTicket.decode("t1.")).isEmpty();
            assertThat(RequestTicket.decode("t1.!!!")).isEmpty();
            assertThat(RequestTicket.decode("t1." + "A".repeat(100))).isEmpty();
            assertThat(RequestTicket.decode(
                            TICKET.key().substring(0, TICKET.key().length() - 5)))
                    .isEmpty();
            assertThat(RequestTicket.decode("t2." + TICKET.key().substring(3))).isEmpty();
        }

        @Test
        void a_well_formed_value_with_a_wrong_field_is_not_a_ticket() {
            String good = """
                    {"i":"3f9a1c0b7e2d4a58","u":"U0ALICE","c":"C0OPS","d":"E1WEBEXAMPLE","p":["/a"],"t":1700000000}""";
            assertThat(RequestTicket.decode(forged(good))).isPresent();

            assertThat(RequestTicket.decode(forged(good.replace("U0ALICE", "alice"))))
                    .isEmpty();
            assertThat(RequestTicket.decode(forged(good.replace("C0OPS", "#ops"))))
                    .isEmpty();
            assertThat(RequestTicket.decode(forged(good.replace("C0OPS", "U0BOB"))))
                    .as("a person is no conversation")
                    .isEmpty();
            assertThat(RequestTicket.decode(forged(good.replace("E1WEBEXAMPLE", "web"))))
                    .isEmpty();
            assertThat(RequestTicket.decode(forged(good.replace("3f9a1c0b7e2d4a58", "x"))))
                    .isEmpty();
            assertThat(RequestTicket.decode(forged(good.replace("[\"/a\"]", "[]"))))
                    .isEmpty();
            assertThat(RequestTicket.decode(forged(good.replace("[\"/a\"]", "[1]"))))
                    .isEmpty();
            assertThat(RequestTicket.decode(forged(good.replace("\"t\"", "\"s\":\"/a\",\"t\""))))
                    .isEmpty();
            assertThat(RequestTicket.decode(forged(good.replace("\"t\"", "\"s\":[2],\"t\""))))
                    .isEmpty();
            assertThat(RequestTicket.decode(forged(good.replace("1700000000", "\"soon\""))))
                    .isEmpty();
            assertThat(RequestTicket.decode(forged(good.replace("1700000000", "99999999999999999"))))
                    .isEmpty();
            assertThat(RequestTicket.decode(forged("[1,2,3]"))).isEmpty();
        }

        @Test
        void a_value_that_inflates_into_megabytes_is_refused_without_reading_it_all() {
            String bomb = forged("{\"n\":\"" + "a".repeat(1_400_000) + "\"}");

            assertThat(bomb).hasSizeLessThanOrEqualTo(RequestTicket.MAX_KEY_CHARS);
            assertThat(RequestTicket.decode(bomb)).isEmpty();
        }
    }

    @Test
    void the_digest_changes_with_every_part_of_the_request() {
        String id = TICKET.id();
        List<RequestTicket> variants = List.of(
                TICKET,
                new RequestTicket("0000000000000000", "U0ALICE", "C0OPS", "E1WEBEXAMPLE", PATHS, SAMPLES, NOTE, ASKED),
                new RequestTicket(id, "U0BOB", "C0OPS", "E1WEBEXAMPLE", PATHS, SAMPLES, NOTE, ASKED),
                new RequestTicket(id, "U0ALICE", "C0DEV", "E1WEBEXAMPLE", PATHS, SAMPLES, NOTE, ASKED),
                new RequestTicket(id, "U0ALICE", "C0OPS", "E3SHOPEXAMPLE", PATHS, SAMPLES, NOTE, ASKED),
                new RequestTicket(id, "U0ALICE", "C0OPS", "E1WEBEXAMPLE", List.of("/*"), SAMPLES, NOTE, ASKED),
                new RequestTicket(id, "U0ALICE", "C0OPS", "E1WEBEXAMPLE", PATHS, List.of(), NOTE, ASKED),
                new RequestTicket(id, "U0ALICE", "C0OPS", "E1WEBEXAMPLE", PATHS, SAMPLES, Optional.empty(), ASKED),
                new RequestTicket(id, "U0ALICE", "C0OPS", "E1WEBEXAMPLE", PATHS, SAMPLES, NOTE, ASKED.plusSeconds(1)));

        assertThat(variants.stream().map(RequestTicket::digest).distinct()).hasSize(variants.size());
        assertThat(RequestTicket.decode(TICKET.key()).orElseThrow().digest()).isEqualTo(TICKET.digest());
    }
}
