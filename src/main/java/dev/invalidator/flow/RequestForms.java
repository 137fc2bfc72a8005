package dev.invalidator.flow;

import dev.invalidator.cdn.CdnException;
import dev.invalidator.cdn.DistributionCatalog;
import dev.invalidator.chat.Chat;
import dev.invalidator.chat.ChatException;
import dev.invalidator.chat.ConfirmationCard;
import dev.invalidator.chat.Replies;
import dev.invalidator.chat.RequestForm;
import dev.invalidator.chat.Responder;
import dev.invalidator.config.DistributionConfig;
import dev.invalidator.config.Identifiers;
import dev.invalidator.request.Tokenizer;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /invalidate} with no text: a form with the distributions this person may use here. Its submission goes
 * through exactly the checks a typed command does, and bad input is shown inline in the form.
 */
final class RequestForms {

    private final Gate gate;
    private final DistributionCatalog catalog;
    private final SubmitInvalidation submit;
    private final Confirmations confirmations;
    private final Chat chat;

    RequestForms(
            Gate gate, DistributionCatalog catalog, SubmitInvalidation submit, Confirmations confirmations, Chat chat) {
        this.gate = gate;
        this.catalog = catalog;
        this.submit = submit;
        this.confirmations = confirmations;
        this.chat = chat;
    }

    void open(SlashCommand command, Responder responder) {
        List<DistributionConfig> usable = gate.usable(command.userId(), command.channelId());
        if (usable.isEmpty()) {
            responder.answer(Replies.help(usable, Optional.empty()));
            return;
        }
        List<RequestForm.Choice> choices = usable.stream()
                .map(distribution -> new RequestForm.Choice(distribution.alias(), label(distribution)))
                .toList();
        try {
            chat.openRequestForm(command.triggerId(), new RequestForm(Optional.of(command.channelId()), choices));
        } catch (ChatException e) {
            responder.answer(Replies.formUnavailable());
        }
    }

    /** From the Home tab: every distribution the person is listed for; the form asks for the channel. */
    void openFromHome(String userId, String triggerId, List<DistributionConfig> listed) {
        List<RequestForm.Choice> choices = listed.stream()
                .map(distribution -> new RequestForm.Choice(distribution.alias(), label(distribution)))
                .toList();
        if (!choices.isEmpty()) {
            chat.openRequestForm(triggerId, new RequestForm(Optional.empty(), choices));
        }
    }

    /** "web · E1WEBEXAMPLE · www.example.com" when the domain is already known; never waits for CloudFront. */
    private String label(DistributionConfig distribution) {
        String label = distribution.alias() + " · " + distribution.id();
        return catalog.knownDetails(distribution)
                .map(details -> label + " · " + details.publicHost())
                .orElse(label);
    }

    /** Paths come one per line (or as in the text command); a URL of the distribution is reduced to its path. */
    FormAnswer submitted(String userId, String channel, String alias, String pathsText, Optional<String> note) {
        // A form opened in a direct message carries its D… id, as a command typed there does (see Identifiers).
        if (!Identifiers.isConversationId(channel)) {
            return new FormAnswer.Invalid(Map.of(Preparation.Field.CHANNEL, Replies.chooseAChannel()));
        }
        List<String> tokens = Tokenizer.split(pathsText == null ? "" : pathsText);
        Preparation preparation = submit.prepare(
                userId, channel, alias, tokens, note.map(String::strip).filter(text -> !text.isEmpty()));
        if (preparation instanceof Preparation.Refused refused) {
            return new FormAnswer.Invalid(Map.of(refused.field(), refused.inline()));
        }
        PreparedRequest request = ((Preparation.Ready) preparation).request();
        Responder whisper = message -> chat.whisper(channel, userId, message);
        Optional<ConfirmationCard> question;
        try {
            question = confirmations.ask(request);
        } catch (CdnException e) {
            return new FormAnswer.Invalid(Map.of(Preparation.Field.DISTRIBUTION, e.getMessage()));
        }
        return question.<FormAnswer>map(FormAnswer.Confirm::new)
                .orElseGet(() -> new FormAnswer.Accepted(() -> submit.run(request, whisper, Optional.empty())));
    }
}
