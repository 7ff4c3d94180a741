package org.relaydesk.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code --name value} (or {@code --name=value}) options of one command. Unknown names are
 * rejected so that a typo cannot silently run a benchmark with a default.
 */
final class Options {
    private final Map<String, String> values;

    private Options(Map<String, String> values) {
        this.values = values;
    }

    static Options parse(String[] args, Set<String> known) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new UsageException("unexpected argument '" + arg + "'");
            }
            String name;
            String value;
            int equals = arg.indexOf('=');
            if (equals > 0) {
                name = arg.substring(2, equals);
                value = arg.substring(equals + 1);
            } else {
                name = arg.substring(2);
                // A following token that is not itself an option is the value, even when empty (--password '').
                boolean hasValue = i + 1 < args.length && !args[i + 1].startsWith("--");
                value = hasValue ? args[++i] : "true";
            }
            if (!known.contains(name)) {
                throw new UsageException("unknown option --" + name + " (known: --" + String.join(", --", new TreeSet<>(known)) + ")");
            }
            values.put(name, value);
        }
        return new Options(values);
    }

    String required(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new UsageException("missing --" + name);
        }
        return value;
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    String text(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    int integer(String name, int fallback) {
        String value = values.get(name);
        return value == null ? fallback : positive(name, value);
    }

    /** A positive decimal number, or null when the option is absent. */
    Double decimal(String name) {
        String value = values.get(name);
        if (value == null) {
            return null;
        }
        try {
            double parsed = Double.parseDouble(value);
            if (parsed > 0 && Double.isFinite(parsed)) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--" + name + " must be a positive number, not '" + value + "'");
    }

    long seed(String name) {
        String value = values.get(name);
        return value == null ? System.nanoTime() : parseLong(name, value);
    }

    boolean flag(String name, boolean fallback) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        if (!value.equals("true") && !value.equals("false")) {
            throw new UsageException("--" + name + " takes true or false, not '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }

    List<Integer> integers(String name, List<Integer> fallback) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        List<Integer> result = new ArrayList<>();
        for (String part : value.split(",")) {
            result.add(positive(name, part.trim()));
        }
        return result;
    }

    List<String> words(String name, List<String> fallback) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        List<String> result = Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (result.isEmpty()) {
            throw new UsageException("--" + name + " needs at least one value");
        }
        return result;
    }

    private static int positive(String name, String value) {
        long parsed = parseLong(name, value);
        if (parsed < 1 || parsed > Integer.MAX_VALUE) {
            throw new UsageException("--" + name + " must be a positive whole number, not '" + value + "'");
        }
        return (int) parsed;
    }

    private static long parseLong(String name, String value) {
        try {
            return Long.parseLong(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a whole number, not '" + value + "'");
        }
    }
}
