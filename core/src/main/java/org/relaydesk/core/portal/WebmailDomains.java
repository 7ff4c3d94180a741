package org.relaydesk.core.portal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** Public webmail domains (shipped in webmail-domains.txt): never an organisation's domain. */
public final class WebmailDomains {
    private static final Set<String> DOMAINS = load();

    private WebmailDomains() {
    }

    public static boolean isWebmail(String domain) {
        return domain == null || DOMAINS.contains(domain.toLowerCase(Locale.ROOT));
    }

    private static Set<String> load() {
        try (InputStream in = WebmailDomains.class.getResourceAsStream("webmail-domains.txt");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .map(l -> l.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
