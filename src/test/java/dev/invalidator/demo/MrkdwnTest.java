package dev.invalidator.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Slack's mrkdwn as the demo's terminal shows it. */
class MrkdwnTest {

    private final Mrkdwn mrkdwn =
            new Mrkdwn(new Names(Map.of("U0ALICE", "alice"), Map.of("C0OPS", "ops"), Map.of("S0SRE", "sre")));

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiterString = " => ", textBlock = """
            Asked by <@U0ALICE> => Asked by @alice
            <@U0NOBODY> asked => @U0NOBODY asked
            approval from <!subteam^S0SRE> => approval from @sre
            in <#C0OPS> or <#C0DEV|dev> => in #ops or #dev
            started <!date^1700000000^{time_secs}|2023-11-14 22:13:20 UTC> => started 2023-11-14 22:13:20 UTC
            see <https://example.com/a|the page> => see the page (https://example.com/a)
            :white_check_mark: *Completed* in 3s => ✅ Completed in 3s
            *Next:* try again => Next: try again
            :unknown_emoji: at 15:04:05 => :unknown_emoji: at 15:04:05
            *`web` invalidation `I1`*: done => `web` invalidation `I1`: done
            paths `/css/*` and `/img/*` => paths `/css/*` and `/img/*`
            note: purge /css/* now => note: purge /css/* now
            &lt;!channel&gt; &amp; more => <!channel> & more
            >release 42 => ▌ release 42
            """)
    void prose_is_shown_without_its_markup(String mrkdwnLine, String shown) {
        assertThat(mrkdwn.prose(mrkdwnLine)).isEqualTo(shown);
    }

    @Test
    void a_code_block_is_indented_and_kept_verbatim() {
        assertThat(mrkdwn.lines("*2 paths* sent:\n```/index.html\n/*bold*/&lt;x&gt;```"))
                .containsExactly("2 paths sent:", "  /index.html", "  /*bold*/<x>");
    }
}
