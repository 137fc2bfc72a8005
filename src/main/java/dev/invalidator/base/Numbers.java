package dev.invalidator.base;

import java.util.Locale;

/**
 * Whole numbers as every message writes them, digits grouped by commas: "1,000 free paths". Messages are in English
 * whatever the server's settings, and so are their numbers: {@code String.format("%,d", n)} would follow the JVM's
 * default locale and tell users "1.000" on a server set up in German, or use other digits altogether.
 *
 * <pre>{@code
 * Numbers.grouped(3001);   // "3,001"
 * Numbers.grouped(-42);    // "-42"
 * }</pre>
 */
public final class Numbers {

    private Numbers() {}

    public static String grouped(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
