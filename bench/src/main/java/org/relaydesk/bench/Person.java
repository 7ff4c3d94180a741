package org.relaydesk.bench;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/** A customer's name; emails are derived from it so that they look like real addresses. */
record Person(String firstName, String lastName) {
    private static final List<String> FIRST_NAMES = List.of("Maria", "Liam", "Sophie", "Noah", "Amara", "Jonas", "Yuki", "Olivia",
            "Mateo", "Priya", "Lucas", "Emma", "Ahmed", "Chloe", "Diego", "Hannah", "Ivan", "Julia", "Kenji", "Leila", "Marco", "Nina",
            "Oscar", "Paula", "Rafael", "Sara", "Tom", "Uma", "Victor", "Wei", "Xenia", "Yusuf", "Zoe", "Aisha", "Ben", "Clara", "David",
            "Elena", "Felix", "Grace");
    private static final List<String> LAST_NAMES = List.of("Garcia", "Chen", "Martin", "Williams", "Okafor", "Becker", "Tanaka",
            "Brown", "Rossi", "Sharma", "Silva", "Johansson", "Khan", "Dubois", "Lopez", "Schmidt", "Petrov", "Nowak", "Sato", "Haddad",
            "Ricci", "Jensen", "Andersson", "Costa", "Moreau", "Kowalski", "Nguyen", "Patel", "Wright", "Fischer", "Murphy", "Kim",
            "Novak", "Horvat", "Santos", "Larsen", "Ibrahim", "Cohen", "Walsh", "Meyer");

    static Person random(SplittableRandom random) {
        return new Person(FIRST_NAMES.get(random.nextInt(FIRST_NAMES.size())), LAST_NAMES.get(random.nextInt(LAST_NAMES.size())));
    }

    String fullName() {
        return firstName + " " + lastName;
    }

    /** An address unique within a run through {@code uniquePart}, e.g. maria.garcia.k3f2x17@example.com. */
    String email(String uniquePart, String domain) {
        return (firstName + "." + lastName + "." + uniquePart).toLowerCase(Locale.ROOT) + "@" + domain;
    }
}
