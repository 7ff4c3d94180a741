package org.relaydesk.api.workflow;

/** An action could not do its step; the message says why, in words for an admin. */
public class ActionFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    public ActionFailedException(String message) {
        super(message);
    }
}
