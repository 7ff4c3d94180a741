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
 * stream without attachments is kept whole by the caller. A damaged stream yields what was read
 * before the damage.
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

    private Tnef() {
    }

    static boolean looksLikeTnef(byte[] data) {
        return data.length >= 6 && ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).getInt(0) == SIGNATURE;
    }

    static List<File> files(byte[] data) {
        List<File> files = new ArrayList<>();
        if (!looksLikeTnef(data)) {
            return files;
        }
        ByteBuffer in = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        in.position(6); // signature and legacy key
        String title = null;
        String longName = null;
        byte[] content = null;
        try {
            while (in.remaining() >= 9) {
                int level = in.get() & 0xFF;
                int id = in.getInt();
                int length = in.getInt();
                if (length < 0 || length > in.remaining() - 2) {
                    break; // damaged: keep what was read
                }
                byte[] value = new byte[length];
                in.get(value);
                in.getShort(); // checksum
                if (level != LEVEL_ATTACHMENT) {
                    continue;
                }
                switch (id) {
                    case ATT_ATTACH_REND_DATA -> { // a new attachment begins
                        add(files, title, longName, content);
                        title = null;
                        longName = null;
                        content = null;
                    }
                    case ATT_ATTACH_TITLE -> title = cString(value, ANSI);
                    case ATT_ATTACH_DATA -> content = value;
                    case ATT_ATTACHMENT -> longName = longName(value);
                    default -> {
                        // other attachment attributes (dates, metafile) are not needed
                    }
                }
            }
        } catch (RuntimeException e) {
            // a truncated stream: what was read so far stands
        }
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

    /** PR_ATTACH_LONG_FILENAME (or PR_DISPLAY_NAME) among the attachment's MAPI properties, or null. */
    static String longName(byte[] properties) {
        ByteBuffer in = ByteBuffer.wrap(properties).order(ByteOrder.LITTLE_ENDIAN);
        String displayName = null;
        try {
            int count = in.getInt();
            for (int i = 0; i < count && in.remaining() >= 4; i++) {
                int type = in.getShort() & 0xFFFF;
                int id = in.getShort() & 0xFFFF;
                if (id >= 0x8000) { // a named property: its GUID and name come first
                    in.position(in.position() + 16);
                    int kind = in.getInt();
                    if (kind == 0) {
                        in.getInt();
                    } else {
                        int nameLength = in.getInt();
                        in.position(in.position() + padded(nameLength));
                    }
                }
                boolean multiple = (type & MV_FLAG) != 0;
                int base = type & ~MV_FLAG;
                int values = multiple || variable(base) ? in.getInt() : 1;
                for (int v = 0; v < values; v++) {
                    if (variable(base)) {
                        int length = in.getInt();
                        byte[] bytes = new byte[length];
                        in.get(bytes);
                        in.position(in.position() + padded(length) - length);
                        String text = base == PT_UNICODE ? cString16(bytes) : base == PT_STRING8 ? cString(bytes, ANSI) : null;
                        if (text != null && id == PR_ATTACH_LONG_FILENAME) {
                            return text;
                        }
                        if (text != null && id == PR_DISPLAY_NAME) {
                            displayName = text;
                        }
                    } else {
                        in.position(in.position() + fixedSize(base));
                    }
                }
            }
        } catch (RuntimeException e) {
            // damaged properties: the short title serves
        }
        return displayName;
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

    private static int padded(int length) {
        return (length + 3) & ~3;
    }

    private static String cString16(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_16LE);
        int end = text.indexOf('\0');
        return end < 0 ? text : text.substring(0, end);
    }
}
