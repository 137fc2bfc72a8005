package dev.invalidator.preflight;

/** How one item of the checklist came out, with the sign it is printed with. */
public enum Mark {
    /** Checked, and fine. */
    PASSED("✓"),
    /** Checked, and the bot would not work as configured: the run fails. */
    FAILED("✗"),
    /** Could not be verified without side effects, or not needed; said honestly, and the run does not fail. */
    NOT_VERIFIED("–");

    private final String sign;

    Mark(String sign) {
        this.sign = sign;
    }

    public String sign() {
        return sign;
    }
}
