package org.relaydesk.plugin.email;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.MessagingException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * Mutation fuzzing of the MIME and TNEF readers, bounded so that it runs in every build: the corpus
 * messages and crafted seeds are mutated from a fixed seed (bit flips, truncation, cut and repeated
 * slices, MIME and RFC 2047 tokens dropped in, length fields inflated to 2 GB, parts nested hundreds
 * deep, two messages spliced), and each result must be read or refused with the documented
 * exception (MessagingException or IOException for a message, TnefException for a TNEF stream):
 * never another exception or an Error, never more allocated than a small multiple of the input.
 * A failing input is written to target/fuzz-failures/ to be replayed. Longer runs:
 * {@code -Dfuzz.iterations=200000 -Dfuzz.seed=7}.
 */
class ReaderFuzzTest {
    private static final long SEED = Long.getLong("fuzz.seed", 20261204L);
    private static final int MIME_RUNS = Integer.getInteger("fuzz.iterations", 1_500);
    private static final int TNEF_RUNS = Integer.getInteger("fuzz.iterations", 1_500) * 8;
    private static final Path FAILURES = Path.of("target/fuzz-failures");
    private static final String[] TOKENS = {"\r\n--", "--b\r\n", "\r\n\r\n", "=?utf-8?B?", "=?iso-2022-jp?Q?=1B$B", "?=", "\"", "(", ")", "<", ">", ",", ";",
        "=\r\n", "=ZZ", "\u00ff\u00fe", "\0", "\u001b$B", "Content-Type: multipart/mixed; boundary=b\r\n", "Content-Type: multipart/report; boundary=b\r\n",
        "Content-Type: message/rfc822\r\n", "Content-Transfer-Encoding: base64\r\n", "Content-Transfer-Encoding: x-uuencode\r\n",
        "Content-Transfer-Encoding: quoted-printable\r\n", "begin 644 x\r\n", "M" + "!".repeat(60) + "\r\n", "filename*0*=utf-8''%E2%82; filename*1*=%AC",
        "charset=\"iso-2022-jp\"", "Content-Type: application/ms-tnef; name=winmail.dat\r\n", "From: \"a (b\" <\"x y\"@z>, c@d\r\n",
        "References: <a@b> <c@d>\r\n", "Content-Disposition: attachment; filename=\"=?UTF-8?Q?a b?=\"\r\n"};
    private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void theMimeReaderReadsOrRefusesEveryMutatedMessage() throws Exception {
        List<byte[]> seeds = new ArrayList<>();
        for (Path message : CorpusTest.messages()) {
            seeds.add(Files.readAllBytes(message));
        }
        seeds.add(mailWithRawTnef(winmail()));
        seeds.add(nested(60, "multipart/mixed"));
        seeds.add(nested(60, "multipart/report"));
        assertThat(seeds).hasSizeGreaterThan(250);
        Assertions.assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
            SplittableRandom random = new SplittableRandom(SEED);
            for (int run = 0; run < MIME_RUNS; run++) {
                byte[] input = mutateMime(seeds.get(run % seeds.size()), seeds, random);
                readMessage(input, "mime-" + SEED + "-" + run);
            }
        });
    }

    @Test
    void theTnefReaderReadsOrRefusesEveryMutatedStream() throws Exception {
        List<byte[]> seeds = List.of(winmail(), Files.readAllBytes(CorpusTest.CORPUS.resolve("sisimai-set-of-emails/maildir/bsd/lhost-amazonworkmail-01.eml")));
        byte[] corpusTnef = tnefOf(seeds.get(1));
        List<byte[]> streams = corpusTnef == null ? List.of(seeds.get(0)) : List.of(seeds.get(0), corpusTnef);
        Assertions.assertTimeoutPreemptively(Duration.ofMinutes(1), () -> {
            SplittableRandom random = new SplittableRandom(SEED);
            for (int run = 0; run < TNEF_RUNS; run++) {
                byte[] input = mutateTnef(streams.get(run % streams.size()), random);
                readTnef(input, "tnef-" + SEED + "-" + run);
            }
        });
    }

    private static void readMessage(byte[] input, String name) throws IOException {
        long before = THREADS.getCurrentThreadAllocatedBytes();
        try {
            MailParser.parse(input);
        } catch (MessagingException | IOException refused) {
            // the documented refusal
        } catch (Throwable escaped) {
            fail(name + ".eml", input, escaped);
        }
        allocatedWithin(before, 64L * 1024 * 1024 + 60L * input.length, name + ".eml", input);
    }

    private static void readTnef(byte[] input, String name) throws IOException {
        long before = THREADS.getCurrentThreadAllocatedBytes();
        try {
            Tnef.files(input);
        } catch (Tnef.TnefException refused) {
            // the documented refusal
        } catch (Throwable escaped) {
            fail(name + ".dat", input, escaped);
        }
        allocatedWithin(before, 1024L * 1024 + 8L * input.length, name + ".dat", input);
    }

    private static void allocatedWithin(long before, long bound, String name, byte[] input) throws IOException {
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        if (allocated > bound) {
            fail(name, input, new AssertionError(allocated + " bytes allocated for an input of " + input.length + " (bound " + bound + ")"));
        }
    }

    private static void fail(String name, byte[] input, Throwable cause) throws IOException {
        Files.createDirectories(FAILURES);
        Files.write(FAILURES.resolve(name), input);
        throw new AssertionError("the reader let " + cause + " escape for " + FAILURES.resolve(name), cause);
    }

    private static byte[] mutateMime(byte[] seed, List<byte[]> seeds, SplittableRandom random) {
        byte[] data = seed;
        int rounds = 1 + random.nextInt(3);
        for (int r = 0; r < rounds; r++) {
            data = switch (random.nextInt(8)) {
                case 0 -> flipBits(data, random);
                case 1 -> data.length == 0 ? data : java.util.Arrays.copyOf(data, random.nextInt(data.length));
                case 2 -> cut(data, random);
                case 3 -> repeat(data, random);
                case 4, 5 -> insert(data, TOKENS[random.nextInt(TOKENS.length)].getBytes(StandardCharsets.ISO_8859_1), random);
                case 6 -> splice(data, seeds.get(random.nextInt(seeds.size())), random);
                default -> inflate(data, random);
            };
        }
        return data;
    }

    private static byte[] mutateTnef(byte[] seed, SplittableRandom random) {
        byte[] data = seed;
        int rounds = 1 + random.nextInt(3);
        for (int r = 0; r < rounds; r++) {
            data = switch (random.nextInt(5)) {
                case 0 -> flipBits(data, random);
                case 1 -> data.length == 0 ? data : java.util.Arrays.copyOf(data, random.nextInt(data.length));
                case 2 -> repeat(data, random);
                default -> inflate(data, random);
            };
        }
        return data;
    }

    private static byte[] flipBits(byte[] data, SplittableRandom random) {
        byte[] out = data.clone();
        for (int i = 0, n = 1 + random.nextInt(16); i < n && out.length > 0; i++) {
            out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return out;
    }

    private static byte[] cut(byte[] data, SplittableRandom random) {
        if (data.length < 2) {
            return data;
        }
        int from = random.nextInt(data.length);
        int to = Math.min(data.length, from + 1 + random.nextInt(256));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(data, 0, from);
        out.write(data, to, data.length - to);
        return out.toByteArray();
    }

    private static byte[] repeat(byte[] data, SplittableRandom random) {
        if (data.length == 0 || data.length > 1024 * 1024) {
            return data;
        }
        int from = random.nextInt(data.length);
        int length = Math.min(data.length - from, 1 + random.nextInt(512));
        byte[] slice = java.util.Arrays.copyOfRange(data, from, from + length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(data, 0, from + length);
        for (int i = 0, n = 1 + random.nextInt(64); i < n; i++) {
            out.writeBytes(slice);
        }
        out.write(data, from + length, data.length - from - length);
        return out.toByteArray();
    }

    private static byte[] insert(byte[] data, byte[] token, SplittableRandom random) {
        int at = data.length == 0 ? 0 : random.nextInt(data.length + 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(data, 0, at);
        out.writeBytes(token);
        out.write(data, at, data.length - at);
        return out.toByteArray();
    }

    private static byte[] splice(byte[] data, byte[] other, SplittableRandom random) {
        int head = data.length == 0 ? 0 : random.nextInt(data.length);
        int tail = other.length == 0 ? 0 : random.nextInt(other.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(data, 0, head);
        out.write(other, tail, other.length - tail);
        return out.toByteArray();
    }

    /** A four-byte little-endian length field (or any four bytes) set to a value that does not fit: 2 GB, -1, just past the end. */
    private static byte[] inflate(byte[] data, SplittableRandom random) {
        if (data.length < 4) {
            return data;
        }
        byte[] out = data.clone();
        int at = random.nextInt(out.length - 3);
        int[] values = {Integer.MAX_VALUE, -1, Integer.MIN_VALUE, out.length - at, out.length - at + 1, 0x10000000, 0};
        ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putInt(at, values[random.nextInt(values.length)]);
        return out;
    }

    /** A message nested {@code depth} multiparts deep, each with a text part. */
    private static byte[] nested(int depth, String type) {
        StringBuilder raw = new StringBuilder("From: ann@customer.test\r\nSubject: nested\r\nMIME-Version: 1.0\r\n");
        for (int i = 0; i < depth; i++) {
            raw.append("Content-Type: ").append(type).append("; boundary=n").append(i).append("\r\n\r\n--n").append(i)
                    .append("\r\nContent-Type: text/plain\r\n\r\nlevel ").append(i).append("\r\n--n").append(i).append("\r\n");
        }
        raw.append("Content-Type: text/plain\r\n\r\nbottom\r\n");
        for (int i = depth - 1; i >= 0; i--) {
            raw.append("--n").append(i).append("--\r\n");
        }
        return raw.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** A mail carrying the TNEF stream unencoded (binary), so that byte mutations reach its length fields. */
    private static byte[] mailWithRawTnef(byte[] tnef) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("From: ann@customer.test\r\nSubject: Report\r\nMessage-ID: <t@c.test>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nSee attached.\r\n"
                + "--b\r\nContent-Type: application/ms-tnef; name=\"winmail.dat\"\r\nContent-Transfer-Encoding: binary\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(tnef);
        out.writeBytes("\r\n--b--\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** The TNEF stream of a corpus mail, decoded from its base64 part. */
    private static byte[] tnefOf(byte[] mail) {
        String text = new String(mail, StandardCharsets.ISO_8859_1);
        int part = text.toLowerCase(java.util.Locale.ROOT).indexOf("application/ms-tnef");
        if (part < 0) {
            return null;
        }
        int body = text.indexOf("\n\n", part) >= 0 ? text.indexOf("\n\n", part) : text.indexOf("\r\n\r\n", part);
        int end = text.indexOf("\n--", body + 2);
        byte[] decoded = Transfer.base64(text.substring(body, end < 0 ? text.length() : end).getBytes(StandardCharsets.ISO_8859_1));
        return Tnef.looksLikeTnef(decoded) ? decoded : null;
    }

    /** winmail.dat with two files, one named by its MAPI properties (as TnefTest builds it). */
    private static byte[] winmail() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int32(out, Tnef.SIGNATURE);
        out.writeBytes(new byte[] {0x01, 0x00});
        attribute(out, 1, 0x00089006, new byte[] {1, 0, 0, 0});
        attribute(out, 2, Tnef.ATT_ATTACH_REND_DATA, new byte[14]);
        attribute(out, 2, Tnef.ATT_ATTACH_TITLE, "QUARTE~1.PDF\0".getBytes(StandardCharsets.US_ASCII));
        attribute(out, 2, Tnef.ATT_ATTACH_DATA, "%PDF-1.4 report".getBytes(StandardCharsets.US_ASCII));
        byte[] text = "Quarterly report 2026.pdf\0".getBytes(StandardCharsets.UTF_16LE);
        ByteBuffer props = ByteBuffer.allocate(4 + 8 + 4 + 4 + 4 + ((text.length + 3) & ~3) + 44).order(ByteOrder.LITTLE_ENDIAN);
        props.putInt(3);
        props.putShort((short) 0x0003).putShort((short) 0x0E21).putInt(7);
        props.putShort((short) (Tnef.PT_UNICODE | Tnef.MV_FLAG)).putShort((short) 0x8005).put(new byte[16]).putInt(0).putInt(0x8005).putInt(0);
        props.putShort((short) Tnef.PT_UNICODE).putShort((short) Tnef.PR_ATTACH_LONG_FILENAME).putInt(1).putInt(text.length).put(text);
        attribute(out, 2, Tnef.ATT_ATTACHMENT, props.array());
        attribute(out, 2, Tnef.ATT_ATTACH_REND_DATA, new byte[14]);
        attribute(out, 2, Tnef.ATT_ATTACH_TITLE, "notes.txt\0".getBytes(StandardCharsets.US_ASCII));
        attribute(out, 2, Tnef.ATT_ATTACH_DATA, "remember the milk".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static void int32(ByteArrayOutputStream out, int value) {
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array());
    }

    private static void attribute(ByteArrayOutputStream out, int level, int id, byte[] data) {
        out.write(level);
        int32(out, id);
        int32(out, data.length);
        out.writeBytes(data);
        out.writeBytes(new byte[2]);
    }
}
