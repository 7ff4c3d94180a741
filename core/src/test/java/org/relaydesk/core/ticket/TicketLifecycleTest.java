package org.relaydesk.core.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.relaydesk.api.ticket.TicketStatus;
import org.relaydesk.core.contact.Contact;

class TicketLifecycleTest {
    private final Instant now = Instant.parse("2026-01-15T10:00:00Z");

    private Ticket newTicket(long number) {
        return new Ticket(number, "Cannot log in", "Error on login", Contact.withEmail("Jo", "jo@example.com"));
    }

    @Test
    void resolveThenCloseThenReopen() {
        Ticket ticket = newTicket(1001);
        assertThat(ticket.resolve(now).after()).isEqualTo("resolved");
        assertThat(ticket.resolvedAt()).isEqualTo(now);
        ticket.close(now.plusSeconds(60));
        assertThat(ticket.status()).isEqualTo(TicketStatus.CLOSED);
        assertThat(ticket.closedAt()).isEqualTo(now.plusSeconds(60));
        FieldChange reopened = ticket.reopen(now.plusSeconds(120));
        assertThat(reopened.before()).isEqualTo("closed");
        assertThat(ticket.status()).isEqualTo(TicketStatus.OPEN);
        assertThat(ticket.resolvedAt()).isNull();
        assertThat(ticket.closedAt()).isNull();
    }

    @Test
    void refusesIllegalTransitions() {
        Ticket ticket = newTicket(1001);
        assertThatThrownBy(() -> ticket.close(now)).isInstanceOf(IllegalTransitionException.class).hasMessageContaining("new");
        assertThatThrownBy(() -> ticket.reopen(now)).isInstanceOf(IllegalTransitionException.class);
        ticket.resolve(now);
        assertThatThrownBy(() -> ticket.resolve(now)).isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> ticket.changeStatus(TicketStatus.WAITING_ON_CUSTOMER, now))
                .isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void customerReplyReopensASolvedTicket() {
        Ticket ticket = newTicket(1001);
        ticket.resolve(now);
        assertThat(ticket.recordCustomerReply(now.plusSeconds(5)).after()).isEqualTo("open");
        assertThat(newTicket(1002).recordCustomerReply(now)).isNull();
    }

    @Test
    void firstAgentReplyIsStampedOnce() {
        Ticket ticket = newTicket(1001);
        assertThat(ticket.recordAgentReply(now)).isTrue();
        assertThat(ticket.recordAgentReply(now.plusSeconds(30))).isFalse();
        assertThat(ticket.firstResponseAt()).isEqualTo(now);
    }

    @Test
    void mergeClosesTheDuplicateAndFreezesIt() {
        Ticket duplicate = newTicket(1001);
        Ticket target = newTicket(1002);
        assertThat(duplicate.mergeInto(target, now)).extracting(FieldChange::field).containsExactly("status", "merged_into_id");
        assertThat(duplicate.status()).isEqualTo(TicketStatus.CLOSED);
        assertThat(duplicate.mergedIntoId()).isEqualTo(target.id());
        assertThatThrownBy(() -> duplicate.reopen(now)).isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> duplicate.mergeInto(target, now)).isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> target.mergeInto(target, now)).isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> target.mergeInto(duplicate, now)).isInstanceOf(IllegalTransitionException.class);
    }
}
