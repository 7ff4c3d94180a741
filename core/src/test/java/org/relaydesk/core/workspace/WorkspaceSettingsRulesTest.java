package org.relaydesk.core.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The rules behind the admin's settings page that need no database. */
class WorkspaceSettingsRulesTest {
    @Test
    void aTicketPrefixMayNotEndInADigit() {
        assertThat(WorkspaceService.PREFIX.matcher("#").matches()).isTrue();
        assertThat(WorkspaceService.PREFIX.matcher("#TKT-").matches()).isTrue();
        assertThat(WorkspaceService.PREFIX.matcher("").matches()).as("no prefix at all").isTrue();
        assertThat(WorkspaceService.PREFIX.matcher("T2").matches()).as("T2 + 1001 would read T21001").isFalse();
        assertThat(WorkspaceService.PREFIX.matcher("<b>").matches()).isFalse();
        assertThat(WorkspaceService.PREFIX.matcher("ABCDEFGHIJKLMNOPQ").matches()).as("17 characters").isFalse();
    }

    @Test
    void logosAreRecognisedByTheirBytesAndSvgIsNotAnImageHere() {
        assertThat(WorkspaceService.imageType(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0})).contains("image/png");
        assertThat(WorkspaceService.imageType(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0})).contains("image/jpeg");
        assertThat(WorkspaceService.imageType("GIF89a-image".getBytes())).contains("image/gif");
        assertThat(WorkspaceService.imageType("RIFF1234WEBPVP8 ".getBytes())).contains("image/webp");
        assertThat(WorkspaceService.imageType("<svg onload=alert(1)></svg>".getBytes())).isEmpty();
        assertThat(WorkspaceService.imageType("logo.png but really text".getBytes())).isEmpty();
    }
}
