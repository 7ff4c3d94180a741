package org.relaydesk.bench;

/** A mistake on the command line: reported with the usage text rather than a stack trace. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }
}
