package dev.invalidator.config;

/** Small config texts and parse shortcuts shared by the config tests. */
final class Configs {

    static final String FILE = "invalidator.yml";
    static final String VALID_WEB = "{id: E1WEBEXAMPLE, channels: [C0OPS], users: [\"*\"]}";
    static final String VALID = "distributions: {web: " + VALID_WEB + "}\n";

    private Configs() {}

    /** A config whose only distribution, {@code web}, has these fields (YAML flow style). */
    static String web(String fields) {
        return "distributions: {web: {" + fields + "}}\n";
    }

    /** A valid config with one more top-level section or key. */
    static String validWith(String moreYaml) {
        return VALID + moreYaml + "\n";
    }

    static BotConfig yaml(String content) throws ConfigException {
        return ConfigLoader.parse(content, FILE, ConfigLoader.Format.YAML);
    }

    static BotConfig json(String content) throws ConfigException {
        return ConfigLoader.parse(content, "invalidator.json", ConfigLoader.Format.JSON);
    }
}
