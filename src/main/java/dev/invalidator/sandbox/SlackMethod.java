package dev.invalidator.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.invalidator.sandbox.SlackSimulator.Auth;
import java.util.Map;
import java.util.Set;

/** One Web API method of the simulator. Returns the body without {@code ok}; fails with {@link Failure}. */
@FunctionalInterface
interface SlackMethod {

    ObjectNode call(Request request);

    /** A parsed call: the method name, its arguments (JSON-valued ones as JSON text) and the kind of token. */
    record Request(String method, Map<String, String> params, Auth auth) {

        /** The argument, or null when absent or empty (Slack treats an empty argument as missing). */
        String param(String name) {
            String value = params.get(name);
            return value == null || value.isEmpty() ? null : value;
        }

        boolean flag(String name) {
            String value = param(name);
            return "true".equalsIgnoreCase(value) || "1".equals(value);
        }

        int intParam(String name, int defaultValue) {
            String value = param(name);
            if (value == null) {
                return defaultValue;
            }
            try {
                return Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw new Failure("invalid_arguments");
            }
        }
    }

    /** A method with the token kinds it accepts. */
    record Route(Set<Auth> tokens, SlackMethod method) {}

    /** Slack's {@code {"ok":false,"error":code}} answer (HTTP 200). */
    final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failure(String error) {
            super(error, null, false, false);
        }

        String error() {
            return getMessage();
        }
    }
}
