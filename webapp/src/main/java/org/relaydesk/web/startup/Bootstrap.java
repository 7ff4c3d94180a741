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
 * (RELAYDESK_ADMIN_EMAIL / RELAYDESK_ADMIN_PASSWORD), which the launcher hands over in a file read
 * once (see {@link FirstAdminCredentials}); without a password a random one is printed once.
 */
@ApplicationScoped
public class Bootstrap {
    private static final Logger LOG = Logger.getLogger(Bootstrap.class.getName());

    @Inject
    WorkspaceService workspaces;

    @Inject
    DemoData demo;

    /** The launcher's hand-over file of the first admin's credentials (deleted once read). */
    @Inject
    @ConfigProperty(name = "relaydesk.admin.credentials-file")
    java.util.Optional<String> credentialsFile;

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
        // taken (and the file deleted) on every start, before plugins start, whether it is needed or not
        FirstAdminCredentials given = FirstAdminCredentials.take(credentialsFile.filter(f -> !f.isBlank()).map(java.nio.file.Path::of),
                key -> org.eclipse.microprofile.config.ConfigProvider.getConfig().getOptionalValue(key, String.class));
        if (!workspaces.isEmpty()) {
            return;
        }
        String adminEmail = given.email().orElse("admin@example.com");
        boolean generated = given.password().isEmpty();
        String password = generated ? Base64.getUrlEncoder().withoutPadding().encodeToString(Secrets.randomBytes(12)) : given.password().get();
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
