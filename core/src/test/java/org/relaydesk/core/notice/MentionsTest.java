package org.relaydesk.core.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MentionsTest {
    private final Mentions.Staff alex = new Mentions.Staff(UUID.randomUUID(), "alex@desk.test", "Alex Agent");
    private final Mentions.Staff sam = new Mentions.Staff(UUID.randomUUID(), "sam@desk.test", "Sam One");
    private final Mentions.Staff otherSam = new Mentions.Staff(UUID.randomUUID(), "Sam@elsewhere.test", "Sam Two");
    private final List<Mentions.Staff> staff = List.of(alex, sam, otherSam);

    @Test
    void findsColleaguesByTheirHandleOnceEach() {
        assertThat(Mentions.in("@alex could you look? Thanks @Alex.", staff)).containsExactly(alex.id());
    }

    @Test
    void aSharedHandleNeedsTheWholeAddress() {
        assertThat(Mentions.in("@sam please", staff)).as("two colleagues are 'sam'").isEmpty();
        assertThat(Mentions.in("(@sam@desk.test) please", staff)).containsExactly(sam.id());
        assertThat(Mentions.handle(sam, staff)).isEqualTo("@sam@desk.test");
        assertThat(Mentions.handle(alex, staff)).isEqualTo("@alex");
    }

    @Test
    void anEmailAddressOrAStrangerIsNoMention() {
        assertThat(Mentions.in("write to me@alex.test or bob@desk.test; @nobody; @eve@evil.test", staff)).isEmpty();
        assertThat(Mentions.in(null, staff)).isEmpty();
    }
}
