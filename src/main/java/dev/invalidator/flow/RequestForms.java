package dev.invalidator.flow;

import dev.invalidator.cdn.CdnException;
import dev.invalidator.cdn.DistributionCatalog;
import dev.invalidator.chat.Chat;
import dev.invalidator.chat.ChatException;
import dev.invalidator.chat.Replies;
import dev.invalidator.chat.RequestForm;
import dev.invalidator.chat.Responder;
import dev.invalidator.config.DistributionConfig;
import dev.invalidator.config.DistributionGroup;
import dev.invalidator.config.Identifiers;
import dev.invalidator.cost.MonthCount;
import dev.invalidator.cost.MonthToDatePaths;
import dev.invalidator.request.Tokenizer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /invalidate} with no text: a form with the distributions this person may use here. Its submission goes
 * through exactly the checks a typed command does, and bad input is shown inline in the form.
 *
 * <p>The form's answer travels in Slack's acknowledgement, which must never wait for Slack or CloudFront: it is
 * decided from what is known (the cached access answers, the domain names and this month's paths as last read), and
 * when something is not known it says so in the form and asks for it, for the next try. Opening the form reads what
 * its answer will need while the person types; the accepted request is checked again, asking where it must, before
 * anything is posted.
 */
final class RequestForms {

    private static final Logger log = LoggerFactory.getLogger(RequestForms.class);

    /** The targets read ahead when the form opens: the first few the picker shows. */
    private static final int READ_AHEAD = 10;

    private final Gate gate;
    private final DistributionCatalog catalog;
    private final SubmitInvalidation submit;
    private final Confirmations confirmations;
    private final MonthToDatePaths usage;
    private final Chat chat;
    private final GroupRequests groups;
    private final FormTargets targets;
    /** People whose form is having its unknowns asked for: one look-up each at a time, however often they resubmit. */
    private final Set<String> lookingUp = ConcurrentHashMap.newKeySet();

    RequestForms(
            Gate gate,
            DistributionCatalog catalog,
            SubmitInvalidation submit,
            Confirmations confirmations,
            MonthToDatePaths usage,
            Chat chat,
            GroupRequests groups,
            FormTargets targets) {
        this.gate = gate;
        this.catalog = catalog;
        this.submit = submit;
        this.confirmations = confirmations;
        this.usage = usage;
        this.chat = chat;
        this.groups = groups;
        this.targets = targets;
    }

    /**
     * In a channel, the form reports there. In a direct message it asks for the channel: the bot is in no direct
     * message (the app has no Messages tab), so a status message, or a word about the request, could not appear there.
     */
    void open(SlashCommand command, Responder responder) {
        boolean inChannel = Identifiers.isChannelId(command.channelId());
        List<DistributionConfig> usable =
                inChannel ? gate.usable(command.userId(), command.channelId()) : gate.listed(command.userId());
        if (usable.isEmpty()) {
            responder.answer(Replies.help(usable, Optional.empty()));
            return;
        }
        List<RequestForm.Choice> choices = targets.choices(usable);
        Optional<String> channel = inChannel ? Optional.of(command.channelId()) : Optional.empty();
        try {
            chat.openRequestForm(command.triggerId(), new RequestForm(channel, choices));
        } catch (ChatException e) {
            responder.answer(Replies.formUnavailable());
            return;
        }
        readAhead(usable);
    }

    /** From the Home tab: every distribution the person is listed for; the form asks for the channel. */
    void openFromHome(String userId, String triggerId, List<DistributionConfig> listed) {
        List<RequestForm.Choice> choices = targets.choices(listed);
        if (!choices.isEmpty()) {
            chat.openRequestForm(triggerId, new RequestForm(Optional.empty(), choices));
            readAhead(listed);
        }
    }

    /**
     * Reads what the form's answer will need and nobody has read yet — the domain names, this month's paths — while
     * the person fills it in (the trigger must reach {@code views.open} first, within seconds), so that the answer
     * finds them. Deciding who may use what has just filled the access caches. Usually nothing is missing: start-up
     * reads both, and they stay known for the month.
     */
    private void readAhead(List<DistributionConfig> distributions) {
        // Past a few, the person picks by typing and any may come: each read would be one CloudFront call, so the
        // answer reads what it misses then (Unchecked) rather than the form opening with hundreds of reads.
        for (DistributionConfig distribution : distributions.subList(0, Math.min(READ_AHEAD, distributions.size()))) {
            try {
                if (catalog.knownDetails(distribution).isEmpty()) {
                    catalog.details(distribution);
                }
                usage.readSoon(distribution.id());
            } catch (CdnException e) {
                log.info("Could not read ahead for the form on {}: {}", distribution.alias(), e.getMessage());
            }
        }
    }

    /** What the picker shows for {@code query}: see {@link FormTargets}. */
    TargetChoices targets(String userId, Optional<String> channel, String query) {
        return targets.matching(userId, channel, query, () -> learnAccess(userId, channel));
    }

    /** Asks Slack what the picker's answer went without: who the person is, and their user groups. */
    private void learnAccess(String userId, Optional<String> channel) {
        if (channel.isPresent()) {
            gate.usable(userId, channel.get());
        } else {
            gate.listed(userId);
        }
    }

    /**
     * Paths come one per line (or as in the text command); a URL of the distribution is reduced to its path. Decided
     * from what is known only: this runs inside Slack's acknowledgement.
     */
    FormAnswer submitted(String userId, String channel, String alias, String pathsText, Optional<String> note) {
        // A form opened in a direct message carries its D… id, as a command typed there does (see Identifiers).
        if (!Identifiers.isConversationId(channel)) {
            return new FormAnswer.Invalid(Map.of(Preparation.Field.CHANNEL, Replies.chooseAChannel()));
        }
        List<String> tokens = Tokenizer.split(pathsText == null ? "" : pathsText);
        Optional<String> noted = note.map(String::strip).filter(text -> !text.isEmpty());
        Optional<DistributionGroup> group = groups.named(Optional.of(alias));
        if (group.isPresent()) {
            return new FormAnswer.Accepted(() -> groups.submitFromForm(userId, channel, group.get(), tokens, noted));
        }
        Runnable lookUp = () -> lookUp(userId, channel, alias, tokens, noted);
        Optional<Preparation> preparation = submit.prepareFromWhatIsKnown(userId, channel, alias, tokens, noted);
        if (preparation.isEmpty()) {
            return unchecked(lookUp);
        }
        if (preparation.get() instanceof Preparation.Refused refused) {
            return new FormAnswer.Invalid(Map.of(refused.field(), refused.inline()));
        }
        PreparedRequest request = ((Preparation.Ready) preparation.get()).request();
        // Not known yet (just after start-up), the request is asked about as possibly charged, never taken as free.
        MonthCount used = usage.knownCount(request.distribution().id());
        Responder whisper = message -> chat.whisper(channel, userId, message);
        return confirmations
                .ask(request, used)
                .<FormAnswer>map(FormAnswer.Confirm::new)
                .orElseGet(() -> new FormAnswer.Accepted(() -> submit.submitFromForm(request, whisper)));
    }

    private static FormAnswer unchecked(Runnable lookUp) {
        return new FormAnswer.Unchecked(Map.of(Preparation.Field.DISTRIBUTION, Replies.formUnchecked()), lookUp);
    }

    /** Asks Slack and CloudFront what the form's answer had to go without, so that the person's next try finds it. */
    private void lookUp(String userId, String channel, String alias, List<String> tokens, Optional<String> note) {
        if (!lookingUp.add(userId)) {
            return;
        }
        try {
            submit.prepare(userId, channel, alias, tokens, note);
        } catch (CdnException e) {
            log.info("Could not look up what a form of {} needs: {}", userId, e.getMessage());
        } finally {
            lookingUp.remove(userId);
        }
    }
}
