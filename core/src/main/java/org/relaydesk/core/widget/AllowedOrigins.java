package org.relaydesk.core.widget;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.relaydesk.core.error.InvalidInputException;

/**
 * The sites (origins) allowed to show a widget, as an admin writes them, one a line:
 * {@code https://shop.example.com}, {@code shop.example.com} (https), {@code *.example.com} (any
 * subdomain over https, not the domain itself), {@code http://localhost:8080}. An origin matches only
 * by scheme, host and port exactly as the browser sends it in its {@code Origin} header, after the
 * same normalisation on both sides (lower case, international names as punycode, no trailing dot,
 * default ports left out), so {@code https://example.com.evil.test}, {@code https://evilexample.com}
 * or {@code http://example.com} never pass for {@code example.com}.
 */
public final class AllowedOrigins {
    static final int MAX_ENTRIES = 50;
    // underscores too: browsers send them, and some real hosts have them
    private static final Pattern LABEL = Pattern.compile("[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?");

    /** One allowed site: exact host, or any subdomain of {@code host} when {@code wildcard}. */
    record Entry(String scheme, String host, int port, boolean wildcard) {
        boolean matches(Origin origin) {
            if (!scheme.equals(origin.scheme()) || port != origin.port()) {
                return false;
            }
            return wildcard ? origin.host().endsWith("." + host) : origin.host().equals(host);
        }

        String text() {
            String shown = scheme + "://" + (wildcard ? "*." : "") + host;
            return port == defaultPort(scheme) ? shown : shown + ":" + port;
        }
    }

    /** A browser's {@code Origin}: scheme, host, port. */
    public record Origin(String scheme, String host, int port) {
        @Override
        public String toString() {
            String shown = scheme + "://" + host;
            return port == defaultPort(scheme) ? shown : shown + ":" + port;
        }
    }

    private final List<Entry> entries;

    private AllowedOrigins(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** Parses what an admin wrote; every line that is not a site is named in the refusal. */
    public static AllowedOrigins parse(String text) {
        List<Entry> entries = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        for (String raw : (text == null ? "" : text).split("[\\r\\n,]+")) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            entry(line).ifPresentOrElse(entries::add, () -> bad.add(line));
        }
        if (!bad.isEmpty()) {
            throw new InvalidInputException("allowed_origins", "not a site (write e.g. https://shop.example.com or *.example.com): "
                    + String.join(", ", bad.stream().map(b -> b.length() > 80 ? b.substring(0, 80) + "…" : b).toList()));
        }
        if (entries.isEmpty()) {
            throw new InvalidInputException("allowed_origins", "name at least one site that may show the widget");
        }
        if (entries.size() > MAX_ENTRIES) {
            throw new InvalidInputException("allowed_origins", "at most " + MAX_ENTRIES + " sites");
        }
        return new AllowedOrigins(entries);
    }

    /** Whether a browser's {@code Origin} header names an allowed site (a missing or malformed one never does). */
    public boolean allows(String originHeader) {
        return origin(originHeader).map(o -> entries.stream().anyMatch(e -> e.matches(o))).orElse(false);
    }

    /** The list as stored and shown: one normalised site a line, duplicates gone. */
    public String text() {
        return String.join("\n", entries.stream().map(Entry::text).distinct().toList());
    }

    /** A browser's {@code Origin} header read strictly: scheme://host[:port], nothing else. */
    public static Optional<Origin> origin(String header) {
        if (header == null || header.isBlank() || header.length() > 300 || header.equals("null")) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(header.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http") || uri.getRawUserInfo() != null || uri.getRawQuery() != null
                    || uri.getRawFragment() != null || uri.getRawPath() != null && !uri.getRawPath().isEmpty()) {
                return Optional.empty();
            }
            String host = uri.getHost();
            int port = uri.getPort();
            if (host == null && uri.getRawAuthority() != null) {
                // java.net.URI reads a host with an underscore as no host at all: take it from the authority
                String authority = uri.getRawAuthority();
                int colon = authority.lastIndexOf(':');
                host = colon < 0 ? authority : authority.substring(0, colon);
                port = colon < 0 ? -1 : Integer.parseInt(authority.substring(colon + 1));
            }
            int effectivePort = port == -1 ? defaultPort(scheme) : port;
            if (effectivePort < 1 || effectivePort > 65535) {
                return Optional.empty();
            }
            return host(host).map(h -> new Origin(scheme, h, effectivePort));
        } catch (URISyntaxException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Entry> entry(String line) {
        String text = line.contains("://") ? line : "https://" + line;
        int schemeEnd = text.indexOf("://");
        String scheme = text.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        String rest = text.substring(schemeEnd + 3);
        if (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1); // "https://shop.example.com/" as copied from the address bar
        }
        boolean wildcard = rest.startsWith("*.");
        if (wildcard) {
            rest = rest.substring(2);
        }
        if (!scheme.equals("https") && !scheme.equals("http") || rest.isEmpty() || rest.contains("*")) {
            return Optional.empty();
        }
        if (!rest.chars().allMatch(c -> c < 128)) {
            try {
                rest = IDN.toASCII(rest); // "bücher.example": browsers send its punycode
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        // "*.example.com", never "*.com" nor a wildcard over addresses ("*.0.0.1" would match 10.0.0.1)
        return origin(scheme + "://" + rest).filter(o -> !wildcard || o.host().contains(".") && !o.host().matches("[0-9.]+|\\[.*"))
                .map(o -> new Entry(o.scheme(), o.host(), o.port(), wildcard));
    }

    /** A host name in the form browsers send it: lower case, punycode, no trailing dot; IPv4 and [IPv6] as they are. */
    private static Optional<String> host(String host) {
        if (host == null || host.isEmpty()) {
            return Optional.empty();
        }
        if (host.startsWith("[")) {
            return Optional.of(host.toLowerCase(Locale.ROOT));
        }
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        try {
            name = IDN.toASCII(name).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (name.isEmpty() || name.length() > 253) {
            return Optional.empty();
        }
        for (String label : name.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return Optional.empty();
            }
        }
        return Optional.of(name);
    }

    static int defaultPort(String scheme) {
        return scheme.equals("http") ? 80 : 443;
    }
}
