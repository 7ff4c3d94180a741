package org.relaydesk.plugin.email;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The files inside a TNEF stream (winmail.dat, MS-OXTNEF), which Outlook sends instead of plain
 * MIME attachments: each attachment's data, named by its long file name (from its MAPI
 * properties) or else its short title. The rich-text body TNEF may carry is not read here; a
 * stream without attachments is kept whole by the caller. Every length in the stream is untrusted:
 * a damaged one ends the reading with {@link TnefException}, which holds the files read before it.
 */
final class Tnef {
    static final int SIGNATURE = 0x223E9F78;
    static final int LEVEL_ATTACHMENT = 0x02;
    static final int ATT_ATTACH_REND_DATA = 0x00069002;
    static final int ATT_ATTACH_TITLE = 0x00018010;
    static final int ATT_ATTACH_DATA = 0x0006800F;
    static final int ATT_ATTACHMENT = 0x00069005;
    static final int PR_ATTACH_LONG_FILENAME = 0x3707;
    static final int PR_DISPLAY_NAME = 0x3001;
    static final int PT_STRING8 = 0x001E;
    static final int PT_UNICODE = 0x001F;
    static final int PT_BINARY = 0x0102;
    static final int PT_OBJECT = 0x000D;
    static final int MV_FLAG = 0x1000;
    /** Windows-1252, what Outlook writes for "ANSI" titles. */
    private static final Charset ANSI = Charset.forName("windows-1252");

    record File(String name, byte[] content) {
    }

    /**
     * A stream that cannot be read on: a length or count that does not fit in what is left of it
     * (cut short, or crafted to make the reader allocate gigabytes). It carries the files read before
     * the damage, so the caller can offer them along with the stream itself.
     */
    static final class TnefException extends java.io.IOException {
        private final transient List<File> partial;

        TnefException(String message, List<File> partial) {
            super(message);
            this.partial = List.copyOf(partial);
        }

        List<File> partial() {
            return partial;
        }
    }

    private Tnef() {
    }

    static boolean looksLikeTnef(byte[] data) {
        return data.length >= 6 && ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).getInt(0) == SIGNATURE;
    }

    /**
     * The files in the stream. Every length and count in it is checked against what is left of the
     * stream before anything is allocated or skipped, so no input makes this allocate more than the
     * stream's own size, loop longer than its length, or throw anything but {@link TnefException}.
     */
    static List<File> files(byte[] data) throws TnefException {
        List<File> files = new ArrayList<>();
        if (!looksLikeTnef(data)) {
            return files;
        }
        ByteBuffer in = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        in.position(6); // signature and legacy key
        String title = null;
        String longName = null;
        byte[] content = null;
        while (in.hasRemaining()) {
            if (in.remaining() < 9) {
                throw new TnefException("winmail.dat ends inside an attribute header", withLast(files, title, longName, content));
            }
            int level = in.get() & 0xFF;
            int id = in.getInt();
            int length = in.getInt();
            if (length < 0 || length > in.remaining() - 2) {
                throw new TnefException("winmail.dat: an attribute of " + Integer.toUnsignedString(length) + " bytes where "
                        + Math.max(0, in.remaining() - 2) + " remain", withLast(files, title, longName, content));
            }
            if (level != LEVEL_ATTACHMENT || !(id == ATT_ATTACH_REND_DATA || id == ATT_ATTACH_TITLE || id == ATT_ATTACH_DATA || id == ATT_ATTACHMENT)) {
                in.position(in.position() + length + 2); // an attribute not needed here: skipped, not copied
                continue;
            }
            byte[] value = new byte[length]; // fits: checked against the bytes left above
            in.get(value);
            in.getShort(); // checksum
            switch (id) {
                case ATT_ATTACH_REND_DATA -> { // a new attachment begins
                    add(files, title, longName, content);
                    title = null;
                    longName = null;
                    content = null;
                }
                case ATT_ATTACH_TITLE -> title = cString(value, ANSI);
                case ATT_ATTACH_DATA -> content = value;
                default -> longName = longName(value);
            }
        }
        add(files, title, longName, content);
        return files;
    }

    private static List<File> withLast(List<File> files, String title, String longName, byte[] content) {
        add(files, title, longName, content);
        return files;
    }

    private static void add(List<File> files, String title, String longName, byte[] content) {
        if (content == null || content.length == 0) {
            return;
        }
        String name = longName != null && !longName.isBlank() ? longName : title != null && !title.isBlank() ? title : "attachment-" + (files.size() + 1);
        files.add(new File(name.strip(), content));
    }

    private static String cString(byte[] value, Charset charset) {
        int end = 0;
        while (end < value.length && value[end] != 0) {
            end++;
        }
        return new String(value, 0, end, charset);
    }

    /**
     * PR_ATTACH_LONG_FILENAME (or PR_DISPLAY_NAME) among the attachment's MAPI properties, or null.
     * Damaged properties (a length or count beyond what is left) end the reading: the short title serves.
     */
    static String longName(byte[] properties) {
        ByteBuffer in = ByteBuffer.wrap(properties).order(ByteOrder.LITTLE_ENDIAN);
        String displayName = null;
        if (in.remaining() < 4) {
            return null;
        }
        int count = in.getInt();
        for (int i = 0; i < count && in.remaining() >= 4; i++) {
            int type = in.getShort() & 0xFFFF;
            int id = in.getShort() & 0xFFFF;
            if (id >= 0x8000) { // a named property: its GUID and name come first
                if (!skip(in, 16) || in.remaining() < 4) {
                    return displayName;
                }
                int kind = in.getInt();
                if (in.remaining() < 4) {
                    return displayName;
                }
                int idOrLength = in.getInt(); // a number (kind 0), or the length of the name that follows
                if (kind != 0 && !skip(in, padded(idOrLength))) {
                    return displayName;
                }
            }
            boolean multiple = (type & MV_FLAG) != 0;
            int base = type & ~MV_FLAG;
            int values = 1;
            if (multiple || variable(base)) {
                values = in.remaining() < 4 ? -1 : in.getInt();
                if (values < 0 || values > in.remaining() / 4) {
                    return displayName; // each value takes at least four bytes: more than fit is damage
                }
            }
            for (int v = 0; v < values; v++) {
                if (variable(base)) {
                    int length = in.remaining() < 4 ? -1 : in.getInt();
                    if (length < 0 || padded(length) > in.remaining()) {
                        return displayName;
                    }
                    byte[] bytes = new byte[length]; // fits: checked against the bytes left
                    in.get(bytes);
                    in.position(in.position() + (int) (padded(length) - length));
                    String text = base == PT_UNICODE ? cString16(bytes) : base == PT_STRING8 ? cString(bytes, ANSI) : null;
                    if (text != null && id == PR_ATTACH_LONG_FILENAME) {
                        return text;
                    }
                    if (text != null && id == PR_DISPLAY_NAME) {
                        displayName = text;
                    }
                } else if (!skip(in, fixedSize(base))) {
                    return displayName;
                }
            }
        }
        return displayName;
    }

    /** Moves on by {@code length} bytes if that many are left. */
    private static boolean skip(ByteBuffer in, long length) {
        if (length < 0 || length > in.remaining()) {
            return false;
        }
        in.position(in.position() + (int) length);
        return true;
    }

    private static boolean variable(int type) {
        return type == PT_STRING8 || type == PT_UNICODE || type == PT_BINARY || type == PT_OBJECT;
    }

    private static int fixedSize(int type) {
        return switch (type) {
            case 0x0005, 0x0006, 0x0007, 0x0014, 0x0040 -> 8; // double, currency, app time, int64, system time
            case 0x0048 -> 16; // GUID
            default -> 4; // short (padded), long, float, error, boolean, null
        };
    }

    /** The length rounded up to four bytes (as a long: a length near Integer.MAX_VALUE must not wrap around). */
    private static long padded(int length) {
        return (length + 3L) & ~3L;
    }

    private static String cString16(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_16LE);
        int end = text.indexOf('\0');
        return end < 0 ? text : text.substring(0, end);
    }
}
