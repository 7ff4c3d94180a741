package org.relaydesk.core.notice;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * "@alex" or "@alex@example.com" in a note's text: a colleague by the part of their email address
 * before the "@" when only one colleague has it, else by their whole address. What the reply box's
 * autocomplete inserts ({@link #handle}) is what is found here.
 */
public final class Mentions {
    /** A colleague who may be mentioned: someone of the note's workspace. */
    public record Staff(UUID id, String email, String name) {
        String local() {
            int at = email.indexOf('@');
            return (at < 0 ? email : email.substring(0, at)).toLowerCase(Locale.ROOT);
        }
    }

    private static final Pattern MENTION = Pattern.compile("(?<![\\w@.+-])@([A-Za-z0-9._%+-]+(?:@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+)?)");

    private Mentions() {
    }

    /** The colleagues {@code text} mentions, in order, each once. */
    public static Set<UUID> in(String text, List<Staff> staff) {
        Set<UUID> found = new LinkedHashSet<>();
        if (text == null) {
            return found;
        }
        Matcher matcher = MENTION.matcher(text);
        while (matcher.find()) {
            String token = matcher.group(1).replaceAll("[.]+$", "").toLowerCase(Locale.ROOT);
            if (token.contains("@")) {
                staff.stream().filter(s -> s.email().equalsIgnoreCase(token)).findFirst().ifPresent(s -> found.add(s.id()));
            } else {
                List<Staff> named = staff.stream().filter(s -> s.local().equals(token)).toList();
                if (named.size() == 1) {
                    found.add(named.get(0).id());
                }
            }
        }
        return found;
    }

    /** What to write to mention {@code one}: "@" and the part of their address before the "@", or the whole address when another colleague shares that part. */
    public static String handle(Staff one, List<Staff> staff) {
        long same = staff.stream().filter(s -> s.local().equals(one.local())).count();
        return "@" + (same > 1 ? one.email().toLowerCase(Locale.ROOT) : one.local());
    }
}
