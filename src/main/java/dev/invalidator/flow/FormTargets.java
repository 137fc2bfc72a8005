package dev.invalidator.flow;

import dev.invalidator.access.AccessPolicy;
import dev.invalidator.cdn.DistributionCatalog;
import dev.invalidator.chat.Fit;
import dev.invalidator.chat.RequestForm;
import dev.invalidator.config.BotConfig;
import dev.invalidator.config.DistributionConfig;
import dev.invalidator.config.DistributionGroup;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The targets the form's picker offers a person: distributions, tenants and groups, found by a fragment of their
 * alias, id, domain or a group's members as the person types. Slack asks for them while the menu is open and shows
 * nothing if the answer takes over three seconds, so they are decided from what is in memory — the config, the cached
 * access answers, the domain names as last read — and a person whose access is not known yet gets what is known and a
 * look-up for the next keystroke.
 *
 * <pre>{@code
 * FormTargets.best(choices, "exa");   // "example-shop" before "web · E1… · www.example.com", at most 100
 * }</pre>
 */
final class FormTargets {

    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern NOT_A_WORD = Pattern.compile("[^a-z0-9]+");

    private final BotConfig config;
    private final AccessPolicy policy;
    private final DistributionCatalog catalog;

    FormTargets(BotConfig config, AccessPolicy policy, DistributionCatalog catalog) {
        this.config = config;
        this.policy = policy;
        this.catalog = catalog;
    }

    /**
     * The targets matching {@code query} that {@code userId} may use from {@code channel} (any channel they are
     * listed for when the form asks for the channel), best first, at most as many as a menu holds.
     */
    TargetChoices matching(String userId, Optional<String> channel, String query, Runnable lookUp) {
        List<DistributionConfig> usable = new ArrayList<>();
        boolean unknown = false;
        for (DistributionConfig distribution : config.distributions().values()) {
            Optional<Boolean> allowed = channel.isPresent()
                    ? policy.decideFromWhatIsKnown(userId, channel.get(), distribution)
                            .map(decision -> decision.allowed())
                    : policy.isListedFromWhatIsKnown(userId, distribution);
            unknown |= allowed.isEmpty();
            if (allowed.orElse(false)) {
                usable.add(distribution);
            }
        }
        return new TargetChoices(best(choices(usable), query), unknown ? Optional.of(lookUp) : Optional.empty());
    }

    /** The distributions, then the groups with a member among them ("sites · group of web, shop and docs"). */
    List<RequestForm.Choice> choices(List<DistributionConfig> usable) {
        List<RequestForm.Choice> choices = new ArrayList<>();
        usable.forEach(distribution -> choices.add(new RequestForm.Choice(distribution.alias(), label(distribution))));
        Set<String> aliases = usable.stream().map(DistributionConfig::alias).collect(Collectors.toSet());
        for (DistributionGroup group : config.distributionGroups().values()) {
            if (group.members().stream().anyMatch(aliases::contains)) {
                choices.add(
                        new RequestForm.Choice(group.name(), RequestForm.groupLabel(group.name(), group.members())));
            }
        }
        return choices;
    }

    /** "web · E1WEBEXAMPLE · www.example.com" when the domain is already known; never waits for CloudFront. */
    private String label(DistributionConfig distribution) {
        String label = distribution.alias() + " · " + distribution.id();
        return catalog.knownDetails(distribution)
                .map(details -> label + " · " + details.publicHost())
                .orElse(label);
    }

    /**
     * The choices whose label holds every word of {@code query} (case aside), at most {@value Fit#OPTIONS}: the one
     * named exactly first, then names that start with it, then labels with a word that does (an id, a domain), then
     * the rest; in the config's order within each. An empty query keeps them all, in that order.
     */
    static List<RequestForm.Choice> best(List<RequestForm.Choice> choices, String query) {
        String wanted = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
        List<String> words = wanted.isEmpty() ? List.of() : List.of(SPACES.split(wanted));
        return choices.stream()
                .filter(choice -> words.stream()
                        .allMatch(
                                word -> choice.label().toLowerCase(Locale.ROOT).contains(word)))
                .sorted(Comparator.comparingInt(choice -> rank(choice, wanted)))
                .limit(Fit.OPTIONS)
                .toList();
    }

    private static int rank(RequestForm.Choice choice, String wanted) {
        String name = choice.alias().toLowerCase(Locale.ROOT);
        if (wanted.isEmpty() || name.equals(wanted)) {
            return 0;
        }
        if (name.startsWith(wanted)) {
            return 1;
        }
        // An id or a domain's part that starts with the fragment: "exa" in "www.example.com".
        if (NOT_A_WORD
                .splitAsStream(choice.label().toLowerCase(Locale.ROOT))
                .anyMatch(word -> word.startsWith(wanted))) {
            return 2;
        }
        return 3;
    }
}
