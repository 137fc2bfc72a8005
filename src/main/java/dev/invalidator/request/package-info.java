/**
 * The pure rules for what a user may ask CloudFront to invalidate: Slack text in, validated paths out.
 *
 * <p>The pipeline a command's text goes through:
 * <pre>{@code
 * String text = SlackText.unescape(command.text());          // "&amp;" → "&", once
 * List<String> tokens = Tokenizer.split(text);               // spaces, newlines, commas; Slack links unwrapped
 * ParsedPaths parsed = new PathParser(PathLimits.cloudFrontDefaults())
 *         .parse(tokens, Set.of("d111111abcdef8.cloudfront.net", "www.example.com"));
 * if (parsed.ok()) { ... parsed.accepted() ... } else { ... parsed.problems() ... }
 * }</pre>
 *
 * <p>A request that lists many files in one directory can then be offered a cheaper form, for the user to accept:
 * {@code WildcardSuggestion.suggest(values of parsed.accepted(), 5)} proposes {@code /assets/img/*} for twenty
 * files in {@code /assets/img/}.
 *
 * <p>Nothing here knows Slack's SDK or AWS's: the package works on strings so the rules stay fast to test
 * and the same for every way a request arrives.
 */
package dev.invalidator.request;
