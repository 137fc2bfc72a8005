package dev.invalidator.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Dockerfile read into its stages and instructions: comments dropped, continued lines joined. Enough for the rules
 * the deploy tests check, not a full parser (no heredocs, no parser directives, no escape character but {@code \}).
 *
 * <pre>{@code
 * DockerfileInstructions dockerfile = DockerfileInstructions.read(Path.of("Dockerfile"));
 * dockerfile.runtime().arguments("USER")   // ["10001:10001"]
 * }</pre>
 */
record DockerfileInstructions(List<Stage> stages) {

    private static final Pattern FROM =
            Pattern.compile("(?:--\\S+\\s+)*(\\S+)(?:\\s+AS\\s+(\\S+))?", Pattern.CASE_INSENSITIVE);
    private static final Pattern ENV_PAIR = Pattern.compile("(\\w+)=(\"[^\"]*\"|\\S+)");

    /** One instruction: its keyword in upper case and the rest of the (joined) line. */
    record Instruction(String keyword, String arguments) {}

    /** A build stage: its base image, its name ({@code AS build}) if any, and its instructions after FROM. */
    record Stage(String image, String name, List<Instruction> instructions) {

        /** The arguments of every instruction with this keyword, in order. */
        List<String> arguments(String keyword) {
            return instructions.stream()
                    .filter(i -> i.keyword().equals(keyword))
                    .map(Instruction::arguments)
                    .toList();
        }

        /** Index of the first instruction with this keyword whose arguments contain the text, or -1. */
        int indexOf(String keyword, String text) {
            for (int i = 0; i < instructions.size(); i++) {
                if (instructions.get(i).keyword().equals(keyword)
                        && instructions.get(i).arguments().contains(text)) {
                    return i;
                }
            }
            return -1;
        }

        /** The variables its ENV instructions set, in {@code KEY=value} form, quotes removed. */
        Map<String, String> env() {
            Map<String, String> env = new LinkedHashMap<>();
            for (String arguments : arguments("ENV")) {
                Matcher pair = ENV_PAIR.matcher(arguments);
                while (pair.find()) {
                    env.put(pair.group(1), pair.group(2).replace("\"", ""));
                }
            }
            return env;
        }
    }

    static DockerfileInstructions read(Path file) throws IOException {
        List<Stage> stages = new ArrayList<>();
        List<Instruction> current = null;
        for (String line : joinedLines(Files.readAllLines(file))) {
            String[] parts = line.split("\\s+", 2);
            String keyword = parts[0].toUpperCase(Locale.ROOT);
            String arguments = parts.length > 1 ? parts[1].trim() : "";
            if (keyword.equals("FROM")) {
                Matcher from = FROM.matcher(arguments);
                if (!from.matches()) {
                    throw new IllegalArgumentException(file + ": unreadable FROM " + arguments);
                }
                current = new ArrayList<>();
                stages.add(new Stage(from.group(1), from.group(2), current));
            } else if (current != null) {
                current.add(new Instruction(keyword, arguments));
            }
        }
        return new DockerfileInstructions(stages);
    }

    private static List<String> joinedLines(List<String> lines) {
        List<String> joined = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.endsWith("\\")) {
                pending.append(line, 0, line.length() - 1).append(' ');
            } else {
                joined.add(pending.append(line).toString().strip());
                pending.setLength(0);
            }
        }
        return joined;
    }

    Stage build() {
        return stages.get(0);
    }

    /** The last stage: the image that runs. */
    Stage runtime() {
        return stages.get(stages.size() - 1);
    }
}
