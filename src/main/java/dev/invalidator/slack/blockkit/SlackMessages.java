package dev.invalidator.slack.blockkit;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;
import dev.invalidator.chat.Block;
import dev.invalidator.chat.Message;
import dev.invalidator.request.SlackText;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Turns the bot's vendor-neutral {@link Message} into Slack Block Kit. */
public final class SlackMessages {

    private SlackMessages() {}

    public static List<LayoutBlock> blocks(Message message) {
        return message.blocks().stream().map(SlackMessages::block).toList();
    }

    /** The value of the button {@code actionId} among a message's blocks as Slack returns them, if it has one. */
    public static Optional<String> buttonValue(List<LayoutBlock> blocks, String actionId) {
        return blocks == null
                ? Optional.empty()
                : blocks.stream()
                        .filter(ActionsBlock.class::isInstance)
                        .flatMap(actions -> ((ActionsBlock) actions).getElements().stream())
                        .filter(ButtonElement.class::isInstance)
                        .map(ButtonElement.class::cast)
                        .filter(button -> actionId.equals(button.getActionId()))
                        .map(ButtonElement::getValue)
                        .filter(value -> value != null && !value.isEmpty())
                        .findFirst();
    }

    private static LayoutBlock block(Block block) {
        if (block instanceof Block.Section section) {
            return section(s -> s.text(markdownText(section.mrkdwn())));
        }
        if (block instanceof Block.Header header) {
            return header(h -> h.text(plainText(header.text())));
        }
        if (block instanceof Block.Context context) {
            return context(List.of(markdownText(context.mrkdwn())));
        }
        if (block instanceof Block.Code code) {
            // Escaped even inside a code block: Slack resolves <!channel> before it applies formatting.
            String lines = code.lines().stream().map(SlackText::escape).collect(Collectors.joining("\n"));
            return section(s -> s.text(markdownText("```" + lines + "```")));
        }
        Block.Actions actions = (Block.Actions) block;
        return actions(actions.buttons().stream().map(SlackMessages::button).toList());
    }

    private static BlockElement button(Block.Button button) {
        return ButtonElement.builder()
                .actionId(button.actionId())
                .text(plainText(button.label()))
                .value(button.value())
                .style(
                        switch (button.style()) {
                            case PRIMARY -> "primary";
                            case DANGER -> "danger";
                            case DEFAULT -> null;
                        })
                .build();
    }
}
