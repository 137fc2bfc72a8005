package dev.invalidator.logging;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An exception that ends a thread goes to the log, in the configured format and with tokens redacted, rather than
 * being printed on stderr by the JVM as a bare stack trace — which a JSON log collector can't read, and which would
 * show a token a library put in a message.
 *
 * <pre>{@code
 * UncaughtExceptions.logged();   // first thing in main: for every thread from then on
 * }</pre>
 */
public final class UncaughtExceptions {

    private static final Logger log = LoggerFactory.getLogger(UncaughtExceptions.class);

    private UncaughtExceptions() {}

    /** Makes the log the JVM's default handler of exceptions no thread caught. */
    public static void logged() {
        Thread.setDefaultUncaughtExceptionHandler(
                (thread, e) -> log.error("Thread {} stopped on an exception nothing caught", thread.getName(), e));
    }
}
