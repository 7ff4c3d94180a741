package org.relaydesk.api.host;

/**
 * The answer is larger than the host reads ({@link HttpClient#send} stops at its limit, 10 MB, and
 * holds no more). A plugin can tell it from a server that cannot be reached: asking again will not
 * help, and a file that is too large can become a note instead of a failure. Since 1.3.
 */
public class AnswerTooLargeException extends HttpClient.HttpFailure {
    private static final long serialVersionUID = 1L;
    private final long limit;

    public AnswerTooLargeException(String message, long limit) {
        super(message, null);
        this.limit = limit;
    }

    /** The most bytes the host reads of an answer. */
    public long limit() {
        return limit;
    }
}
