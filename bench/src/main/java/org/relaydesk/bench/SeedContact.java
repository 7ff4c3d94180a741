package org.relaydesk.bench;

import java.util.UUID;

/** A seeded customer: requester of tickets and author of their replies. */
record SeedContact(UUID id, Person person) {
}
