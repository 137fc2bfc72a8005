/**
 * Slack and CloudFront on 127.0.0.1, speaking their real wire protocols, so the real Bolt Socket Mode client, the real
 * {@code MethodsClient} and the real AWS SDK work against them unchanged: for the tests, the benchmark and
 * {@code demo}.
 *
 * <pre>{@code
 * try (SlackSimulator slack = SlackSimulator.start(); CloudFrontSimulator cloudFront = CloudFrontSimulator.start()) {
 *     cloudFront.addDistribution("E1WEBEXAMPLE", "d111111abcdef8.cloudfront.net", "www.example.com");
 *     // start the bot with slack.apiUrl(), slack.botToken(), slack.appToken() and cloudFront.endpoint()
 *     slack.slashCommand(SlackSimulator.ALICE, SlackSimulator.GENERAL, "/invalidate", "web /index.html");
 *     slack.messages(SlackSimulator.GENERAL);   // what the channel shows
 * }
 * }</pre>
 *
 * <p>{@link SlackSimulator}: the Web API over HTTP, response_urls and Socket Mode over WebSocket, a seeded workspace,
 * and a record of every call and of what each channel shows. {@link CloudFrontSimulator}: the REST-XML API 2020-05-31
 * with pagination, CallerReference de-duplication, delayed completions and injected faults; its
 * {@link SimulatedEdge} is the viewer's side, whose cached copies the invalidations remove. {@link CallHold} stops
 * either at one call, so that a test can kill the bot mid-call.
 *
 * <p><b>As strict as the real services, by default.</b> A CloudFront simulator is one AWS account held to
 * {@link CloudFrontLimits#strict()}, CloudFront's own figures ({@code cloudfront.md} §2 and §10): CreateInvalidation
 * at 0.5 calls a second with a burst of 5, every other call at 5 a second with a burst of 10 (an assumption: AWS
 * publishes no read rate), each answered {@code 400 Throttling} "Rate exceeded" beyond; and per distribution 3,000
 * file paths and 15 wildcard paths in progress, beyond which a create is answered {@code 400
 * TooManyInvalidationsInProgress}. A test that needs another figure sets it with
 * {@code limits(CloudFrontLimits.strict().with…)} and says why in a comment. The one way the simulator is kinder is
 * time: an invalidation completes in {@link CompletionTimes#FOR_TESTS} (2 s), so that tests take seconds and the same
 * ones every run; the real service takes under 25 s at P95 since April 2026, which
 * {@link CompletionTimes#since2026(long)} draws from (median 8 s) and the benchmark uses.
 *
 * <p>The simulators are written from the protocols, not from the bot: they use none of the bot's packages and neither
 * SDK ({@code ArchitectureTest} holds them to it), so a mistake in the bot is not one they share. Outside the tests,
 * only {@code demo} uses them.
 */
package dev.invalidator.sandbox;
