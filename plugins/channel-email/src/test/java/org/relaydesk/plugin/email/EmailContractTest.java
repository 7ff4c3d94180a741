package org.relaydesk.plugin.email;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.relaydesk.api.channel.ChannelAccount;
import org.relaydesk.api.channel.ChannelConnectorFactory;
import org.relaydesk.testkit.ChannelContract;

/** The host's contract for channel plugins, run against a real IMAP and SMTP server. */
class EmailContractTest extends ChannelContract {
    private TestMailServer server;

    @BeforeEach
    void start() throws Exception {
        server = new TestMailServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Override
    protected ChannelConnectorFactory factory() {
        return new EmailChannel();
    }

    @Override
    protected ChannelAccount account() {
        return server.account(Map.of());
    }

    @Override
    protected void arrive(String externalId, String from, String subject, String text) throws Exception {
        server.append(TestMailServer.message(externalId, from, subject, text));
    }
}
