package dev.invalidator.request;

import java.util.List;
import java.util.Set;

/** The distribution the parser tests talk about, and a shorthand to parse tokens against it. */
final class Requests {

    static final Set<String> HOSTS = Set.of("d111111abcdef8.cloudfront.net", "www.example.com");

    private Requests() {}

    static ParsedPaths parse(String... tokens) {
        return parse(PathLimits.cloudFrontDefaults(), tokens);
    }

    static ParsedPaths parse(PathLimits limits, String... tokens) {
        return new PathParser(limits).parse(List.of(tokens), HOSTS);
    }

    /** The single accepted item of a one-token request. */
    static InvalidationPath accepted(String token) {
        ParsedPaths parsed = parse(token);
        if (parsed.accepted().size() != 1) {
            throw new AssertionError("expected " + token + " to be accepted, got " + parsed);
        }
        return parsed.accepted().get(0);
    }

    /** The messages of every problem of a one-token request. */
    static List<String> problems(String token) {
        return parse(token).problems().stream().map(PathProblem::message).toList();
    }
}
