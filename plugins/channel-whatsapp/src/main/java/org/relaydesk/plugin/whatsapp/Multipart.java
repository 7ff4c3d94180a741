package org.relaydesk.plugin.whatsapp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;

/** A multipart/form-data body (RFC 7578), as the media upload takes it. */
final class Multipart {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final String boundary;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Multipart() {
        byte[] random = new byte[12];
        RANDOM.nextBytes(random);
        this.boundary = "relaydesk-" + HexFormat.of().formatHex(random);
    }

    Multipart field(String name, String value) {
        head("Content-Disposition: form-data; name=\"" + name + "\"\r\n");
        write(value.getBytes(StandardCharsets.UTF_8));
        write("\r\n".getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    Multipart file(String name, String filename, String contentType, byte[] content) {
        head("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + quoted(filename) + "\"\r\nContent-Type: " + contentType + "\r\n");
        write(content);
        write("\r\n".getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    byte[] bytes() {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(out.toByteArray());
        all.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return all.toByteArray();
    }

    private void head(String headers) {
        write(("--" + boundary + "\r\n" + headers + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    private void write(byte[] bytes) {
        out.writeBytes(bytes);
    }

    /** A file name inside a quoted header parameter: no quotes, backslashes or line breaks to break out with. */
    private static String quoted(String filename) {
        return filename.replaceAll("[\"\\\\\\r\\n]", "_");
    }
}
