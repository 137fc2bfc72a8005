package dev.invalidator.slack.blockkit;

import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.BlockCompositions;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.block.element.ConversationsFilter;
import com.slack.api.model.block.element.ConversationsSelectElement;
import com.slack.api.model.block.element.ExternalSelectElement;
import com.slack.api.model.block.element.PlainTextInputElement;
import com.slack.api.model.view.View;
import dev.invalidator.chat.ConfirmationCard;
import dev.invalidator.chat.Fit;
import dev.invalidator.chat.Message;
import dev.invalidator.chat.RequestForm;
import java.util.ArrayList;
import java.util.List;

/** The request form and its confirmation step as Slack modals. */
public final class RequestModal {

    public static final String FORM_CALLBACK = "invalidate_request";
    public static final String CONFIRM_CALLBACK = "invalidate_confirm";
    /** Every input's element has this action id; the block id names the field. */
    public static final String VALUE = "value";

    private RequestModal() {}

    public static View form(RequestForm form) {
        return view(v -> v.type("modal")
                .callbackId(FORM_CALLBACK)
                .privateMetadata(form.channel().orElse(""))
                .title(viewTitle(t -> t.type("plain_text").text("Invalidate CloudFront")))
                .submit(viewSubmit(t -> t.type("plain_text").text("Invalidate")))
                .close(viewClose(t -> t.type("plain_text").text("Cancel")))
                .blocks(blocks(form)));
    }

    /** A target in the picker, as offered and as answered to a type-ahead. */
    private static OptionObject option(RequestForm.Choice choice) {
        return BlockCompositions.option(plainText(Fit.plain(choice.label(), Fit.LABEL)), choice.alias());
    }

    private static List<LayoutBlock> blocks(RequestForm form) {
        List<LayoutBlock> blocks = new ArrayList<>();
        if (form.channel().isEmpty()) {
            blocks.add(input(i -> i.blockId(RequestForm.CHANNEL_FIELD)
                    .label(plainText("Channel for the status message"))
                    .hint(plainText(RequestForm.channelHint()))
                    .element(ConversationsSelectElement.builder()
                            .actionId(VALUE)
                            .filter(ConversationsFilter.builder()
                                    .include(List.of("public", "private"))
                                    .excludeBotUsers(true)
                                    .build())
                            .build())));
        }
        blocks.addAll(List.of(
                input(i -> i.blockId(RequestForm.DISTRIBUTION_FIELD)
                        .label(plainText("Distribution"))
                        .hint(plainText(form.pickerHint()))
                        .element(ExternalSelectElement.builder()
                                .actionId(VALUE)
                                .placeholder(plainText(RequestForm.pickerPlaceholder()))
                                // Opening the menu asks at once, so it lists the first targets before any typing.
                                .minQueryLength(0)
                                .initialOption(
                                        form.only().map(RequestModal::option).orElse(null))
                                .build())),
                input(i -> i.blockId(RequestForm.PATHS_FIELD)
                        .label(plainText("Paths"))
                        .hint(plainText("One per line, starting with /. * only at the end (/css/*). "
                                + "URLs of the distribution work too. Paths are case-sensitive. A line "
                                + "check:/img/logo.png is not invalidated: it is asked for once done, to check "
                                + "the refresh."))
                        .element(PlainTextInputElement.builder()
                                .actionId(VALUE)
                                .multiline(true)
                                .placeholder(plainText("/index.html\n/css/*"))
                                .build())),
                input(i -> i.blockId(RequestForm.NOTE_FIELD)
                        .label(plainText("Note"))
                        .optional(true)
                        .hint(plainText("Shown in the status message, e.g. why or which release."))
                        .element(PlainTextInputElement.builder()
                                .actionId(VALUE)
                                .maxLength(300)
                                .build()))));
        return blocks;
    }

    /** The confirmation question as the form's next step: Confirm submits, Cancel closes. */
    public static View confirmation(ConfirmationCard card) {
        return view(v -> v.type("modal")
                .callbackId(CONFIRM_CALLBACK)
                .privateMetadata(card.key())
                .title(viewTitle(t -> t.type("plain_text").text("Confirm invalidation")))
                .submit(viewSubmit(t -> t.type("plain_text").text("Confirm")))
                .close(viewClose(t -> t.type("plain_text").text("Cancel")))
                .blocks(SlackMessages.blocks(card.questionOnly())));
    }

    /** The form's last step when it can't go on: what happened and what to do, and a button to close it. */
    public static View notice(Message message) {
        return view(v -> v.type("modal")
                .title(viewTitle(t -> t.type("plain_text").text("Invalidate CloudFront")))
                .close(viewClose(t -> t.type("plain_text").text("Close")))
                .blocks(SlackMessages.blocks(message)));
    }
}
