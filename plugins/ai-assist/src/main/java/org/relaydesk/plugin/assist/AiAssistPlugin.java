package org.relaydesk.plugin.assist;

import java.util.List;
import org.relaydesk.api.host.HostServices;
import org.relaydesk.api.host.PluginLifecycle;
import org.relaydesk.api.plugin.ConfigField;

/** Starts and stops the assistant; declares its settings. */
public final class AiAssistPlugin implements PluginLifecycle {
    @Override
    public List<ConfigField> settings() {
        return Settings.FIELDS;
    }

    @Override
    public void start(HostServices host) {
        Assistant.start(host);
    }

    @Override
    public void stop() {
        Assistant.stop();
    }
}
