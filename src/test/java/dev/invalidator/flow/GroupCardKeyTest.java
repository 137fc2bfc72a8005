package dev.invalidator.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class GroupCardKeyTest {

    private static final RequestTicket TICKET = new RequestTicket(
            "3f9a1c0b7e2d4a58",
            "U0ALICE",
            "C0OPS",
            "E1WEBEXAMPLE",
            List.of("/index.html"),
            List.of(),
            Optional.empty(),
            Instant.parse("2026-12-05T10:00:00Z"));

    @Test
    void a_key_carries_the_group_its_members_and_the_ticket_back() {
        GroupCardKey key = GroupCardKey.parse(GroupCardKey.of("sites", List.of("web", "docs"), TICKET))
                .orElseThrow();

        assertThat(key.group()).isEqualTo("sites");
        assertThat(key.going()).containsExactly("web", "docs");
        assertThat(key.ticket()).contains(TICKET);
        assertThat(key.id()).isEqualTo(TICKET.id());
    }

    @Test
    void a_request_too_big_for_a_button_carries_its_bare_id_held_by_the_instance_that_asked() {
        RequestTicket big = new RequestTicket(
                TICKET.id(),
                TICKET.requester(),
                TICKET.channel(),
                TICKET.distributionId(),
                IntStream.range(0, 400)
                        .mapToObj(i -> "/" + UUID.nameUUIDFromBytes(new byte[] {(byte) i, (byte) (i >> 8)}) + ".html")
                        .toList(),
                List.of(),
                Optional.empty(),
                TICKET.askedAt());
        String written = GroupCardKey.of("sites", List.of("web", "docs"), big);

        assertThat(written).hasSizeLessThanOrEqualTo(RequestTicket.MAX_KEY_CHARS);
        GroupCardKey key = GroupCardKey.parse(written).orElseThrow();
        assertThat(key.ticket().isPresent()).as("a ticket in the key").isFalse();
        assertThat(key.id()).isEqualTo(TICKET.id());
    }

    @Test
    void a_key_the_bot_did_not_write_is_not_read() {
        assertThat(GroupCardKey.parse("3f9a1c0b7e2d4a58")).isEmpty();
        assertThat(GroupCardKey.parse("<!channel>|web|3f9a1c0b7e2d4a58")).isEmpty();
        assertThat(GroupCardKey.parse("sites|web,<@U0X>|3f9a1c0b7e2d4a58")).isEmpty();
        assertThat(GroupCardKey.parse("sites|web")).isEmpty();
        assertThat(GroupCardKey.parse(null)).isEmpty();
    }

    @Test
    void a_ticket_for_one_member_serves_another_with_only_its_target_changed() {
        RequestTicket forDocs = TICKET.forTarget("E4DOCSEXAMPLE");

        assertThat(forDocs.distributionId()).isEqualTo("E4DOCSEXAMPLE");
        assertThat(forDocs.tokens()).isEqualTo(TICKET.tokens());
        assertThat(forDocs.id()).isEqualTo(TICKET.id());
    }
}
