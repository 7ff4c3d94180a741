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
    void namesLoseTheirPathsAndControlCharacters() {
        assertThat(AttachmentService.cleanName("C:\\Users\\jane\\Desktop\\report.pdf")).isEqualTo("report.pdf");
        assertThat(AttachmentService.cleanName("../../etc/passwd")).isEqualTo("passwd");
        assertThat(AttachmentService.cleanName("evil\"\r\nname.txt")).isEqualTo("evilname.txt");
        assertThat(AttachmentService.cleanName("   ")).isEqualTo("file");
        assertThat(AttachmentService.cleanName("a".repeat(300) + ".xlsx")).hasSize(200).endsWith(".xlsx");
    }
}
