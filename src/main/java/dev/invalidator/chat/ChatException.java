package dev.invalidator.chat;

/** A chat call that failed after the adapter's own retries. */
public final class ChatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, as far as the flow needs to tell. */
    public enum Reason {
        /** The bot is not a member of the channel: someone has to invite it. */
        NOT_IN_CHANNEL,
        CHANNEL_NOT_FOUND,
        /** Rate limits or outages outlasted the retries. */
        UNAVAILABLE,
        /** Slack would not take the message as laid out: a block too long, too many of them, too much text. */
        REFUSED,
        OTHER
    }

    private final Reason reason;

    public ChatException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
