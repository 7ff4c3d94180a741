package org.relaydesk.web.panel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.relaydesk.core.user.AuthenticatedUser;
import org.relaydesk.core.user.Role;

class PanelAccessTest {
    private final UUID workspace = UUID.randomUUID();
    private final AuthenticatedUser agent = new AuthenticatedUser(UUID.randomUUID(), workspace, "a@x.test", "A", Role.AGENT, false);
    private final AuthenticatedUser supervisor = new AuthenticatedUser(UUID.randomUUID(), workspace, "s@x.test", "S", Role.SUPERVISOR, false);
    private final AuthenticatedUser admin = new AuthenticatedUser(UUID.randomUUID(), workspace, "ad@x.test", "Ad", Role.ADMIN, false);

    @Test
    void eachAreaIsJudgedByTheServedPath() {
        for (String path : new String[] {"/admin/users", "/admin/users.xhtml", "/admin", "/admin/", "/admin.xhtml", "/admin/workflows/new"}) {
            assertThat(PanelAccessFilter.mayEnter(path, agent)).as(path).isFalse();
            assertThat(PanelAccessFilter.mayEnter(path, supervisor)).as(path).isFalse();
            assertThat(PanelAccessFilter.mayEnter(path, admin)).as(path).isTrue();
        }
        for (String path : new String[] {"/supervisor/dashboard", "/supervisor/agents.xhtml", "/supervisor"}) {
            assertThat(PanelAccessFilter.mayEnter(path, agent)).as(path).isFalse();
            assertThat(PanelAccessFilter.mayEnter(path, supervisor)).as(path).isTrue();
            assertThat(PanelAccessFilter.mayEnter(path, admin)).as(path).isTrue();
        }
        for (String path : new String[] {"/admin/kb", "/admin/kb/", "/admin/kb.xhtml", "/admin/kb/article", "/admin/kb/article.xhtml"}) {
            assertThat(PanelAccessFilter.mayEnter(path, agent)).as("the knowledge base editor: " + path).isFalse();
            assertThat(PanelAccessFilter.mayEnter(path, supervisor)).as("the knowledge base editor: " + path).isTrue();
            assertThat(PanelAccessFilter.mayEnter(path, admin)).as("the knowledge base editor: " + path).isTrue();
        }
        assertThat(PanelAccessFilter.mayEnter("/admin/kbx", supervisor)).as("only the editor's own pages").isFalse();
        assertThat(PanelAccessFilter.mayEnter("/admin/kbx/users", supervisor)).isFalse();
        assertThat(PanelAccessFilter.mayEnter("/agent/tickets", agent)).isTrue();
        assertThat(PanelAccessFilter.mayEnter("/administrator", admin)).as("not an area of ours").isFalse();
        assertThat(PanelAccessFilter.mayEnter("/elsewhere", admin)).isFalse();
    }
}
