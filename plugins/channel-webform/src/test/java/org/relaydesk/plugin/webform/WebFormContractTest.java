package org.relaydesk.plugin.webform;

import java.util.Map;
import java.util.UUID;
import org.relaydesk.api.channel.ChannelAccount;
import org.relaydesk.api.channel.ChannelConnectorFactory;
import org.relaydesk.testkit.ChannelContract;

/** The host's contract for channel plugins. */
class WebFormContractTest extends ChannelContract {
    @Override
    protected ChannelConnectorFactory factory() {
        return new WebFormChannel();
    }

    @Override
    protected ChannelAccount account() {
        return new ChannelAccount(UUID.randomUUID(), "webform", "Shop", Map.of("allowed.origins", "https://shop.example.com"));
    }

    @Override
    protected void arrive(String externalId, String from, String subject, String text) {
        throw new AssertionError("a web form is not polled, so the contract never asks for this");
    }
}
