package dev.invalidator.config;

import java.util.regex.Pattern;

/**
 * Where a value sits in the config file, written the way a reader finds it: {@code distributions.web.channels[1]}.
 * Keys that are not plain words are quoted, so {@code distributions."<!channel>"} is unambiguous.
 */
final class KeyPath {

    static final KeyPath ROOT = new KeyPath("");

    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_-]{1,60}");

    private final String text;

    private KeyPath(String text) {
        this.text = text;
    }

    KeyPath key(String name) {
        String segment = PLAIN_KEY.matcher(name).matches() ? name : Text.quote(name);
        return new KeyPath(isRoot() ? segment : text + "." + segment);
    }

    KeyPath index(int index) {
        return new KeyPath(text + "[" + index + "]");
    }

    boolean isRoot() {
        return text.isEmpty();
    }

    @Override
    public String toString() {
        return text;
    }
}
