/**
 * Small additions to the JDK that every other package may use — the core, the Slack and AWS adapters, the simulators
 * and the demo alike:
 *
 * <pre>{@code
 * Strings.shorten(pastedText, 80);         // at most 80 characters, "…" included, no emoji cut in half
 * Numbers.grouped(1000);                   // "1,000" on every server, whatever its locale
 * DaemonThreads.named("tracker");          // a pool's threads: daemons named tracker-1, tracker-2, …
 * }</pre>
 *
 * <p>It exists so that such a rule is written once and still reachable from everywhere: the package depends on no
 * other package of the project and on no vendor, so using it never makes a cycle between packages and never brings
 * Slack or AWS into the core. Only what several packages need goes here.
 */
package dev.invalidator.base;
