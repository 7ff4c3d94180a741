package org.relaydesk.core.routing;

import org.relaydesk.core.access.RequiresRole;
import org.relaydesk.core.user.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.error.NotFoundException;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.user.User;

/** What routing knows of an agent: a limit of unresolved tickets and skills with levels 1–5. */
@ApplicationScoped
public class RoutingProfiles {
    /** "billing", "german", "api-v2": lowercase words. */
    static final Pattern SKILL = Pattern.compile("[a-z0-9][a-z0-9_-]{0,49}");

    @Inject
    Tenancy tenancy;

    @Transactional
    public Map<String, Integer> skillsOf(UUID userId) {
        Map<String, Integer> skills = new LinkedHashMap<>();
        require(userId);
        // the user was found in this workspace above
        for (Object row : tenancy.sql("SELECT skill, level FROM user_skills WHERE user_id = CAST(? AS uuid) ORDER BY skill")
                .setParameter(1, userId.toString()).getResultList()) {
            Object[] columns = (Object[]) row;
            skills.put(columns[0].toString(), ((Number) columns[1]).intValue());
        }
        return skills;
    }

    @Transactional
    @RequiresRole(Role.ADMIN)
    public void save(UUID userId, Integer maxOpenTickets, Map<String, Integer> skills) {
        User user = require(userId);
        InvalidInputException.Collector errors = new InvalidInputException.Collector();
        errors.check(maxOpenTickets == null || maxOpenTickets > 0 && maxOpenTickets <= 10_000, "max_open_tickets", "must be between 1 and 10000, or empty for no limit");
        skills.forEach((skill, level) -> errors.check(SKILL.matcher(skill).matches(), "skills", "'" + skill + "' is not a skill name (lowercase letters, digits, - and _)")
                .check(level != null && level >= 1 && level <= 5, "skills", skill + ": the level is 1 to 5"));
        errors.throwIfAny();
        user.changeMaxOpenTickets(maxOpenTickets);
        tenancy.sql("DELETE FROM user_skills WHERE user_id = CAST(? AS uuid)").setParameter(1, userId.toString()).executeUpdate();
        skills.forEach((skill, level) -> tenancy.sql("INSERT INTO user_skills (user_id, skill, level) VALUES (CAST(? AS uuid), ?, ?)")
                .setParameter(1, userId.toString()).setParameter(2, skill).setParameter(3, level).executeUpdate());
    }

    /** "billing:5, german:3" (a skill without a level is level 3) → {billing=5, german=3}. */
    public static Map<String, Integer> parse(String text) {
        Map<String, Integer> skills = new LinkedHashMap<>();
        if (text == null) {
            return skills;
        }
        for (String part : text.split("[,;]")) {
            String item = part.trim().toLowerCase(Locale.ROOT);
            if (item.isEmpty()) {
                continue;
            }
            String[] bits = item.split("\\s*:\\s*");
            Integer level;
            try {
                level = bits.length > 1 ? Integer.valueOf(bits[1]) : 3;
            } catch (NumberFormatException e) {
                throw new InvalidInputException("skills", "'" + item + "': write a skill and its level, e.g. billing:4");
            }
            skills.put(bits[0], level);
        }
        return skills;
    }

    private User require(UUID userId) {
        User user = tenancy.em().find(User.class, userId);
        if (user == null) {
            throw new NotFoundException("User");
        }
        return user;
    }
}
