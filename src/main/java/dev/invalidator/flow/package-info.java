/**
 * The use cases: what the bot does with each command, form and click, and with each invalidation once created — the
 * same whichever way a request arrives and whichever instance of the bot Slack hands it to.
 *
 * <pre>{@code
 * CommandHandler handler = new CommandHandler(
 *         config, catalog, policy, pacedCdn, chat, tracker, usage, clock, timer, metrics.requests(), pacedCdn, workers,
 *         freed, members, metrics.queue());
 * handler.handle(new SlashCommand("U0ALICE", "C0OPS", "web /index.html /css/*", triggerId), responder);
 * }</pre>
 *
 * <p>Taking a request in. {@link CommandHandler} is the one way in for the listeners: typed command, form, click,
 * Home tab. It reads a {@link SlashCommand}'s text as a {@link Command}; {@link Gate} decides who may touch which
 * distribution from which channel; {@link SubmitInvalidation} checks the request (a {@link Preparation}: a
 * {@link PreparedRequest} or a refusal), has {@link StatusPosts} post the status message, and only then creates the
 * invalidation. {@link RequestForms} puts the form through the same checks, made from what is known since the answer
 * travels in Slack's ack (and made again, asking, before anything is posted), and answers with a {@link FormAnswer};
 * {@link Queries}, {@link HomeTab} and {@link InvalidationDetails} give the read-only answers: status, list, the
 * Home tab.
 *
 * <p>Waiting for a click. {@link Confirmations} decides which requests need a Confirm and {@link Approvals} which need
 * a second person's Approve; {@link ConfirmClicks} acts on Confirm, Cancel or "use the wildcard instead", and
 * {@link Approvals} on Approve and Reject. Meanwhile the request is {@link Waiting}: held in {@link PendingRequests} by
 * the instance that asked, or carried in the button as a {@link RequestTicket}, so that any instance can act on it,
 * after checking it again as if it were typed.
 *
 * <p>After the create. The tracker tells {@link CompletionReporter}, which edits the status message and replies in its
 * thread; {@link RefreshVerification} then asks the edge whether the files are fresh. At start-up and every
 * {@code polling.sweepInterval} ({@link PeriodicSweep}), {@link Reconciler} sweeps every channel the bot is in and
 * finishes what any instance left: status messages left at "requesting", approvals decided but not carried out,
 * approvals nobody decided in time. {@link StatusFacts}, kept with each status message, lets any instance render a
 * message another one posted.
 *
 * <p>Every decision about a request is one line of {@link AuditLog}, and counted in the metrics by its decision. Slack
 * and CloudFront are reached only through the {@code chat.Chat} and {@code cdn.Cdn} ports, so these use cases run the
 * same against the simulators, moto and the real services.
 */
package dev.invalidator.flow;
