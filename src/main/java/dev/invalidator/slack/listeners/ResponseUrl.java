package dev.invalidator.slack.listeners;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.webhook.WebhookResponse;
import dev.invalidator.chat.Message;
import dev.invalidator.slack.blockkit.SlackMessages;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An answer through a command's or a click's {@code response_url}, with Slack's answer checked: when Slack refuses
 * the layout, the same words go again as text, so that the person still reads them.
 *
 * <pre>{@code
 * ResponseUrl.answer(message, m -> context.respond(SlashCommandResponse.builder()
 *         .responseType("ephemeral").text(m.text()).blocks(ResponseUrl.layout(m)).build()));
 * }</pre>
 */
public final class ResponseUrl {

    private static final Logger log = LoggerFactory.getLogger(ResponseUrl.class);

    /** What Slack's hooks answer, as the body of an HTTP 400, to a payload whose layout they refuse. */
    private static final Set<String> REFUSED_LAYOUT =
            Set.of("invalid_blocks", "invalid_blocks_format", "msg_blocks_too_long", "msg_too_long");

    /** One post of a message to the {@code response_url}. */
    @FunctionalInterface
    public interface Post {
        WebhookResponse send(Message message) throws IOException;
    }

    private ResponseUrl() {}

    public static void answer(Message message, Post post) {
        try {
            WebhookResponse response = post.send(message);
            if (refusedLayout(response)) {
                log.warn("Slack refused the layout of an answer ({}); sending it as text", response.getBody());
                response = post.send(message.withoutLayout());
            }
            if (response.getCode() == null || response.getCode() != 200) {
                log.warn(
                        "Slack did not take an answer through response_url: HTTP {} {}",
                        response.getCode(),
                        response.getBody());
            }
        } catch (IOException e) {
            log.warn("Could not answer through response_url: {}", e.getMessage());
        }
    }

    /** The blocks of {@code message}, or none at all (not an empty list) for text alone. */
    public static List<LayoutBlock> layout(Message message) {
        return message.blocks().isEmpty() ? null : SlackMessages.blocks(message);
    }

    private static boolean refusedLayout(WebhookResponse response) {
        return response.getCode() != null
                && response.getCode() == 400
                && response.getBody() != null
                && REFUSED_LAYOUT.contains(response.getBody().strip());
    }
}
