package dev.invalidator.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * The load of issue 15: requests from several people in several channels on several distributions of one account,
 * sent at seeded random moments within a window — mostly single files, some wildcards, and a few requests of
 * hundreds of files, as a release day brings them. Every path starts {@code /bench/<n>}, so the number of the request
 * it came from can be read back from any path, whichever invalidation carried it.
 *
 * @param requests in the order they are sent
 */
record LoadWorkload(List<Request> requests) {

    /** How big a request is. */
    enum Kind {
        FILE,
        WILDCARD,
        MANY_FILES
    }

    /** Request {@code number}, sent {@code at} after the start, by {@code user} in {@code channel}. */
    record Request(
            int number, Duration at, String user, String channel, int distribution, Kind kind, List<String> paths) {}

    private static final Pattern NUMBER = Pattern.compile("/bench/([0-9]+)[/.]");
    /** Every tenth request and the one five after it: 20 % wildcards. */
    private static final int WILDCARD_EVERY = 5;
    /** One request in fifty names hundreds of files. */
    private static final int MANY_FILES_EVERY = 50;

    private static final long SEED = 15;

    static LoadWorkload of(Plan plan, BenchWorld world) {
        Random random = new Random(SEED);
        List<Duration> moments = IntStream.range(0, plan.load().requests())
                .mapToObj(i -> Duration.ofMillis(
                        (long) (random.nextDouble() * plan.load().within().toMillis())))
                .sorted()
                .toList();
        List<Request> requests = new ArrayList<>();
        for (int n = 0; n < moments.size(); n++) {
            Kind kind = n % MANY_FILES_EVERY == MANY_FILES_EVERY / 3
                    ? Kind.MANY_FILES
                    : n % WILDCARD_EVERY == 2 ? Kind.WILDCARD : Kind.FILE;
            requests.add(new Request(
                    n,
                    moments.get(n),
                    world.user(n),
                    world.channel(n),
                    n % world.distributionIds().size(),
                    kind,
                    paths(n, kind, plan.load().manyFiles())));
        }
        return new LoadWorkload(List.copyOf(requests));
    }

    private static List<String> paths(int n, Kind kind, int manyFiles) {
        return switch (kind) {
            case FILE -> List.of("/bench/" + n + ".html");
            case WILDCARD -> List.of("/bench/" + n + "/*");
            case MANY_FILES ->
                IntStream.range(0, manyFiles)
                        .mapToObj(file -> "/bench/" + n + "/f" + file + ".html")
                        .toList();
        };
    }

    /** The number of the first request named in {@code text} (a path, a thread's path list), or -1 if none is. */
    static int requestIn(String text) {
        Matcher matcher = NUMBER.matcher(text);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
    }

    long count(Kind kind) {
        return requests.stream().filter(request -> request.kind() == kind).count();
    }
}
