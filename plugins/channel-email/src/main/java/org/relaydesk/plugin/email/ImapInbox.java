package org.relaydesk.plugin.email;

import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.AndTerm;
import jakarta.mail.search.FlagTerm;
import jakarta.mail.search.SearchTerm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.relaydesk.api.channel.ChannelException;
import org.relaydesk.api.channel.InboundSink;
import org.relaydesk.api.channel.RawMessage;

/**
 * A mailbox folder read over IMAP. Unread mail is handed to the host one message at a time, and only
 * once the host has stored it is it marked read (or moved away), so a crash in between loses
 * nothing and at worst offers a message twice, which the host drops. The connection stays open
 * between polls; where the server supports IDLE, the connector waits on it for new mail.
 */
final class ImapInbox implements AutoCloseable {
    /** The longest one IDLE lasts before it is renewed (servers drop idle connections after about 30 minutes, NATs sooner). */
    static final Duration LONGEST_IDLE = Duration.ofSeconds(25);
    /** How long one poll reads: a full mailbox is read over several polls (well inside the host's 60 s limit for a poll). */
    static final Duration POLL_TIME = Duration.ofSeconds(20);
    /** How much one poll reads, for the same reason. */
    static final long POLL_BYTES = 100L * 1024 * 1024;
    /** What the host stores of one message at most. */
    static final int MAX_MESSAGE_BYTES = 30 * 1024 * 1024;
    /** The IMAP keyword set on a message Relaydesk cannot take, so it is not offered again. */
    static final String REFUSED = "RelaydeskRefused";
    private final MailSettings settings;
    private final Session session;
    private Store store;
    private IMAPFolder folder;
    private ScheduledExecutorService alarm;
    /** The last poll left messages behind (it stopped at its time or size limit): the next comes at once. */
    private volatile boolean more;

    ImapInbox(MailSettings settings) {
        this.settings = settings;
        this.session = Session.getInstance(settings.imapProperties());
    }

    synchronized void poll(InboundSink sink) throws ChannelException {
        more = false;
        List<String> refused = new ArrayList<>();
        IMAPFolder open = null;
        try {
            open = open();
            // unread, not already moved away (a copy whose original waits for expunge), not refused before
            Message[] waiting = open.search(new AndTerm(new SearchTerm[] {new FlagTerm(new Flags(Flags.Flag.SEEN), false),
                    new FlagTerm(new Flags(Flags.Flag.DELETED), false), new FlagTerm(new Flags(REFUSED), false)}));
            if (waiting.length == 0) {
                return;
            }
            FetchProfile profile = new FetchProfile();
            profile.add(FetchProfile.Item.ENVELOPE);
            profile.add(FetchProfile.Item.SIZE);
            open.fetch(waiting, profile);
            long started = System.nanoTime();
            long bytes = 0;
            for (Message message : waiting) {
                if (System.nanoTime() - started > POLL_TIME.toNanos() || bytes > POLL_BYTES) {
                    more = true; // the rest in the next poll, right away: one poll stays well inside the host's limit
                    break;
                }
                if (message.getSize() > MAX_MESSAGE_BYTES) {
                    // too large to keep: marked, so it blocks nothing behind it, and named in the account's error
                    message.setFlags(new Flags(REFUSED), true);
                    refused.add("a message of " + message.getSize() / (1024 * 1024) + " MB" + describe(message) + " is larger than the "
                            + MAX_MESSAGE_BYTES / (1024 * 1024) + " MB Relaydesk takes and was left in the mailbox");
                    continue;
                }
                byte[] raw = raw(message);
                bytes += raw.length;
                sink.accept(new RawMessage(idOf(raw), "message/rfc822", raw, null));
                taken(open, message);
            }
        } catch (MessagingException | IOException e) {
            closeQuietly();
            throw new ChannelException(failure(e), settings.imap().host() + ": " + reason(e), e);
        } finally {
            expunge(open);
        }
        if (!refused.isEmpty()) {
            throw new ChannelException(String.join("; ", refused));
        }
    }

    /** The message's id; bytes no parser can read (the host sets them aside, with the reason) are known by their digest. */
    private static String idOf(byte[] raw) {
        try {
            return MailIds.of(MailParser.read(raw), raw);
        } catch (MessagingException e) {
            return MailIds.digest(raw);
        }
    }

    private static String describe(Message message) {
        try {
            String from = message.getFrom() == null || message.getFrom().length == 0 ? "?" : message.getFrom()[0].toString();
            return " from " + from + " (" + message.getSubject() + ")";
        } catch (MessagingException e) {
            return "";
        }
    }

    /** With "move", the originals of what was copied go now, also when the poll broke off half-way (no second copy next time). */
    private void expunge(IMAPFolder open) {
        if (open == null || !settings.moveAfterImport() || !open.isOpen()) {
            return;
        }
        try {
            open.expunge();
        } catch (MessagingException e) {
            closeQuietly(); // the Deleted flags stay, so the next poll skips those messages
        }
    }

    /** Waits for the server to announce mail (IDLE), at most {@code max}; without IDLE, just waits. */
    boolean awaitArrival(Duration max) throws ChannelException {
        if (more) {
            return true;
        }
        Duration wait = max.compareTo(LONGEST_IDLE) > 0 ? LONGEST_IDLE : max;
        IMAPFolder open;
        int before;
        synchronized (this) {
            try {
                open = open();
                if (!((IMAPStore) store).hasCapability("IDLE")) {
                    open = null;
                }
                before = open == null ? 0 : open.getMessageCount();
            } catch (MessagingException e) {
                closeQuietly();
                throw new ChannelException(failure(e), settings.imap().host() + ": " + reason(e), e);
            }
        }
        if (open == null) {
            sleep(max);
            return false;
        }
        IMAPFolder watched = open;
        // IDLE ends when the server says something or when another thread uses the folder: the alarm does so when the wait is up
        ScheduledFuture<?> wake = alarm().schedule(() -> {
            try {
                watched.getMessageCount();
            } catch (MessagingException | RuntimeException e) {
                // the connection is gone; the idle ends with it
            }
        }, wait.toMillis(), TimeUnit.MILLISECONDS);
        try {
            watched.idle(true);
            return watched.isOpen() && watched.getMessageCount() != before;
        } catch (MessagingException e) {
            if (Thread.currentThread().isInterrupted()) {
                return false;
            }
            closeQuietly();
            throw new ChannelException(failure(e), settings.imap().host() + ": " + reason(e), e);
        } finally {
            wake.cancel(false);
        }
    }

    private synchronized ScheduledExecutorService alarm() {
        if (alarm == null) {
            alarm = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "email-idle-alarm");
                thread.setDaemon(true);
                return thread;
            });
        }
        return alarm;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private IMAPFolder open() throws MessagingException {
        if (store == null || !store.isConnected()) {
            closeQuietly();
            store = session.getStore();
            store.connect(settings.imap().host(), settings.imap().port(), settings.imap().username(), settings.imap().password());
        }
        if (folder == null || !folder.isOpen()) {
            Folder found = store.getFolder(settings.folder());
            if (!found.exists()) {
                throw new MessagingException("there is no folder \"" + settings.folder() + "\"");
            }
            folder = (IMAPFolder) found;
            folder.open(Folder.READ_WRITE);
        }
        return folder;
    }

    private void taken(IMAPFolder open, Message message) throws MessagingException {
        if (settings.moveAfterImport()) {
            Folder archive = store.getFolder(settings.archiveFolder());
            if (!archive.exists()) {
                archive.create(Folder.HOLDS_MESSAGES);
            }
            open.copyMessages(new Message[] {message}, archive);
            message.setFlag(Flags.Flag.DELETED, true);
        } else {
            message.setFlag(Flags.Flag.SEEN, true);
        }
    }

    private static byte[] raw(Message message) throws MessagingException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(1024, message.getSize()));
        message.writeTo(out);
        return out.toByteArray();
    }

    /** What kind of failure it is, as the host tells administrators (a fixed text for connections and sign-ins). */
    static ChannelException.Failure failure(Exception e) {
        ChannelException.Failure found = ChannelException.Failure.OTHER;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.relaydesk.api.host.AddressNotAllowedException) {
                return ChannelException.Failure.ADDRESS_NOT_ALLOWED;
            }
            if (t instanceof jakarta.mail.AuthenticationFailedException) {
                found = ChannelException.Failure.SIGN_IN_REFUSED;
            } else if (found == ChannelException.Failure.OTHER && (t instanceof java.net.SocketException || t instanceof java.net.UnknownHostException
                    || t instanceof java.io.InterruptedIOException || t instanceof javax.net.ssl.SSLException || t instanceof java.io.EOFException)) {
                found = ChannelException.Failure.UNREACHABLE;
            }
        }
        return found;
    }

    static String reason(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.relaydesk.api.host.AddressNotAllowedException) {
                return t.getMessage();
            }
        }
        Throwable cause = e;
        String message = e.getMessage();
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
            if (cause.getMessage() != null) {
                message = cause.getMessage();
            }
        }
        if (cause instanceof jakarta.mail.AuthenticationFailedException || e instanceof jakarta.mail.AuthenticationFailedException) {
            return "the server refused the user name or password";
        }
        if (cause instanceof java.net.UnknownHostException) {
            return "the server's name is unknown (" + cause.getMessage() + ")";
        }
        if (cause instanceof java.net.ConnectException || cause instanceof java.net.SocketTimeoutException) {
            return "cannot connect: " + cause.getMessage();
        }
        if (cause instanceof javax.net.ssl.SSLException) {
            return "the secure connection failed (check the security setting and port): " + cause.getMessage();
        }
        return message == null ? e.toString() : message;
    }

    private void closeQuietly() {
        try {
            if (folder != null && folder.isOpen()) {
                folder.close(false);
            }
        } catch (MessagingException | RuntimeException e) {
            // closing a broken connection
        }
        try {
            if (store != null) {
                store.close();
            }
        } catch (MessagingException | RuntimeException e) {
            // closing a broken connection
        }
        folder = null;
        store = null;
    }

    @Override
    public void close() {
        // not synchronized: closing from another thread is how a waiting IDLE is ended
        Store open = store;
        try {
            if (open != null) {
                open.close();
            }
        } catch (MessagingException | RuntimeException e) {
            // nothing left to do
        }
        synchronized (this) {
            closeQuietly();
            if (alarm != null) {
                alarm.shutdownNow();
            }
        }
    }
}
