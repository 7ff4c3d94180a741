package org.relaydesk.core.portal;

import org.relaydesk.core.job.OwnTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.util.UUID;
import org.relaydesk.core.channel.NoticeMailer;
import org.relaydesk.core.outbox.OutboxDeliverer;
import org.relaydesk.core.outbox.OutboxEntry;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.workspace.Workspace;

/**
 * The portal account emails: confirm your address, your sign-in link, choose a new password, and
 * "you already have an account". Links are minted as the email is sent, so none waits in the
 * outbox, and committed before it leaves; the token travels after '#', so it reaches no server log or Referer.
 */
@ApplicationScoped
public class CustomerAccountEmail implements OutboxDeliverer {
    /** Commits the tokens of the links in a message before it leaves (see OutboxDeliverer). */
    @Inject
    OwnTransaction own;

    @Inject
    Tenancy tenancy;

    @Inject
    NoticeMailer mailer;

    @Inject
    CustomerAccounts accounts;

    @Override
    public String kind() {
        return CustomerAccounts.EMAIL_KIND;
    }

    @Override
    public void deliver(OutboxEntry entry) throws DeliveryFailed {
        JsonObject payload = entry.payloadObject();
        CustomerAccount account = tenancy.em().find(CustomerAccount.class, UUID.fromString(payload.getString("account_id")));
        if (account == null) {
            throw new DeliveryFailed("the account was deleted", true);
        }
        Workspace workspace = tenancy.global().find(Workspace.class, tenancy.workspaceId());
        String portal = NoticeMailer.baseUrl() + "/portal";
        String to = payload.getString("to", account.email());
        String hello = "Hello " + account.name() + ",\n\n";
        String notYou = "\nIf it was not you, ignore this email: nothing changes.\n";
        switch (payload.getString("purpose")) {
            case "verify" -> mailer.send(to, account.name(), "Confirm your email address for " + workspace.name(), hello
                    + "please confirm your address to finish creating your account at " + workspace.name() + "'s help centre"
                    + " (the link works once, for 24 hours):\n\n" + portal + "/verify#token="
                    + link(account, CustomerLink.Purpose.VERIFY) + "\n" + notYou);
            case "sign_in" -> mailer.send(to, account.name(), "Your sign-in link for " + workspace.name(), hello
                    + "here is your link to sign in to " + workspace.name() + "'s help centre (it works once, for 15 minutes):\n\n"
                    + portal + "/sign-in#token=" + link(account, CustomerLink.Purpose.SIGN_IN) + "\n" + notYou);
            case "reset" -> mailer.send(to, account.name(), "Choose a new password for " + workspace.name(), hello
                    + "someone, hopefully you, asked to reset your password for " + workspace.name() + "'s help centre. Choose a new one"
                    + " here (the link works once, for 60 minutes):\n\n" + portal + "/reset-password#token="
                    + link(account, CustomerLink.Purpose.RESET) + "\n" + notYou);
            case "already_registered" -> mailer.send(to, account.name(), "You already have an account at " + workspace.name(), hello
                    + "someone, hopefully you, tried to register this address at " + workspace.name() + "'s help centre, where you"
                    + " already have an account. Sign in, or ask for a sign-in link or a new password, here:\n\n" + portal
                    + "/login?workspace=" + workspace.slug() + "\n" + notYou);
            default -> throw new DeliveryFailed("unknown purpose " + payload.getString("purpose"), true);
        }
    }

    /** A new link's token, committed before the email leaves so that it opens as soon as it arrives. */
    private String link(CustomerAccount account, CustomerLink.Purpose purpose) {
        return own.call(() -> accounts.mintLink(account.id(), purpose));
    }
}
