package org.relaydesk.web.portal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The portal's routes: which exist, which need a signed-in customer, and that nothing else does. */
class PortalPagesTest {
    @Test
    void seedRoutesAndTheirDoors() {
        assertThat(PortalPages.of("/portal/dashboard")).hasValueSatisfying(p -> assertThat(p.signedIn()).isTrue());
        assertThat(PortalPages.of("/portal/tickets")).hasValueSatisfying(p -> assertThat(p.name()).isEqualTo("tickets"));
        assertThat(PortalPages.of("/portal/tickets/new")).hasValueSatisfying(p -> assertThat(p.name()).isEqualTo("new-ticket"));
        assertThat(PortalPages.of("/portal/tickets/1042")).hasValueSatisfying(p -> {
            assertThat(p.ticketNumber()).isEqualTo(1042L);
            assertThat(p.signedIn()).isTrue();
        });
        assertThat(PortalPages.of("/portal/profile")).hasValueSatisfying(p -> assertThat(p.signedIn()).isTrue());
        assertThat(PortalPages.of("/portal/profile/whatsapp")).hasValueSatisfying(p -> {
            assertThat(p.name()).isEqualTo("whatsapp");
            assertThat(p.signedIn()).isTrue();
        });
        for (String open : new String[] {"/register", "/portal/login", "/portal/verify", "/portal/sign-in", "/portal/forgot-password",
                "/portal/reset-password"}) {
            assertThat(PortalPages.of(open)).as(open).hasValueSatisfying(p -> assertThat(p.signedIn()).isFalse());
        }
    }

    @Test
    void everythingElseIsNotAPage() {
        for (String path : new String[] {"/portal/tickets/0", "/portal/tickets/01", "/portal/tickets/-1", "/portal/tickets/1x",
                "/portal/tickets/1/", "/portal/tickets/1234567890123456789", "/portal/admin", "/portal/tickets/new/1", "/PORTAL/dashboard",
                "/portal/dashboard/", "/portal/profile/whatsapp/", "/portal/profile/other", ""}) {
            assertThat(PortalPages.of(path)).as(path).isEmpty();
        }
    }

    @Test
    void theFrameEscapesTheWorkspacesName() {
        String html = PortalFrame.escape("<script>alert('x')</script> & \"co\"");
        assertThat(html).isEqualTo("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;co&quot;");
    }
}
