package org.relaydesk.plugin.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.relaydesk.api.channel.InboundMessage;

/**
 * winmail.dat, built here attribute by attribute as MS-OXTNEF lays it out (the corpus's only TNEF
 * sample carries no files): its files come out under their long names; a stream with no files,
 * like the corpus's, stays whole; a damaged or crafted one is refused without allocating what its
 * lengths announce.
 */
class TnefTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private void int32(int value) {
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array());
    }

    private void attribute(int level, int id, byte[] data) {
        out.write(level);
        int32(id);
        int32(data.length);
        out.writeBytes(data);
        int sum = 0;
        for (byte b : data) {
            sum += b & 0xFF;
        }
        out.writeBytes(ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) sum).array());
    }

    /** MAPI properties with one PT_UNICODE PR_ATTACH_LONG_FILENAME (and a PT_LONG before it, to be skipped). */
    private static byte[] longName(String name) {
        byte[] text = (name + "\0").getBytes(StandardCharsets.UTF_16LE);
        ByteBuffer props = ByteBuffer.allocate(4 + 8 + 4 + 4 + 4 + ((text.length + 3) & ~3)).order(ByteOrder.LITTLE_ENDIAN);
        props.putInt(2);
        props.putShort((short) 0x0003).putShort((short) 0x0E21).putInt(7); // PR_ATTACH_NUM, a long
        props.putShort((short) Tnef.PT_UNICODE).putShort((short) Tnef.PR_ATTACH_LONG_FILENAME).putInt(1).putInt(text.length).put(text);
        return props.array();
    }

    private byte[] winmail(boolean withFiles) {
        int32(Tnef.SIGNATURE);
        out.writeBytes(new byte[] {0x01, 0x00});
        attribute(1, 0x00089006, new byte[] {1, 0, 0, 0}); // attMessageClass-like message attribute, skipped
        if (withFiles) {
            attribute(2, Tnef.ATT_ATTACH_REND_DATA, new byte[14]);
            attribute(2, Tnef.ATT_ATTACH_TITLE, "QUARTE~1.PDF\0".getBytes(StandardCharsets.US_ASCII));
            attribute(2, Tnef.ATT_ATTACH_DATA, "%PDF-1.4 report".getBytes(StandardCharsets.US_ASCII));
            attribute(2, Tnef.ATT_ATTACHMENT, longName("Quarterly report 2026.pdf"));
            attribute(2, Tnef.ATT_ATTACH_REND_DATA, new byte[14]);
            attribute(2, Tnef.ATT_ATTACH_TITLE, "notes.txt\0".getBytes(StandardCharsets.US_ASCII));
            attribute(2, Tnef.ATT_ATTACH_DATA, "remember the milk".getBytes(StandardCharsets.US_ASCII));
        }
        return out.toByteArray();
    }

    private static InboundMessage mailWith(byte[] winmail) throws Exception {
        String raw = "From: ann@customer.test\r\nSubject: Report\r\nMessage-ID: <t@c.test>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nSee attached.\r\n"
                + "--b\r\nContent-Type: application/ms-tnef; name=\"winmail.dat\"\r\nContent-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment; filename=\"winmail.dat\"\r\n\r\n" + Base64.getMimeEncoder().encodeToString(winmail) + "\r\n--b--\r\n";
        return MailParser.parse(raw.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void theFilesInsideWinmailDatComeOutUnderTheirNames() throws Exception {
        InboundMessage message = mailWith(winmail(true));
        assertThat(message.attachments()).extracting(a -> a.filename() + "=" + new String(a.content(), StandardCharsets.US_ASCII))
                .containsExactly("Quarterly report 2026.pdf=%PDF-1.4 report", "notes.txt=remember the milk");
    }

    @Test
    void aStreamWithoutFilesIsKeptWhole() throws Exception {
        byte[] empty = winmail(false);
        InboundMessage message = mailWith(empty);
        assertThat(message.attachments()).extracting(a -> a.filename()).containsExactly("winmail.dat");
        assertThat(message.attachments().get(0).content()).isEqualTo(empty);
    }

    @Test
    void theCorpusSampleIsKeptWholeAndATruncatedStreamGivesWhatItHas() throws Exception {
        InboundMessage sample = MailParser.parse(Files.readAllBytes(CorpusTest.CORPUS.resolve("sisimai-set-of-emails/maildir/bsd/lhost-amazonworkmail-01.eml")));
        assertThat(sample.attachments()).extracting(a -> a.filename()).contains("winmail.dat");
        byte[] whole = winmail(true);
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 30);
        assertThatThrownBy(() -> Tnef.files(cut)).isInstanceOfSatisfying(Tnef.TnefException.class,
                e -> assertThat(e.partial()).extracting(Tnef.File::name).containsExactly("Quarterly report 2026.pdf"));
        // in a mail: the file read before the damage, and the damaged stream as it came, so nothing is lost
        assertThat(mailWith(cut).attachments()).extracting(a -> a.filename()).containsExactly("Quarterly report 2026.pdf", "winmail.dat");
    }

    @Test
    void aLengthLargerThanTheStreamIsRefusedNotAllocated() throws Exception {
        // an attribute announcing 2 GB in a stream of a few hundred bytes
        out.reset();
        int32(Tnef.SIGNATURE);
        out.writeBytes(new byte[] {0x01, 0x00});
        attribute(2, Tnef.ATT_ATTACH_REND_DATA, new byte[14]);
        out.write(2);
        int32(Tnef.ATT_ATTACH_DATA);
        int32(Integer.MAX_VALUE);
        out.writeBytes(new byte[64]);
        byte[] crafted = out.toByteArray();
        assertThatThrownBy(() -> Tnef.files(crafted)).isInstanceOf(Tnef.TnefException.class).hasMessageContaining("2147483647 bytes where");
        assertThat(mailWith(crafted).attachments()).extracting(a -> a.filename()).containsExactly("winmail.dat");

        // the same inside the MAPI properties: a file name of 2 GB, a negative one, a count of 2^31 values, a named property's name of 2 GB
        for (int[] props : new int[][] {{Tnef.PT_UNICODE, Tnef.PR_ATTACH_LONG_FILENAME, 1, Integer.MAX_VALUE}, {Tnef.PT_BINARY, 0x3701, 1, -8},
                {Tnef.PT_UNICODE | Tnef.MV_FLAG, Tnef.PR_ATTACH_LONG_FILENAME, Integer.MAX_VALUE, 4}, {Tnef.PT_UNICODE, 0x8001, 1, 4}}) {
            ByteBuffer mapi = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
            mapi.putInt(1).putShort((short) props[0]).putShort((short) props[1]);
            if (props[1] >= 0x8000) {
                mapi.put(new byte[16]).putInt(1).putInt(Integer.MAX_VALUE); // a string-named property whose name is 2 GB long
            } else {
                mapi.putInt(props[2]).putInt(props[3]);
            }
            assertThat(Tnef.longName(mapi.array())).isNull();
            out.reset();
            int32(Tnef.SIGNATURE);
            out.writeBytes(new byte[] {0x01, 0x00});
            attribute(2, Tnef.ATT_ATTACH_REND_DATA, new byte[14]);
            attribute(2, Tnef.ATT_ATTACH_TITLE, "SHORT.TXT\0".getBytes(StandardCharsets.US_ASCII));
            attribute(2, Tnef.ATT_ATTACH_DATA, "data".getBytes(StandardCharsets.US_ASCII));
            attribute(2, Tnef.ATT_ATTACHMENT, mapi.array());
            assertThat(Tnef.files(out.toByteArray())).extracting(Tnef.File::name).containsExactly("SHORT.TXT");
        }
    }
}
