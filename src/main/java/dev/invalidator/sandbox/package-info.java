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
 * <p>The simulators are written from the protocols, not from the bot: they use none of the bot's packages and neither
 * SDK ({@code ArchitectureTest} holds them to it), so a mistake in the bot is not one they share. Outside the tests,
 * only {@code demo} uses them.
 */
package dev.invalidator.sandbox;
