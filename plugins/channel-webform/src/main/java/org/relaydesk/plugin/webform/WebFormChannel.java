package org.relaydesk.plugin.webform;

import java.util.List;
import java.util.Set;
import org.relaydesk.api.channel.Capability;
import org.relaydesk.api.channel.ChannelAccount;
import org.relaydesk.api.channel.ChannelConnector;
import org.relaydesk.api.channel.ChannelConnectorFactory;
import org.relaydesk.api.channel.ChannelException;
import org.relaydesk.api.channel.InboundMessage;
import org.relaydesk.api.channel.RawMessage;
import org.relaydesk.api.plugin.ConfigField;
import org.relaydesk.api.plugin.ConfigField.Type;

/** The "webform" channel kind: each account is a contact form for one site, embedded with one script tag or used as a hosted page. */
public final class WebFormChannel implements ChannelConnectorFactory {
    @Override
    public String kind() {
        return "webform";
    }

    @Override
    public String name() {
        return "Web form";
    }

    @Override
    public String icon() {
        return "pi-file-edit";
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.INBOUND_HTTP, Capability.ATTACHMENTS);
    }

    @Override
    public List<ConfigField> configFields() {
        return List.of(
                ConfigField.optional("form.title", "Title", Type.TEXT, "Contact support"),
                ConfigField.optional("form.intro", "Introduction", Type.TEXT, "Tell us what happened and we will get back to you by email."),
                ConfigField.optional("allowed.origins", "Sites that may embed it", Type.TEXT, null)
                        .withHelp("Origins, comma separated, e.g. https://www.example.com; the hosted page always works"),
                ConfigField.optional("min.seconds", "Fastest human (seconds)", Type.NUMBER, "3")
                        .withHelp("A form sent sooner after it was shown is taken for a robot's"),
                ConfigField.optional("per_hour", "Requests per address and hour", Type.NUMBER, "5")
                        .withHelp("For each email address and each network address"),
                ConfigField.optional("pow.bits", "Proof of work (bits)", Type.NUMBER, "0")
                        .withHelp("0 is off; 16 makes each browser spend a fraction of a second, which costs spammers dearly"),
                ConfigField.optional("files.max_mb", "Largest file (MB)", Type.NUMBER, "10"),
                ConfigField.optional("confirm.email", "Confirm by email", Type.BOOLEAN, "true")
                        .withHelp("The customer gets an email with the ticket number and the link to follow it"));
    }

    @Override
    public String publicInstructions(String publicUrl) {
        return "Put this where the form should appear on your site (and add the site to \"Sites that may embed it\"):\n"
                + "<script src=\"" + publicUrl + "webform.js\" async></script>\n"
                + "Or link to the hosted form: " + publicUrl + "form";
    }

    @Override
    public ChannelConnector create(ChannelAccount account) throws ChannelException {
        return new WebFormConnector(WebFormSettings.of(account));
    }

    @Override
    public InboundMessage parse(RawMessage raw) throws ChannelException {
        return Submission.read(raw);
    }
}
