package dev.invalidator.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.function.Function;

/**
 * The bot token ({@code xoxb-}) and the app-level token ({@code xapp-}) — from the environment, or from a Secrets
 * Manager secret. Never printed: {@link #toString()} redacts both, and every error names the variable, not the value.
 *
 * <pre>{@code
 * SlackTokens tokens = SlackTokens.from(System.getenv(), secretId -> secrets.getSecretValue(…).secretString());
 * }</pre>
 */
public record SlackTokens(String botToken, String appToken) {

    public static final String BOT_TOKEN = "SLACK_BOT_TOKEN";
    public static final String APP_TOKEN = "SLACK_APP_TOKEN";
    public static final String SECRET_ID = "SLACK_SECRET_ID";

    /** Why the bot can't start: one line for the operator, with no secret in it. */
    public static final class Unavailable extends Exception {
        private static final long serialVersionUID = 1L;

        public Unavailable(String message) {
            super(message);
        }
    }

    /**
     * Reads both tokens from {@code env}, or — when neither is set there — from the secret {@code SLACK_SECRET_ID}
     * names.
     *
     * @param readSecret returns the secret's SecretString for an id; may throw with a message that holds no secret
     */
    public static SlackTokens from(Map<String, String> env, Function<String, String> readSecret) throws Unavailable {
        String bot = env.get(BOT_TOKEN);
        String app = env.get(APP_TOKEN);
        if (isSet(bot) || isSet(app)) {
            if (!isSet(bot) || !isSet(app)) {
                throw new Unavailable("set both " + BOT_TOKEN + " and " + APP_TOKEN + " (only "
                        + (isSet(bot) ? BOT_TOKEN : APP_TOKEN) + " is set), or neither and " + SECRET_ID);
            }
            return checked(bot.trim(), app.trim(), "the environment");
        }
        String secretId = env.get(SECRET_ID);
        if (!isSet(secretId)) {
            throw new Unavailable("no Slack tokens: set " + BOT_TOKEN + " and " + APP_TOKEN + ", or " + SECRET_ID
                    + " to a Secrets Manager secret holding both");
        }
        String secret;
        try {
            secret = readSecret.apply(secretId);
        } catch (RuntimeException e) {
            throw new Unavailable("could not read secret " + secretId + " from Secrets Manager: " + firstLine(e));
        }
        JsonNode json;
        try {
            json = new ObjectMapper().readTree(secret == null ? "" : secret);
        } catch (Exception e) {
            throw new Unavailable("secret " + secretId + " is not JSON; store {\"" + BOT_TOKEN + "\": \"xoxb-…\", \""
                    + APP_TOKEN + "\": \"xapp-…\"}");
        }
        if (json == null || !json.isObject()) {
            throw new Unavailable(
                    "secret " + secretId + " must be a JSON object with " + BOT_TOKEN + " and " + APP_TOKEN);
        }
        return checked(json.path(BOT_TOKEN).asText(""), json.path(APP_TOKEN).asText(""), "secret " + secretId);
    }

    private static SlackTokens checked(String bot, String app, String source) throws Unavailable {
        if (!bot.startsWith("xoxb-")) {
            throw new Unavailable(BOT_TOKEN + " from " + source + " must be a bot token starting with xoxb-");
        }
        if (!app.startsWith("xapp-")) {
            throw new Unavailable(
                    APP_TOKEN + " from " + source
                            + " must be an app-level token starting with xapp- (App settings → Basic Information → App-Level Tokens, scope connections:write)");
        }
        return new SlackTokens(bot, app);
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    private static String firstLine(Exception e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    @Override
    public String toString() {
        return "SlackTokens[botToken=xoxb-…, appToken=xapp-…]";
    }
}
