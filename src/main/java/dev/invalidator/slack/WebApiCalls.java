package dev.invalidator.slack;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.invalidator.metrics.SlackMeters;
import dev.invalidator.metrics.SlackMeters.ApiOutcome;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Pattern;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Counts every attempt of a Web API call by method and outcome, where they all pass: the SDK's HTTP client. That
 * takes in the bot's own calls and Bolt's ({@code auth.test} at start, {@code apps.connections.open} at each
 * connection), and what the SDK's response listeners never see: a 429 or a 5xx (the SDK throws before it runs them)
 * and a call that got no answer.
 */
final class WebApiCalls implements Interceptor {

    /** A method name as Slack spells them: {@code chat.postMessage}, {@code apps.connections.open}. */
    private static final Pattern METHOD = Pattern.compile("[a-z]+(\\.[a-zA-Z]+){1,3}");

    /** Slack writes {@code ok} first and {@code error} next: this much of an answer holds both. */
    private static final long PEEK_BYTES = 16 * 1024;

    private static final JsonFactory JSON = new JsonFactory();

    private final String methodsUrl;
    private final SlackMeters meters;

    /** @param methodsUrl the Web API's base, e.g. {@code https://slack.com/api/}: other URLs are not counted */
    WebApiCalls(String methodsUrl, SlackMeters meters) {
        this.methodsUrl = methodsUrl;
        this.meters = meters;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Optional<String> method = method(chain.request().url().toString());
        if (method.isEmpty()) {
            return chain.proceed(chain.request());
        }
        Response response;
        try {
            response = chain.proceed(chain.request());
        } catch (IOException e) {
            meters.apiCall(method.get(), ApiOutcome.NETWORK_ERROR);
            throw e;
        }
        meters.apiCall(method.get(), outcome(response));
        return response;
    }

    /** A response_url answers a command privately: not a Web API method, and its URL must never be a label. */
    private Optional<String> method(String url) {
        if (!url.startsWith(methodsUrl)) {
            return Optional.empty();
        }
        String method = url.substring(methodsUrl.length());
        return METHOD.matcher(method).matches() ? Optional.of(method) : Optional.empty();
    }

    private static ApiOutcome outcome(Response response) throws IOException {
        if (response.code() == 429) {
            return ApiOutcome.RATELIMITED;
        }
        if (response.code() >= 500) {
            return ApiOutcome.SERVER_ERROR;
        }
        if (response.code() != 200) {
            return ApiOutcome.HTTP_ERROR;
        }
        return okOrError(response.peekBody(PEEK_BYTES).string());
    }

    /** Reads the answer's top-level {@code ok}, and {@code error} when it is false, and nothing more of it. */
    private static ApiOutcome okOrError(String body) {
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return ApiOutcome.ERROR;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("ok") && value == JsonToken.VALUE_TRUE) {
                    return ApiOutcome.OK;
                } else if (field.equals("error") && value == JsonToken.VALUE_STRING) {
                    return parser.getText().equals("ratelimited") ? ApiOutcome.RATELIMITED : ApiOutcome.ERROR;
                } else {
                    parser.skipChildren();
                }
            }
        } catch (IOException e) {
            // Not JSON, or cut short before it said: not an answer the bot can use.
            return ApiOutcome.ERROR;
        }
        return ApiOutcome.ERROR;
    }
}
