package dev.invalidator.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the config file once at start-up: YAML or JSON by extension, checked completely, into a {@link BotConfig}.
 * Anything wrong ends in a {@link ConfigException} with a single line naming the file, the key path, what is wrong
 * and how to fix it.
 *
 * <pre>{@code
 * # invalidator.yml
 * distributions:
 *   web:                       # alias: /invalidate web ...
 *     id: E1WEBEXAMPLE
 *     channels: [C0OPS]        # channel ids (C…/G…), or "*"
 *     users: ["*"]             # user ids (U…/W…), user-group ids (S…), or "*"
 *     roleArn: arn:aws:iam::111122223333:role/invalidator   # optional
 * polling:                     # optional, defaults shown
 *   initialInterval: 3s
 *   maxInterval: 1500ms
 *   recoveryWindow: 24h
 * limits:                      # optional
 *   maxPathsPerRequest: 2000   # at most 10000
 *   requestsPerUserPerMinute: 5
 *   requestsPerDistributionPerMinute: 20
 * groups:                      # optional
 *   cacheTtl: 5m
 * }</pre>
 *
 * <pre>{@code
 * BotConfig config = ConfigLoader.load(ConfigLoader.fileFrom(System.getenv()));
 * BotConfig inTest = ConfigLoader.parse("distributions: {web: {id: E1WEBEXAMPLE, channels: [C0OPS], users: ['*']}}",
 *         "test.yml", ConfigLoader.Format.YAML);
 * }</pre>
 *
 * <p>A single id where a list is expected is read as a one-element list ({@code users: "*"}). In YAML a bare
 * {@code *} starts an alias, so "*" must be quoted; YAML aliases are rejected rather than expanded.
 */
public final class ConfigLoader {

    /** The environment variable that names the config file. */
    public static final String ENV_VARIABLE = "INVALIDATOR_CONFIG";

    /** The config file used when {@value #ENV_VARIABLE} is unset or blank, relative to the working directory. */
    public static final String DEFAULT_FILE = "invalidator.yml";

    // A real config is a few kilobytes; anything past a megabyte is the wrong file, and reading stays bounded.
    private static final int MAX_CHARACTERS = 1 << 20;

    /** The syntax of a config file. */
    public enum Format {
        YAML,
        JSON
    }

    private ConfigLoader() {}

    /** The config file named by {@value #ENV_VARIABLE} in this environment, or {@value #DEFAULT_FILE}. */
    public static Path fileFrom(Map<String, String> environment) {
        String named = environment.get(ENV_VARIABLE);
        return Path.of(named == null || named.isBlank() ? DEFAULT_FILE : named.strip());
    }

    /**
     * Loads a config file, YAML for {@code .yml} and {@code .yaml}, JSON for {@code .json}, in any letter case.
     *
     * @throws ConfigException when the file can't be read or its content is not a valid config
     */
    public static BotConfig load(Path file) throws ConfigException {
        String fileName = file.toString();
        Format format = formatOf(file, fileName);
        return parse(read(file, fileName), fileName, format);
    }

    /**
     * Parses config text; {@code fileName} is only used to start each error message.
     *
     * @throws ConfigException when the content is not a valid config
     */
    public static BotConfig parse(String content, String fileName, Format format) throws ConfigException {
        if (content.length() > MAX_CHARACTERS) {
            throw tooLarge(fileName);
        }
        // Editors on Windows may save a byte-order mark, which the JSON parser would take for content.
        String withoutBom = content.startsWith("\uFEFF") ? content.substring(1) : content;
        return new ConfigValidator(fileName).validate(TreeReader.read(withoutBom, fileName, format));
    }

    private static Format formatOf(Path file, String fileName) throws ConfigException {
        Path name = file.getFileName();
        String lower = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
        if (lower.endsWith(".yml") || lower.endsWith(".yaml")) {
            return Format.YAML;
        }
        if (lower.endsWith(".json")) {
            return Format.JSON;
        }
        int dot = lower.lastIndexOf('.');
        String type = dot < 0 ? "a name without an extension" : "the extension " + Text.quote(lower.substring(dot));
        throw ConfigException.inFile(
                fileName, "can't tell the format from " + type + " — name the file .yml, .yaml (YAML) or .json (JSON)");
    }

    private static String read(Path file, String fileName) throws ConfigException {
        try {
            if (Files.isDirectory(file)) {
                throw ConfigException.inFile(fileName, "is a directory — give the path of the config file itself");
            }
            // Each character takes at least one byte, so this also bounds the text.
            if (Files.size(file) > MAX_CHARACTERS) {
                throw tooLarge(fileName);
            }
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw ConfigException.inFile(
                    fileName,
                    "not found (looked for " + file.toAbsolutePath().normalize() + ") — create it, or set "
                            + ENV_VARIABLE + " to the path of your config file");
        } catch (AccessDeniedException e) {
            throw ConfigException.inFile(
                    fileName, "can't be read (permission denied) — make it readable by the" + " user the bot runs as");
        } catch (CharacterCodingException e) {
            throw ConfigException.inFile(fileName, "is not UTF-8 text — save it as UTF-8");
        } catch (IOException e) {
            throw ConfigException.inFile(fileName, "can't be read (" + e + ") — check the file and its disk");
        }
    }

    private static ConfigException tooLarge(String fileName) {
        return ConfigException.inFile(
                fileName,
                "is larger than " + MAX_CHARACTERS / 1024 + " KiB — a config is a"
                        + " few kilobytes; check that this is the right file");
    }
}
