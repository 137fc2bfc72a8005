package dev.invalidator.verify;

/** No answer from the edge, with what went wrong in words a person can act on ("no answer within 3s"). */
public final class EdgeUnreachable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EdgeUnreachable(String message) {
        super(message);
    }
}
