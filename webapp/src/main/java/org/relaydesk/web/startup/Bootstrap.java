package org.relaydesk.web.startup;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Base64;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.relaydesk.core.demo.DemoData;
import org.relaydesk.core.user.Secrets;
import org.relaydesk.core.user.UserService;
import org.relaydesk.core.workspace.WorkspaceService;

/**
 * On an installation without any workspace, creates the first workspace and its admin, who is also
 * the system administrator. The credentials come from relaydesk.admin.email / .password
 * (RELAYDESK_ADMIN_EMAIL / RELAYDESK_ADMIN_PASSWORD); without a password a random one is printed once.
 */
@ApplicationScoped
public class Bootstrap {
    private static final Logger LOG = Logger.getLogger(Bootstrap.class.getName());

    @Inject
    WorkspaceService workspaces;

    @Inject
    DemoData demo;

    @Inject
    @ConfigProperty(name = "relaydesk.admin.email", defaultValue = "admin@example.com")
    String adminEmail;

    @Inject
    @ConfigProperty(name = "relaydesk.admin.password")
    java.util.Optional<String> adminPassword;

    @Inject
    @ConfigProperty(name = "relaydesk.demo", defaultValue = "false")
    boolean demoData;

    @Inject
    @ConfigProperty(name = "relaydesk.base-url")
    java.util.Optional<String> baseUrl;

    @Inject
    org.relaydesk.core.access.Caller caller;

    @ActivateRequestContext
    @Transactional
    public void ensureAdmin() {
        caller.actAsSystem();
        if (!workspaces.isEmpty()) {
            return;
        }
        boolean generated = adminPassword.filter(p -> !p.isBlank()).isEmpty();
        String password = generated ? Base64.getUrlEncoder().withoutPadding().encodeToString(Secrets.randomBytes(12)) : adminPassword.get();
        WorkspaceService.Created created = workspaces.create(demoData ? "Acme Support" : "Support", demoData ? "acme" : "default",
                new UserService.NewUser(adminEmail, "Administrator", "admin", password));
        created.admin().grantSystemAdmin();
        if (demoData) {
            demo.seed(created.workspace(), created.admin());
        }
        String banner = "\n================================================================\n"
                + " Relaydesk is ready" + baseUrl.map(url -> " at " + url).orElse("") + "\n"
                + " Admin login: " + adminEmail + "\n"
                + " Password:    " + (generated ? password + "   (generated; change it after signing in)" : "(as configured)") + "\n"
                + (demoData ? " Demo agents: alice@, bob@ (agents), carol@ (supervisor) with password " + DemoData.DEMO_PASSWORD + "\n" : "")
                + "================================================================";
        LOG.info(banner);
    }
}
