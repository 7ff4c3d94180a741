package org.relaydesk.core.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.relaydesk.core.notice.NoticeKind;
import org.relaydesk.core.notice.NoticeText;
import org.relaydesk.core.ticket.ReplyDestination;

/** Where a reply goes when the ticket's own channel cannot send, and how it reads by email. */
class MailboxFallbackTest {
    private static final UUID OLD_MAILBOX = UUID.randomUUID();
    private static final UUID NEW_MAILBOX = UUID.randomUUID();

    private static ReplyRoutes.Route email(UUID account, String address, boolean optedOut) {
        return new ReplyRoutes.Route(account, "Mailbox", "email", "Email", "pi-envelope", "email", address, false, optedOut,
                ReplyRoutes.WindowState.NONE, false);
    }

    @Test
    void aWebFormReplyGoesThroughTheOldestMailboxToThePrimaryAddress() {
        ReplyDestination to = ReplyRoutes.byMailbox(List.of(email(NEW_MAILBOX, "other@shop.test", false), email(OLD_MAILBOX, "other@shop.test", false)),
                List.of(OLD_MAILBOX, NEW_MAILBOX), true, "walt@form.test", "Web form");
        assertThat(to.accountId()).isEqualTo(OLD_MAILBOX);
        assertThat(to.address()).isEqualTo("walt@form.test");
        assertThat(to.throughMailbox()).isTrue();
        assertThat(to.notSentReason()).isNull();
    }

    @Test
    void withoutAnEmailAddressTheReplyIsKeptSayingWhy() {
        ReplyDestination to = ReplyRoutes.byMailbox(List.of(), List.of(OLD_MAILBOX), false, null, "Web form");
        assertThat(to.accountId()).isNull();
        assertThat(to.notSentReason()).startsWith("Not sent: Web form cannot send replies and the customer left no email address");
    }

    @Test
    void withoutAMailboxTheReplyIsKeptSayingWhatTheAdminCanDo() {
        ReplyDestination to = ReplyRoutes.byMailbox(List.of(), List.of(), true, "walt@form.test", null);
        assertThat(to.accountId()).isNull();
        assertThat(to.notSentReason()).contains("no channel that sends replies", "no mailbox", "SMTP");
    }

    @Test
    void aMailboxWithoutSmtpIsNoRouteAndAnOptedOutAddressIsNeverWritten() {
        assertThat(ReplyRoutes.byMailbox(List.of(email(NEW_MAILBOX, "walt@form.test", false)), List.of(OLD_MAILBOX), true, "walt@form.test", "Web form")
                .accountId()).as("an email account that cannot send is not the mailbox").isNull();
        ReplyDestination optedOut = ReplyRoutes.byMailbox(List.of(email(OLD_MAILBOX, "walt@form.test", true)), List.of(OLD_MAILBOX), true,
                "walt@form.test", "Web form");
        assertThat(optedOut.accountId()).isNull();
        assertThat(optedOut.notSentReason()).contains("opted out");
    }

    @Test
    void theReplyKeepsItsMarkupInsideTheEscapedNoticeWithAClickableStatusLink() {
        Map<String, String> values = Map.of("ticket.subject", "Form <question>", "ticket_number", "#7", "reply", "We ship abroad.",
                "status_link", "https://desk.test/track.html#ticket=1&token=rdt_x");
        MailboxReply mail = MailboxReply.of(new NoticeText(NoticeKind.CUSTOMER_REPLY.defaultSubject(), NoticeKind.CUSTOMER_REPLY.defaultBody()), values,
                "<p><b>We ship</b> abroad.</p>");
        assertThat(mail.subject()).isEqualTo("Form <question>");
        assertThat(mail.text()).startsWith("We ship abroad.").contains("Follow your request #7", "https://desk.test/track.html#ticket=1&token=rdt_x");
        assertThat(mail.html()).startsWith("<p><b>We ship</b> abroad.</p>")
                .contains("<a href=\"https://desk.test/track.html#ticket=1&amp;token=rdt_x\">");
        MailboxReply inline = MailboxReply.of(new NoticeText("{{ticket.subject}}", "Hi <there>, {{reply}}"), values, "<p>ok</p>");
        assertThat(inline.html()).isEqualTo("<p>Hi &lt;there&gt;, <p>ok</p></p>");
    }
}
