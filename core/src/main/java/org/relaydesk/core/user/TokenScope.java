package org.relaydesk.core.user;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a personal API token may do: read (GET), write (every other method), admin (the actions of
 * the admin role; without it the token acts as at most a supervisor). Session tokens have them all.
 */
public enum TokenScope {
    READ, WRITE, ADMIN;

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<TokenScope> fromApiName(String value) {
        return Arrays.stream(values()).filter(s -> s.apiName().equals(value)).findFirst();
    }

    static String format(Set<TokenScope> scopes) {
        return scopes.stream().sorted().map(TokenScope::apiName).collect(Collectors.joining(","));
    }

    static Set<TokenScope> parse(String stored) {
        Set<TokenScope> scopes = EnumSet.noneOf(TokenScope.class);
        for (String part : stored == null ? new String[0] : stored.split(",")) {
            fromApiName(part.trim()).ifPresent(scopes::add);
        }
        return scopes;
    }
}
