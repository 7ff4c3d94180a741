package org.relaydesk.plugin.whatsapp;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.relaydesk.api.channel.ChannelAccount;
import org.relaydesk.api.channel.ChannelException;

/**
 * One number's settings, read and checked once. The Graph API base and version can point elsewhere
 * (a proxy, a test double); the ids are Meta's numeric ids.
 */
record WhatsAppSettings(String phoneNumberId, String businessAccountId, String accessToken, String appSecret, String verifyToken,
        String graphBaseUrl, String graphVersion, String displayPhoneNumber) {
    static final String PHONE_NUMBER_ID = "phone_number_id";
    static final String BUSINESS_ACCOUNT_ID = "business_account_id";
    static final String ACCESS_TOKEN = "access_token";
    static final String APP_SECRET = "app_secret";
    static final String VERIFY_TOKEN = "verify_token";
    static final String GRAPH_BASE_URL = "graph_base_url";
    static final String GRAPH_VERSION = "graph_version";
    static final String DISPLAY_PHONE_NUMBER = "display_phone_number";
    static final String DEFAULT_GRAPH = "https://graph.facebook.com";
    static final String DEFAULT_VERSION = "v23.0";

    static WhatsAppSettings of(ChannelAccount account) throws ChannelException {
        List<String> problems = new ArrayList<>();
        String phone = numericId(account, PHONE_NUMBER_ID, "Phone number ID", problems);
        String business = numericId(account, BUSINESS_ACCOUNT_ID, "WhatsApp Business Account ID", problems);
        String token = required(account, ACCESS_TOKEN, "Access token", problems);
        String secret = required(account, APP_SECRET, "App secret", problems);
        String verify = required(account, VERIFY_TOKEN, "Verify token", problems);
        String graph = account.get(GRAPH_BASE_URL, DEFAULT_GRAPH).replaceAll("/+$", "");
        String graphProblem = graphBaseProblem(graph);
        if (graphProblem != null) {
            problems.add("Graph API address " + graphProblem);
        }
        String version = account.get(GRAPH_VERSION, DEFAULT_VERSION);
        if (!version.matches("v\\d{1,3}\\.\\d{1,3}")) {
            problems.add("Graph API version must look like v23.0 (found: " + shorten(version) + ")");
        }
        if (token != null && !token.matches("[\\x21-\\x7e]+")) {
            problems.add("Access token must be one word of printable characters (as Meta shows it)");
        }
        if (!problems.isEmpty()) {
            throw new ChannelException(String.join("; ", problems));
        }
        return new WhatsAppSettings(phone, business, token, secret, verify, graph, version, account.get(DISPLAY_PHONE_NUMBER));
    }

    /** Why the address cannot be the Graph API's base, or null when it can: http(s), a host, no query, no credentials. */
    static String graphBaseProblem(String value) {
        try {
            URI uri = URI.create(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
                return "must be an http or https address, e.g. " + DEFAULT_GRAPH;
            }
            if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                return "must be a plain address (no query, fragment or user name)";
            }
            return null;
        } catch (IllegalArgumentException e) {
            return "is not an address";
        }
    }

    /** {base}/{version}/{path}. */
    String graph(String path) {
        return graphBaseUrl + "/" + graphVersion + "/" + path;
    }

    /** Whether {@code url} is on the Graph API's own scheme, host and port (where a paging link may lead). */
    boolean onGraphHost(String url) {
        try {
            URI base = URI.create(graphBaseUrl);
            URI other = URI.create(url);
            return base.getScheme().equalsIgnoreCase(String.valueOf(other.getScheme())) && base.getHost().equalsIgnoreCase(String.valueOf(other.getHost()))
                    && port(base) == port(other) && other.getRawUserInfo() == null;
        } catch (IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static String numericId(ChannelAccount account, String key, String label, List<String> problems) {
        String value = required(account, key, label, problems);
        if (value != null && !value.matches("\\d{1,30}")) {
            problems.add(label + " must be Meta's numeric id (found: " + shorten(value) + ")");
            return null;
        }
        return value;
    }

    private static String required(ChannelAccount account, String key, String label, List<String> problems) {
        String value = account.get(key);
        if (value == null) {
            problems.add(label + " is required");
        }
        return value;
    }

    private static String shorten(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }

    @Override
    public String toString() {
        // never the secrets, wherever a record is printed
        return "WhatsAppSettings[phoneNumberId=" + phoneNumberId + ", businessAccountId=" + businessAccountId + ", graph=" + graphBaseUrl + "/"
                + graphVersion + "]";
    }
}
