package dev.invalidator.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;

/**
 * The load scenario as a picture: each request at the moment it was asked (x) against the time until it was
 * completed (y), the bot's in blue, the reference's in orange, and each request the reference gave up on as a red
 * cross along the top. An SVG written by hand: a few hundred points need no plotting library.
 */
final class LoadChart {

    private static final int WIDTH = 880;
    private static final int HEIGHT = 440;
    private static final int LEFT = 70;
    private static final int RIGHT = 170;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;
    private static final String BOT = "#1f77b4";
    private static final String REFERENCE = "#ff7f0e";
    private static final String GAVE_UP = "#d62728";
    private static final double TICK_SECONDS = 10;

    private LoadChart() {}

    /**
     * @param botSeconds       request → completed, by request number, for the bot's completed requests
     * @param referenceSeconds the same for the reference
     * @param referenceSent    the requests the reference sent: those without a time gave up
     */
    static void write(
            Path file,
            LoadWorkload workload,
            Map<Integer, Double> botSeconds,
            Map<Integer, Double> referenceSeconds,
            Collection<Integer> referenceSent) {
        // The window the requests came in, to the next ten seconds: the title says it, so it must not round further.
        double xMax = TICK_SECONDS
                * Math.ceil(workload.requests().stream()
                                .mapToDouble(r -> r.at().toMillis() / 1000.0)
                                .max()
                                .orElse(1)
                        / TICK_SECONDS);
        double yMax = niceCeiling(Math.max(
                botSeconds.values().stream()
                        .mapToDouble(Double::doubleValue)
                        .max()
                        .orElse(1),
                referenceSeconds.values().stream()
                        .mapToDouble(Double::doubleValue)
                        .max()
                        .orElse(1)));
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\""
                        + " font-size=\"12\">%n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n",
                WIDTH,
                HEIGHT));
        svg.append(text(
                LEFT,
                22,
                "start",
                "14",
                "Request → completed, " + workload.requests().size() + " requests in " + Math.round(xMax)
                        + " s, CloudFront's and Slack's real limits"));
        axes(svg, xMax, yMax);
        for (LoadWorkload.Request request : workload.requests()) {
            double x = x(request.at().toMillis() / 1000.0, xMax);
            Double reference = referenceSeconds.get(request.number());
            if (reference != null) {
                svg.append(dot(x, y(reference, yMax), REFERENCE));
            } else if (referenceSent.contains(request.number())) {
                svg.append(cross(x, TOP + 6.0, GAVE_UP));
            }
            Double bot = botSeconds.get(request.number());
            if (bot != null) {
                svg.append(dot(x, y(bot, yMax), BOT));
            }
        }
        legend(svg);
        svg.append("</svg>\n");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, svg);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void axes(StringBuilder svg, double xMax, double yMax) {
        int plotRight = WIDTH - RIGHT;
        int plotBottom = HEIGHT - BOTTOM;
        svg.append(line(LEFT, plotBottom, plotRight, plotBottom)).append(line(LEFT, TOP, LEFT, plotBottom));
        for (int tick = 0; tick <= 5; tick++) {
            double seconds = xMax * tick / 5;
            double x = x(seconds, xMax);
            svg.append(line(x, plotBottom, x, plotBottom + 5.0))
                    .append(text(x, plotBottom + 18, "middle", "12", String.format(Locale.ROOT, "%.0f", seconds)));
            double wait = yMax * tick / 5;
            double y = y(wait, yMax);
            svg.append(line(LEFT - 5.0, y, LEFT, y))
                    .append(text(LEFT - 8, y + 4, "end", "12", String.format(Locale.ROOT, "%.0f", wait)));
        }
        svg.append(text((LEFT + plotRight) / 2.0, HEIGHT - 12, "middle", "12", "asked at (s after the first request)"));
        svg.append(String.format(
                Locale.ROOT,
                "<text x=\"18\" y=\"%.1f\" text-anchor=\"middle\" transform=\"rotate(-90 18 %.1f)\">"
                        + "request → completed (s)</text>%n",
                (TOP + plotBottom) / 2.0,
                (TOP + plotBottom) / 2.0));
    }

    private static void legend(StringBuilder svg) {
        int x = WIDTH - RIGHT + 20;
        svg.append(dot(x, TOP + 10.0, BOT)).append(text(x + 10, TOP + 14, "start", "12", "the bot"));
        svg.append(dot(x, TOP + 30.0, REFERENCE)).append(text(x + 10, TOP + 34, "start", "12", "one create each"));
        svg.append(cross(x, TOP + 50.0, GAVE_UP)).append(text(x + 10, TOP + 54, "start", "12", "… gave up"));
    }

    private static double x(double seconds, double xMax) {
        return LEFT + seconds / xMax * (WIDTH - LEFT - RIGHT);
    }

    private static double y(double seconds, double yMax) {
        return HEIGHT - BOTTOM - seconds / yMax * (HEIGHT - TOP - BOTTOM);
    }

    /** 1, 2 or 5 times a power of ten, at least {@code value}: round numbers on the axis. */
    static double niceCeiling(double value) {
        double power = Math.pow(10, Math.floor(Math.log10(Math.max(value, 1e-9))));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (step * power >= value) {
                return step * power;
            }
        }
        return 10 * power;
    }

    private static String dot(double x, double y, String colour) {
        return String.format(
                Locale.ROOT,
                "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\" fill-opacity=\"0.7\"/>%n",
                x,
                y,
                colour);
    }

    private static String cross(double x, double y, String colour) {
        return String.format(
                Locale.ROOT,
                "<path d=\"M%.1f %.1fl6 6m0 -6l-6 6\" stroke=\"%s\" stroke-width=\"1.5\"/>%n",
                x - 3,
                y - 3,
                colour);
    }

    private static String line(double x1, double y1, double x2, double y2) {
        return String.format(
                Locale.ROOT,
                "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#333\"/>%n",
                x1,
                y1,
                x2,
                y2);
    }

    private static String text(double x, double y, String anchor, String size, String words) {
        return String.format(
                Locale.ROOT,
                "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%s\">%s</text>%n",
                x,
                y,
                anchor,
                size,
                words.replace("&", "&amp;").replace("<", "&lt;"));
    }
}
