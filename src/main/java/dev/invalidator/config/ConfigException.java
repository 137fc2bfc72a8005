package dev.invalidator.config;

/**
 * A config file that can't be used, with one line that names the file, the key path, what is wrong and how to fix
 * it. Start-up prints the message and stops; there is no stack trace worth showing.
 *
 * <pre>{@code
 * try {
 *     BotConfig config = ConfigLoader.load(Path.of("invalidator.yml"));
 * } catch (ConfigException e) {
 *     System.err.println(e.getMessage());
 *     // invalidator.yml: distributions.web.id: missing — every distribution needs its CloudFront id, e.g. E1WEBEXAMPLE
 * }
 * }</pre>
 */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    ConfigException(String message) {
        // Messages embed text from the file; keeping them on one line keeps log lines and terminals intact.
        super(Text.printable(message), null, false, false);
    }

    /** A problem with the file as a whole: {@code "invalidator.yml: the file is empty — …"}. */
    static ConfigException inFile(String fileName, String problem) {
        return new ConfigException(fileName + ": " + problem);
    }

    /** A problem at a key: {@code "invalidator.yml: distributions.web.id: missing — …"}. */
    static ConfigException at(String fileName, KeyPath path, String problem) {
        return path.isRoot() ? inFile(fileName, problem) : new ConfigException(fileName + ": " + path + ": " + problem);
    }
}
