package org.relaydesk.core.canned;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.relaydesk.core.persistence.WorkspaceOwned;

/** A saved reply with {{variables}}, inserted by picker or by typing "/" and its shortcut. */
@Entity
@Table(name = "canned_responses")
public class CannedResponse extends WorkspaceOwned {
    public static final Pattern SHORTCUT = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");
    private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([a-z_]+(?:\\.[a-z_]+)?)\\s*}}");

    @Column(nullable = false)
    private String title;

    private String shortcut;

    private String category;

    @Column(nullable = false)
    private String content;

    @Column(name = "usage_count", nullable = false)
    private long usageCount;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt = Instant.now();

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt = createdAt;

    protected CannedResponse() {
    }

    public CannedResponse(String title, String shortcut, String category, String content) {
        update(title, shortcut, category, content, createdAt);
    }

    public void update(String title, String shortcut, String category, String content, Instant at) {
        this.title = title;
        this.shortcut = shortcut == null || shortcut.isBlank() ? null : shortcut.trim().toLowerCase(java.util.Locale.ROOT);
        this.category = category;
        this.content = content;
        this.updatedAt = at;
    }

    /** Counts a use and fills the variables; unknown variables are left as written. */
    public String use(Map<String, String> variables) {
        usageCount++;
        return render(content, variables);
    }

    /**
     * Fills {{customer_name}}, {{ticket_number}}, {{agent_name}} and dotted names such as
     * {{contact.name}}, {{ticket.number}} (what {@link CannedResponseService#variables} gives) in any text; unknown ones stay.
     */
    /** The {{variables}} a text uses, in order of first use. */
    public static java.util.Set<String> variablesIn(String template) {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        Matcher matcher = VARIABLE.matcher(template);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    public static String render(String template, Map<String, String> variables) {
        Matcher matcher = VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = variables.get(matcher.group(1));
            matcher.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : matcher.group()));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    public String title() {
        return title;
    }

    public String shortcut() {
        return shortcut;
    }

    public String category() {
        return category;
    }

    public String content() {
        return content;
    }

    public long usageCount() {
        return usageCount;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
