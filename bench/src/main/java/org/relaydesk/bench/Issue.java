package org.relaydesk.bench;

/** The problem a ticket is about: one of its topic's subjects and the matching description. */
record Issue(Topic topic, int index) {
}
