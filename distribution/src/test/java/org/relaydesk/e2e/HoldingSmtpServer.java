package org.relaydesk.e2e;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A plain SMTP server (RFC 5321, no extensions) that holds each message's "250 accepted" until the
 * test has looked at it: while it waits, the sender is still inside its send, so whatever the test
 * does then (follow a link in the message) happens before the sender can have finished anything
 * after the send. What {@code onMessage} returns for each message is kept, in order.
 */
final class HoldingSmtpServer implements AutoCloseable {
    private final ServerSocket socket;
    private final Function<MimeMessage, String> onMessage;
    private final List<String> observations = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    HoldingSmtpServer(Function<MimeMessage, String> onMessage) throws IOException {
        this.onMessage = onMessage;
        this.socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::accept, "holding-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    /** What the test observed for each message received so far. */
    List<String> observations() {
        return List.copyOf(observations);
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Thread conversation = new Thread(() -> converse(client), "holding-smtp-client");
                conversation.setDaemon(true);
                conversation.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void converse(Socket client) {
        try (client; BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.ISO_8859_1));
                Writer out = new java.io.OutputStreamWriter(client.getOutputStream(), StandardCharsets.ISO_8859_1)) {
            reply(out, "220 holding.test ESMTP");
            String line;
            while ((line = in.readLine()) != null) {
                String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : line.toUpperCase(java.util.Locale.ROOT);
                switch (verb) {
                    case "EHLO", "HELO" -> reply(out, "250 holding.test");
                    case "DATA" -> {
                        reply(out, "354 end with <CRLF>.<CRLF>");
                        StringBuilder raw = new StringBuilder();
                        for (String data = in.readLine(); data != null && !data.equals("."); data = in.readLine()) {
                            raw.append(data.startsWith("..") ? data.substring(1) : data).append("\r\n");
                        }
                        observations.add(observe(raw.toString()));
                        reply(out, "250 accepted");
                    }
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "250 OK");
                }
            }
        } catch (IOException gone) {
            // the sender hung up: nothing to hold any more
        }
    }

    private String observe(String raw) {
        try {
            return onMessage.apply(new MimeMessage(Session.getInstance(new Properties()),
                    new ByteArrayInputStream(raw.getBytes(StandardCharsets.ISO_8859_1))));
        } catch (Exception | AssertionError e) {
            return "failed: " + e;
        }
    }

    private static void reply(Writer out, String line) throws IOException {
        out.write(line + "\r\n");
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
