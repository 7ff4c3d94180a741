package org.relaydesk.core.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A file's name as it stands in a contact's export: never a way out of its folder, nor a name that lies about its type. */
class ArchiveFileNameTest {
    @Test
    void foldersAndLeadingDotsGo() {
        assertThat(ContactDataExport.safeName("../../etc/passwd")).isEqualTo("passwd");
        assertThat(ContactDataExport.safeName("..\\..\\windows\\win.ini")).isEqualTo("win.ini");
        assertThat(ContactDataExport.safeName(".hidden")).isEqualTo("hidden");
        assertThat(ContactDataExport.safeName("...")).isEqualTo("file");
        assertThat(ContactDataExport.safeName(null)).isEqualTo("file");
        assertThat(ContactDataExport.safeName("report. ")).isEqualTo("report");
    }

    @Test
    void controlAndDirectionCharactersAreReplaced() {
        assertThat(ContactDataExport.safeName("invoice\u202Etxt.exe")).isEqualTo("invoice_txt.exe");
        assertThat(ContactDataExport.safeName("a\u0000b\nc:d*e?.pdf")).isEqualTo("a_b_c_d_e_.pdf");
    }

    @Test
    void longNamesKeepTheirEndAndWholeCharacters() {
        String name = "\uD83D\uDE00".repeat(200) + ".pdf";
        String safe = ContactDataExport.safeName(name);
        assertThat(safe).endsWith(".pdf");
        assertThat(safe.codePointCount(0, safe.length())).isEqualTo(150);
        assertThat(Character.isLowSurrogate(safe.charAt(0))).as("no half of a character at the start").isFalse();
    }
}
