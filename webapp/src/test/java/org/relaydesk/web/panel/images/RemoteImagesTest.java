package org.relaydesk.web.panel.images;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RemoteImagesTest {
    private static String proxied(String url) {
        return "/agent/remote-image?url=" + url;
    }

    @Test
    void remoteImagesWaitBehindAPlaceholderAndInlineOnesShow() {
        String html = "<p>Hi<img src=\"https://tracker.example/pixel.gif?u=42\" width=\"1\" height=\"1\" />"
                + "<img src=\"//cdn.example/logo.png\" alt=\"Logo\" /><img src=\"data:image/png;base64,iVBORw0KGgo=\" />"
                + "<img src=\"/agent/attachments/123\" /><img src=\"HTTP://Shout.example/a.png\" /></p>";
        RemoteImages.Blocked blocked = RemoteImages.block(html, RemoteImagesTest::proxied);
        assertThat(blocked.count()).isEqualTo(3);
        assertThat(blocked.html()).doesNotContain("src=\"https://tracker.example").doesNotContain("src=\"//cdn.example")
                .doesNotContain("src=\"HTTP://Shout.example")
                .contains("data-remote-src=\"/agent/remote-image?url=https://tracker.example/pixel.gif?u=42\"")
                .contains("data-remote-src=\"/agent/remote-image?url=https://cdn.example/logo.png\"")
                .contains("src=\"data:image/png;base64,iVBORw0KGgo=\"")
                .contains("src=\"/agent/attachments/123\"")
                .contains("alt=\"Logo\"");
        assertThat(blocked.html().split(java.util.regex.Pattern.quote("src=\"" + RemoteImages.PLACEHOLDER + "\""), -1))
                .as("three placeholders").hasSize(4);
    }

    @Test
    void aMessageWithoutRemoteImagesIsUntouched() {
        String html = "<p>Plain <b>text</b> with <a href=\"https://example.com\">a link</a></p>";
        assertThat(RemoteImages.block(html, RemoteImagesTest::proxied)).isEqualTo(new RemoteImages.Blocked(html, 0));
        assertThat(RemoteImages.block(null, RemoteImagesTest::proxied).count()).isZero();
    }

    /** The proxy's client resolves and connects through the host's address rule (GuardedHttpClients). */
    private static boolean isPublic(String address) {
        try {
            return org.relaydesk.core.net.OutboundAddressPolicy.isPublic(java.net.InetAddress.getByName(address));
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theProxyFetchesOnlyPublicWebAddresses() {
        assertThat(isPublic("127.0.0.1")).isFalse();
        assertThat(isPublic("10.1.2.3")).isFalse();
        assertThat(isPublic("192.168.0.10")).isFalse();
        assertThat(isPublic("169.254.169.254")).as("cloud metadata").isFalse();
        assertThat(isPublic("::1")).isFalse();
        assertThat(isPublic("fd00::1")).isFalse();
        assertThat(isPublic("100.64.0.1")).isFalse();
        assertThat(isPublic("0.0.0.0")).isFalse();
        assertThat(isPublic("93.184.216.34")).isTrue();
        assertThat(RemoteImageProxy.validUrl("file:///etc/passwd")).isNull();
        assertThat(RemoteImageProxy.validUrl("https://user:pw@example.com/a.png")).isNull();
        assertThat(RemoteImageProxy.validUrl("gopher://example.com/")).isNull();
        assertThat(RemoteImageProxy.validUrl("https://example.com/a.png")).isNotNull();
    }
}
