package dev.invalidator.request;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Splits already-unescaped command text into tokens.
 *
 * <p>Tokens are separated by commas and by any Unicode white space (line breaks, tabs, no-break space U+00A0,
 * em space U+2003, …), so a list pasted one path per line or comma-separated works the same as one typed on a
 * line. A comma inside a query string is part of it, as in a minifier's {@code /min/?f=/css/a.css,/css/b.css}, unless a
 * separator or the end of the text follows it. A Slack link sequence at the start of a token, {@code <https://x|label>} or {@code <https://x>}, is
 * unwrapped to its target, whatever the label holds. Any other {@code <} is an ordinary character, so tokens
 * never contain white space.
 *
 * <pre>{@code
 * Tokenizer.split("/a.css, /b.css\n<https://www.example.com/c.css|my file>");
 * // ["/a.css", "/b.css", "https://www.example.com/c.css"]
 * Tokenizer.split("/<!channel>");   // ["/<!channel>"] — a path with angle brackets, not a mention
 * Tokenizer.split("/min/?f=/a.css,/b.css, /c.css");   // ["/min/?f=/a.css,/b.css", "/c.css"]
 * }</pre>
 *
 * <p>Because the input is unescaped first, a {@code <…>} the user typed looks the same as one Slack produced;
 * both are treated as links, which is what the user meant in either case.
 */
public final class Tokenizer {

    /** A URI scheme followed by something: what makes {@code <…>} a link rather than a mention or stray text. */
    private static final Pattern LINK_TARGET = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:.");

    private Tokenizer() {}

    public static List<String> split(String text) {
        Objects.requireNonNull(text, "text");
        List<String> tokens = new ArrayList<>();
        StringBuilder token = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            Optional<Link> link = c == '<' && token.length() == 0 ? linkAt(text, i) : Optional.empty();
            if (link.isPresent()) {
                token.append(link.get().target());
                i = link.get().end();
            } else if (isSeparator(c) && !inQueryString(token, text, i)) {
                addIfNotEmpty(tokens, token);
                i++;
            } else {
                token.append(c);
                i++;
            }
        }
        addIfNotEmpty(tokens, token);
        return List.copyOf(tokens);
    }

    private static void addIfNotEmpty(List<String> tokens, StringBuilder token) {
        if (token.length() > 0) {
            tokens.add(token.toString());
            token.setLength(0);
        }
    }

    /** A link sequence {@code <target|label>} starting at {@code start}; {@code end} is just past its {@code >}. */
    private record Link(String target, int end) {}

    private static Optional<Link> linkAt(String text, int start) {
        for (int i = start + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '>') {
                String inside = text.substring(start + 1, i);
                int bar = inside.indexOf('|');
                String target = bar < 0 ? inside : inside.substring(0, bar);
                return isLinkTarget(target) ? Optional.of(new Link(target, i + 1)) : Optional.empty();
            }
            // A link never spans lines: this keeps a stray '<' from swallowing the rest of a pasted list.
            if (c == '<' || c == '\n' || c == '\r') {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static boolean isLinkTarget(String target) {
        return LINK_TARGET.matcher(target).lookingAt() && target.chars().noneMatch(c -> isWhitespace((char) c));
    }

    /** Whether the character at {@code index}, a separator, is a comma that belongs to the token's query string. */
    private static boolean inQueryString(StringBuilder token, String text, int index) {
        return text.charAt(index) == ','
                && token.indexOf("?") >= 0
                && index + 1 < text.length()
                && !isSeparator(text.charAt(index + 1));
    }

    private static boolean isSeparator(char c) {
        return c == ',' || isWhitespace(c);
    }

    /** Unicode's White_Space property: the Zs, Zl and Zp categories plus TAB…CR and NEXT LINE. */
    private static boolean isWhitespace(char c) {
        return Character.isSpaceChar(c) || (c >= '\t' && c <= '\r') || c == '\u0085';
    }
}
