/**
 * Slack's side of the bot: Bolt on a Socket Mode connection, and the adapters that put the flow's ports on Slack's
 * Web API.
 *
 * <pre>{@code
 * Slack slack = SlackBot.slack(apiUrl, error -> rereadTokens());   // a revoked or rotated token, noticed once
 * MethodsClient methods = slack.methods(tokens.botToken());
 * Chat chat = new SlackChat(methods, 5, Duration.ofSeconds(30));
 * SlackBot bot = SlackBot.start(slack, tokens, handler, workers, clock, metrics.slack(), steps);  // listeners, connects
 * }</pre>
 *
 * <p>{@link SlackBot} registers every listener in one place and owns the connection, through
 * {@link SocketModeSession}, which hands each envelope to Bolt the moment it arrives. The listeners live in
 * {@code slack.listeners}, one package per kind — {@code commands}, {@code views}, {@code actions}, {@code events} —
 * each acking at once and handing over to {@code flow.CommandHandler} ({@code ArchitectureTest} keeps them to that);
 * what they hand over runs only if the ack left in time ({@link AckDeadline}).
 *
 * <p>{@link SlackChat} is the {@code chat.Chat} port over the Web API, composed of one class per job:
 * {@link SlackCalls} makes each call in its turn within Slack's rate limits ({@link WebApiPace}), waits a 429 out and
 * retries transient errors boundedly (a status message or decision whose answer was lost is looked for before it is
 * posted again); {@link SlackPosts} posts; {@link MessageEdits} collapses edits of one message waiting for their turn
 * into the latest ({@link CollapsedEdits}); {@link OwnMessages} reads back as state only the messages the bot posted
 * itself; {@link CompletionNotice} keeps one notice of an end per thread across replicas ({@link FirstNotice}); {@code slack.blockkit} ({@code SlackMessages}, {@code RequestModal}) turns the flow's vendor-neutral messages
 * and forms into Block Kit and modals, for the adapter and the listeners alike (a package of its own, so the listeners
 * that render need nothing from the package that registers them); {@link SlackGroupMembers} and {@link SlackWorkspace} answer the access policy's questions about
 * people; {@link SlackTokens} reads the two tokens, from the environment or Secrets Manager, and
 * {@link RefusedTokenAlarm} notices when Slack stops taking them. {@link WebApiCalls} counts every Web API answer for
 * the metrics, Bolt's own calls included.
 *
 * <p>Everything shaped like Slack stays here, in {@code slack.blockkit} and in {@code slack.listeners}: the flow and its rules see only the
 * ports and vendor-neutral records.
 */
package dev.invalidator.slack;
