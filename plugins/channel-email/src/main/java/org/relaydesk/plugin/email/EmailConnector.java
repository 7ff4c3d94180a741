package org.relaydesk.plugin.email;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import java.io.UnsupportedEncodingException;
import java.time.Duration;
import org.relaydesk.api.channel.ChannelConnector;
import org.relaydesk.api.channel.ChannelException;
import org.relaydesk.api.channel.InboundSink;
import org.relaydesk.api.channel.OutboundMessage;
import org.relaydesk.api.channel.SentMessage;

/** One mailbox: its IMAP inbox for what arrives, SMTP for what is sent. */
final class EmailConnector implements ChannelConnector {
    private final MailSettings settings;
    private final ImapInbox inbox;

    EmailConnector(MailSettings settings) {
        this.settings = settings;
        this.inbox = new ImapInbox(settings);
    }

    @Override
    public void poll(InboundSink sink) throws ChannelException {
        inbox.poll(sink);
    }

    @Override
    public boolean awaitArrival(Duration max) throws ChannelException {
        return inbox.awaitArrival(max);
    }

    @Override
    public Duration pollInterval() {
        return settings.pollInterval();
    }

    @Override
    public SentMessage send(OutboundMessage message) throws ChannelException {
        if (!settings.smtp().configured()) {
            throw new ChannelException("this mailbox has no SMTP server (smtp.host), so it cannot send");
        }
        Session session = Session.getInstance(settings.smtpProperties());
        try {
            OutgoingMail.Prepared mail = OutgoingMail.build(session, settings, message);
            try (Transport transport = session.getTransport()) {
                transport.connect(settings.smtp().host(), settings.smtp().port(), settings.smtp().username(), settings.smtp().password());
                transport.sendMessage(mail, mail.getAllRecipients());
            }
            return new SentMessage(OutgoingMail.id(mail));
        } catch (SendFailedException e) {
            throw new ChannelException("the SMTP server refused " + message.toAddress() + ": " + ImapInbox.reason(e), e);
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new ChannelException(ImapInbox.failure(e), settings.smtp().host() + ": " + ImapInbox.reason(e), e);
        }
    }

    @Override
    public void close() {
        inbox.close();
    }
}
