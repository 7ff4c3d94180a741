package org.relaydesk.api;

/**
 * The version of this contract. Plugins state the range they need; the host refuses a plugin whose
 * range does not include this version. Follows semantic versioning: a minor step only adds.
 */
public final class PluginApi {
    public static final String VERSION = "1.4.0";

    private PluginApi() {
    }
}
