package dev.invalidator.demo;

import dev.invalidator.config.AccessList;
import dev.invalidator.config.Approval;
import dev.invalidator.config.BotConfig;
import dev.invalidator.config.ConfigException;
import dev.invalidator.config.ConfigLoader;
import dev.invalidator.config.DistributionConfig;
import dev.invalidator.config.VerifyConfig;
import dev.invalidator.sandbox.CloudFrontSimulator;
import dev.invalidator.sandbox.SimulatedEdge;
import dev.invalidator.sandbox.SlackSimulator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The workspace and the CloudFront account a demo runs in: the config the bot gets, and the people, channels, user
 * groups and distributions the simulators are seeded with so that the config's allow-lists can be tried.
 *
 * <pre>{@code
 * DemoWorld world = DemoWorld.sample();                                   // the built-in sample
 * DemoWorld theirs = DemoWorld.from(ConfigLoader.load(file), "ops.yml");  // a team's own rules
 * world.seed(slack, cloudFront);
 * }</pre>
 *
 * @param invented    what the simulation made up because a config can't say it (names, domains, group members), told
 *                    to the person at the start so they don't mistake it for their workspace
 * @param suggestions what to try first, shown with the help
 * @param cachedFiles files every simulated edge holds from two hours ago, while the origin has a newer version: what
 *                    the check after completion finds refreshed, or not
 */
record DemoWorld(
        String source,
        BotConfig config,
        List<Person> people,
        List<Channel> channels,
        List<Group> groups,
        List<Site> sites,
        List<String> invented,
        Person startAs,
        Channel startIn,
        List<String> suggestions,
        List<String> cachedFiles) {

    record Person(String id, String name) {}

    record Channel(String id, String name, boolean botIsMember) {}

    record Group(String id, String handle, List<String> members) {

        Group {
            members = List.copyOf(members);
        }
    }

    /**
     * A distribution as the simulated CloudFront holds it: {@code host} is its alternate domain name, and
     * {@code cacheTagHeader} the header its {@code CacheTagConfig} names, if it has one.
     */
    record Site(String alias, String id, String domainName, String host, Optional<String> cacheTagHeader) {

        /** A distribution without cache tags. */
        Site(String alias, String id, String domainName, String host) {
            this(alias, id, domainName, host, Optional.empty());
        }
    }

    /** The cache tags the origin gives each cached file on a distribution with cache tags. */
    private static final Map<String, String> TAGS = Map.of(
            "/index.html", "release-42,home",
            "/css/site.css", "release-42,css",
            "/about.html", "about");

    static final String SAMPLE_CONFIG = "sample-config.yml";
    private static final Duration CACHED_FOR = Duration.ofHours(2);
    static final String GUEST = "U0DEMOGUEST";
    static final String ELSEWHERE = "C0DEMOELSEWHERE";
    static final String NOT_INVITED = "C0DEMONOTINVITED";

    DemoWorld {
        people = List.copyOf(people);
        channels = List.copyOf(channels);
        groups = List.copyOf(groups);
        sites = List.copyOf(sites);
        invented = List.copyOf(invented);
        suggestions = List.copyOf(suggestions);
        cachedFiles = List.copyOf(cachedFiles);
    }

    /** The built-in sample: two distributions, four people, one of them not allowed, one channel without the bot. */
    static DemoWorld sample() {
        Person alice = new Person(SlackSimulator.ALICE, "alice");
        Channel ops = new Channel("C0OPS", "ops", true);
        return new DemoWorld(
                "the built-in sample config",
                sampleConfig(),
                List.of(
                        alice,
                        new Person(SlackSimulator.BOB, "bob"),
                        new Person("U0CAROL", "carol"),
                        new Person("U0LEAD", "lead")),
                List.of(
                        ops,
                        new Channel("C0DESIGN", "design", true),
                        new Channel(SlackSimulator.GENERAL, "general", true),
                        new Channel("C0RELEASES", "releases", false)),
                List.of(new Group("S0FRONTEND", "frontend", List.of("U0CAROL"))),
                List.of(
                        new Site(
                                "web",
                                "E1WEBEXAMPLE",
                                "d111111abcdef8.cloudfront.net",
                                "www.example.com",
                                Optional.of("Edge-Cache-Tag")),
                        new Site("images", "E2IMAGESEXAMPLE", "d222222abcdef8.cloudfront.net", "img.example.com")),
                List.of(),
                alice,
                ops,
                List.of(
                        "Try:",
                        "  /invalidate web /index.html /css/*          and see its status message complete seconds later,",
                        "                                              then the check that the edge serves /index.html fresh",
                        "  /invalidate web /About.html                 the edge holds /about.html: the check says it is stale",
                        "  /invalidate web #release-42 check:/index.html  a cache tag: confirm it (:click confirm), and every",
                        "                                              file the origin tagged release-42 is cleared",
                        "  /invalidate images #release-42              images has no cache tags: refused, nothing sent",
                        "  /invalidate images /*                       confirm it (:click confirm), then the lead approves it",
                        "                                              (:as lead, :click approve)",
                        "  :as bob, /invalidate images /logo.png       bob is not on the list of images",
                        "  :as bob, /invalidate sites /index.html      sites is web and images: the card names images,",
                        "                                              :click send goes to web alone",
                        "  :in #releases, /invalidate web /index.html  the bot was never invited to #releases"),
                List.of("/index.html", "/about.html", "/css/site.css"));
    }

    private static BotConfig sampleConfig() {
        try {
            return ConfigLoader.parse(sampleConfigText(), SAMPLE_CONFIG, ConfigLoader.Format.YAML);
        } catch (ConfigException e) {
            throw new IllegalStateException("the sample config is broken: " + e.getMessage(), e);
        }
    }

    /** The sample config as its file says it, for a bot that reads it from a file of its own (the sandbox's). */
    static String sampleConfigText() {
        try (InputStream in = DemoWorld.class.getResourceAsStream(SAMPLE_CONFIG)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + SAMPLE_CONFIG);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A world made from a team's own config: every distribution id, channel, user and user group it names exists,
     * plus a guest on no list, a channel on no list and a channel the bot is not in. Roles are dropped, as the
     * simulated CloudFront is one account.
     */
    static DemoWorld from(BotConfig config, String fileName) {
        List<DistributionConfig> distributions =
                List.copyOf(config.distributions().values());
        List<String> invented = new ArrayList<>();
        List<Site> sites = distributions.stream()
                .map(distribution -> new Site(
                        distribution.alias(),
                        distribution.id(),
                        "d" + distribution.id().toLowerCase(Locale.ROOT) + ".cloudfront.net",
                        distribution.alias() + ".example.com"))
                .toList();
        invented.add("domain names: "
                + sites.stream()
                        .map(site -> site.alias() + " is " + site.host() + " (" + site.domainName() + ")")
                        .collect(Collectors.joining(", ")));
        List<String> withRoles = distributions.stream()
                .filter(distribution -> distribution.roleArn().isPresent())
                .map(DistributionConfig::alias)
                .toList();
        if (!withRoles.isEmpty()) {
            invented.add("roleArn of " + String.join(", ", withRoles)
                    + " left out: the simulated CloudFront is one account");
        }

        List<Channel> channels = new ArrayList<>(ids(distributions, distribution -> distribution.channels()).stream()
                .map(id -> new Channel(id, id.toLowerCase(Locale.ROOT), true))
                .toList());
        channels.add(new Channel(ELSEWHERE, "elsewhere", true));
        channels.add(new Channel(NOT_INVITED, "not-invited", false));
        invented.add("channel names (each channel is named after its id; the bot is in each), and #elsewhere ("
                + ELSEWHERE + ") and #not-invited (" + NOT_INVITED + ", the bot is not in it)");

        Set<String> userAndGroupIds = ids(distributions, distribution -> distribution.users());
        userAndGroupIds.addAll(
                ids(distributions, distribution -> distribution.approval().approvers()));
        List<Person> people = new ArrayList<>(userAndGroupIds.stream()
                .filter(id -> !id.startsWith("S"))
                .map(id -> new Person(id, id.toLowerCase(Locale.ROOT)))
                .toList());
        List<Group> groups = new ArrayList<>();
        List<String> members = new ArrayList<>();
        for (String groupId :
                userAndGroupIds.stream().filter(id -> id.startsWith("S")).toList()) {
            String handle = groupId.toLowerCase(Locale.ROOT);
            Person member = new Person("U0DEMOMEMBER" + (groups.size() + 1), handle + "-member");
            people.add(member);
            groups.add(new Group(groupId, handle, List.of(member.id())));
            members.add("@" + handle + " has " + member.name() + " (" + member.id() + ")");
        }
        Person guest = new Person(GUEST, "guest");
        people.add(guest);
        invented.add("people's names (each is named after their id), and a guest (" + GUEST + ") on no list");
        if (!members.isEmpty()) {
            invented.add(
                    "one member for each user group, so that its rule can be tried: " + String.join(", ", members));
        }

        String alias = sites.get(0).alias();
        return new DemoWorld(
                fileName,
                withoutRoles(config),
                people,
                channels,
                groups,
                sites,
                invented,
                people.get(0),
                channels.get(0),
                List.of("Try: /invalidate " + alias + " /index.html, then :as and :in to try who may use what,"
                        + " where (:who lists the rules)."),
                List.of());
    }

    /** The ids of one list of every distribution, in file order, without "*". */
    private static Set<String> ids(
            List<DistributionConfig> distributions, Function<DistributionConfig, AccessList> list) {
        return distributions.stream()
                .flatMap(distribution -> list.apply(distribution).ids().stream())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static BotConfig withoutRoles(BotConfig config) {
        Map<String, DistributionConfig> distributions = new LinkedHashMap<>();
        config.distributions()
                .forEach((alias, d) -> distributions.put(
                        alias,
                        new DistributionConfig(
                                d.alias(), d.id(), d.channels(), d.users(), Optional.empty(), d.approval())));
        return new BotConfig(
                distributions,
                config.polling(),
                config.limits(),
                config.groups(),
                config.confirm(),
                config.verify(),
                config.cloudfront(),
                config.queue(),
                config.distributionGroups());
    }

    /** Creates all of it in the simulators. */
    void seed(SlackSimulator slack, CloudFrontSimulator cloudFront) {
        people.forEach(person -> slack.addUser(person.id(), person.name()));
        channels.forEach(channel -> slack.addChannel(
                channel.id(),
                channel.name(),
                channel.botIsMember(),
                channel.id().startsWith("G")));
        groups.forEach(group ->
                slack.addUserGroup(group.id(), group.handle(), group.members().toArray(String[]::new)));
        sites.forEach(site -> {
            cloudFront.addDistribution(site.id(), site.domainName(), site.host());
            site.cacheTagHeader().ifPresent(header -> cloudFront.cacheTagHeader(site.id(), header));
        });
        SimulatedEdge edge = cloudFront.edge();
        for (Site site : sites) {
            for (String file : cachedFiles) {
                Map<String, String> headers = site.cacheTagHeader()
                        .filter(header -> TAGS.containsKey(file))
                        .map(header -> Map.of(header, TAGS.get(file)))
                        .orElse(Map.of());
                edge.publish(site.id(), file, "version 1 of " + file, headers);
                edge.cacheCopy(site.id(), file, CACHED_FOR);
                edge.publish(site.id(), file, "version 2 of " + file, headers);
            }
        }
    }

    /** The config with every distribution's refresh check pointed at the simulated edge instead of its real host. */
    BotConfig configAt(SimulatedEdge edge) {
        Map<String, VerifyConfig.DistributionOverride> overrides = new LinkedHashMap<>();
        config.distributions()
                .values()
                .forEach(distribution -> overrides.put(
                        distribution.id(),
                        new VerifyConfig.DistributionOverride(
                                Optional.of(edge.baseUrl(distribution.id())),
                                config.verify().overrides().containsKey(distribution.id())
                                        ? config.verify()
                                                .overrides()
                                                .get(distribution.id())
                                                .enabled()
                                        : Optional.empty())));
        VerifyConfig verify = config.verify();
        return new BotConfig(
                config.distributions(),
                config.polling(),
                config.limits(),
                config.groups(),
                config.confirm(),
                new VerifyConfig(verify.enabled(), verify.maxUrls(), verify.timeout(), overrides),
                config.cloudfront(),
                config.queue(),
                config.distributionGroups());
    }

    Names names() {
        Map<String, String> users = new LinkedHashMap<>();
        users.put(SlackSimulator.BOT_USER_ID, "invalidator");
        people.forEach(person -> users.put(person.id(), person.name()));
        return new Names(
                users,
                channels.stream().collect(Collectors.toMap(Channel::id, Channel::name)),
                groups.stream().collect(Collectors.toMap(Group::id, Group::handle)));
    }

    /** A person by name (with or without {@code @}) or id, in any letter case. */
    Optional<Person> person(String nameOrId) {
        String wanted = nameOrId.strip().replaceFirst("^@", "");
        return people.stream()
                .filter(person ->
                        person.name().equalsIgnoreCase(wanted) || person.id().equalsIgnoreCase(wanted))
                .findFirst();
    }

    /** A channel by name (with or without {@code #}) or id, in any letter case. */
    Optional<Channel> channel(String nameOrId) {
        String wanted = nameOrId.strip().replaceFirst("^#", "");
        return channels.stream()
                .filter(channel ->
                        channel.name().equalsIgnoreCase(wanted) || channel.id().equalsIgnoreCase(wanted))
                .findFirst();
    }

    Optional<Channel> channelById(String id) {
        return channels.stream().filter(channel -> channel.id().equals(id)).findFirst();
    }

    /** What the person is told at the start: who is who, and which rule lets whom use what, where. */
    List<String> describe() {
        Names names = names();
        List<String> lines = new ArrayList<>();
        lines.add("Distributions (from " + source + "):");
        int aliasWidth =
                sites.stream().mapToInt(site -> site.alias().length()).max().orElse(0);
        for (Site site : sites) {
            DistributionConfig distribution = config.distributions().get(site.alias());
            String approval = distribution.approval().scope() == Approval.Scope.NONE
                    ? ""
                    : " · "
                            + (distribution.approval().scope() == Approval.Scope.ALL
                                    ? "every request"
                                    : "a wipe (/*, /x*)")
                            + " needs approval by "
                            + mentions(distribution.approval().approvers(), names);
            lines.add("  " + pad(site.alias(), aliasWidth) + "  " + site.id() + " (" + site.host() + ")  in "
                    + channelList(distribution.channels(), names) + " · by " + mentions(distribution.users(), names)
                    + approval);
        }
        lines.add("People:   "
                + people.stream()
                        .map(person -> person.name() + " (" + person.id() + groupsOf(person) + ")")
                        .collect(Collectors.joining(", ")));
        lines.add("Channels: "
                + channels.stream()
                        .map(channel -> "#" + channel.name() + " (" + channel.id()
                                + (channel.botIsMember() ? "" : ", the bot is not in it") + ")")
                        .collect(Collectors.joining(", ")));
        if (!invented.isEmpty()) {
            lines.add("Invented for the simulation, as a config doesn't say them:");
            invented.forEach(what -> lines.add("  • " + what));
        }
        return lines;
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(width - text.length());
    }

    private String groupsOf(Person person) {
        return groups.stream()
                .filter(group -> group.members().contains(person.id()))
                .map(group -> ", @" + group.handle())
                .collect(Collectors.joining());
    }

    private static String mentions(AccessList list, Names names) {
        return list.allowsAnyone()
                ? "anyone"
                : list.ids().stream()
                        .map(id -> "@" + (id.startsWith("S") ? names.group(id) : names.user(id)))
                        .collect(Collectors.joining(", "));
    }

    private static String channelList(AccessList list, Names names) {
        return list.allowsAnyone()
                ? "any channel"
                : list.ids().stream().map(id -> "#" + names.channel(id)).collect(Collectors.joining(", "));
    }
}
