package org.relaydesk.core.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What an upload is taken for, whatever its name claims. */
class AttachmentRulesTest {
    @Test
    void theTypeComesFromTheBytes() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        assertThat(AttachmentService.detect("screenshot.png", png)).isEqualTo("image/png");
        assertThat(AttachmentService.detect("invoice.pdf", "%PDF-1.7\n%âãÏÓ\n".getBytes(StandardCharsets.ISO_8859_1))).isEqualTo("application/pdf");
        assertThat(AttachmentService.detect("notes.txt", "plain words".getBytes(StandardCharsets.UTF_8))).isEqualTo("text/plain");
        byte[] program = {'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, 0, 0};
        String disguised = AttachmentService.detect("holiday-photo.jpg", program);
        assertThat(disguised).as("a Windows program named .jpg").isNotEqualTo("image/jpeg");
        assertThat(AttachmentService.ALLOWED).doesNotContain(disguised);
        String page = AttachmentService.detect("readme.txt", "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8));
        assertThat(AttachmentService.ALLOWED).as("HTML with script, named .txt: " + page).doesNotContain(page);
    }

    @Test
    void whatPhonesRecordIsTaken() {
        byte[] voiceNote = new byte[64];
        System.arraycopy("OggS".getBytes(StandardCharsets.ISO_8859_1), 0, voiceNote, 0, 4);
        voiceNote[5] = 2;
        voiceNote[26] = 1; // one segment: the 19-byte OpusHead packet
        voiceNote[27] = 19;
        System.arraycopy("OpusHead".getBytes(StandardCharsets.ISO_8859_1), 0, voiceNote, 28, 8);
        byte[] aac = {(byte) 0xFF, (byte) 0xF1, 0x50, (byte) 0x80, 0x02, 0x1F, (byte) 0xFC, 0, 0, 0};
        byte[] amr = "#!AMR\n....".getBytes(StandardCharsets.ISO_8859_1);
        byte[] m4a = mp4Box("M4A ");
        byte[] threeGp = mp4Box("3gp4");
        for (var file : java.util.Map.of("whatsapp-voice-message-1.ogg", voiceNote, "whatsapp-audio-2.aac", aac, "whatsapp-audio-3.amr", amr,
                "whatsapp-audio-4.m4a", m4a, "whatsapp-video-5.3gp", threeGp).entrySet()) {
            assertThat(AttachmentService.check(file.getKey(), file.getValue()).type()).as(file.getKey()).isIn(AttachmentService.ALLOWED);
        }
        assertThat(AttachmentService.detect("whatsapp-voice-message-1.ogg", voiceNote)).startsWith("audio/");
    }

    private static byte[] mp4Box(String brand) {
        byte[] box = new byte[32];
        box[3] = 0x18;
        System.arraycopy(("ftyp" + brand).getBytes(StandardCharsets.ISO_8859_1), 0, box, 4, 8);
        System.arraycopy(("isom" + brand).getBytes(StandardCharsets.ISO_8859_1), 0, box, 16, 8);
        return box;
    }

    @Test
    void namesLoseTheirPathsAndControlCharacters() {
        assertThat(AttachmentService.cleanName("C:\\Users\\jane\\Desktop\\report.pdf")).isEqualTo("report.pdf");
        assertThat(AttachmentService.cleanName("../../etc/passwd")).isEqualTo("passwd");
        assertThat(AttachmentService.cleanName("evil\"\r\nname.txt")).isEqualTo("evilname.txt");
        assertThat(AttachmentService.cleanName("   ")).isEqualTo("file");
        assertThat(AttachmentService.cleanName("a".repeat(300) + ".xlsx")).hasSize(200).endsWith(".xlsx");
    }
}
