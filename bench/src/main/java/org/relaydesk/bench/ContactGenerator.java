package org.relaydesk.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Makes the customers that seeded tickets come from, each with the email identity the app would
 * have created for them. A random tag per run keeps emails unique in the workspace when the
 * seeder runs again to grow the data set (100k, then 1M).
 */
final class ContactGenerator {
    private static final List<String> DOMAINS = List.of("example.com", "example.org", "example.net", "mail.example.com",
            "example.co.uk", "example.de");
    private static final List<String> ORGANIZATIONS = List.of("Northwind Traders", "Contoso Ltd", "Fabrikam Inc", "Globex",
            "Initech", "Umbrella Retail", "Stark Logistics", "Wayne Foods", "Acme Outdoor", "Blue Yonder Air");

    private final SplittableRandom random;
    private final TimeOrderedIds ids;
    private final String runTag;
    private final Instant oldest;

    ContactGenerator(SplittableRandom random, Instant now) {
        this.random = random;
        this.ids = new TimeOrderedIds(random);
        this.runTag = Long.toString(random.nextLong(36L * 36 * 36 * 36, 36L * 36 * 36 * 36 * 36), 36);
        // Customers exist before the oldest seeded ticket (two years back).
        this.oldest = now.minus(Duration.ofDays(3 * 365));
    }

    /** Creates {@code count} contacts, adding their rows to {@code batch}. */
    List<SeedContact> generate(int count, UUID workspaceId, SeedBatch batch) {
        List<SeedContact> contacts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Person person = Person.random(random);
            SeedContact contact = new SeedContact(ids.next(), person);
            String email = person.email(runTag + i, DOMAINS.get(random.nextInt(DOMAINS.size())));
            String organization = random.nextInt(10) < 3 ? null : ORGANIZATIONS.get(random.nextInt(ORGANIZATIONS.size()));
            Instant createdAt = oldest.plusSeconds(random.nextLong(Duration.ofDays(365).toSeconds()));
            batch.add(Table.CONTACTS, contact.id(), workspaceId, person.fullName(), email, organization, createdAt);
            batch.add(Table.CONTACT_IDENTITIES, ids.next(), workspaceId, contact.id(), "EMAIL", email);
            contacts.add(contact);
        }
        return contacts;
    }
}
