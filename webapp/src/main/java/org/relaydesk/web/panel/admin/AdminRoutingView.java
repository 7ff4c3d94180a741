package org.relaydesk.web.panel.admin;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.routing.RoutingProfiles;
import org.relaydesk.core.user.User;
import org.relaydesk.core.user.UserService;
import org.relaydesk.web.panel.PanelActions;

/** The routing section of /admin/users: each agent's ticket limit and skills, used by automatic assignment. */
@Named
@ViewScoped
public class AdminRoutingView implements Serializable {
    private static final long serialVersionUID = 1L;

    @Inject
    RoutingProfiles profiles;

    @Inject
    UserService users;

    private String userId;
    private Integer limit;
    private String skills;

    public List<User> getStaff() {
        return users.list().stream().filter(User::active).toList();
    }

    /** "billing 5, german 3" */
    public String skillsOf(User user) {
        Map<String, Integer> map = profiles.skillsOf(user.id());
        return map.isEmpty() ? "—" : map.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    /** Choosing someone loads what is set for them. */
    public void load() {
        if (userId == null || userId.isBlank()) {
            limit = null;
            skills = null;
            return;
        }
        UUID id = UUID.fromString(userId);
        limit = getStaff().stream().filter(u -> u.id().equals(id)).findFirst().map(User::maxOpenTickets).orElse(null);
        skills = profiles.skillsOf(id).entrySet().stream().map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(", "));
    }

    public void save() {
        if (userId == null || userId.isBlank()) {
            PanelActions.error("Choose whom to set up.");
            return;
        }
        Map<String, Integer> parsed;
        try {
            parsed = RoutingProfiles.parse(skills);
        } catch (InvalidInputException e) {
            PanelActions.error(PanelActions.reason(e));
            return;
        }
        UUID id = UUID.fromString(userId);
        PanelActions.attempt(() -> profiles.save(id, limit, parsed), "Routing saved");
    }

    public String getUserId() {
        return userId;
    }

    public void setUserId(String userId) {
        this.userId = userId;
    }

    public Integer getLimit() {
        return limit;
    }

    public void setLimit(Integer limit) {
        this.limit = limit;
    }

    public String getSkills() {
        return skills;
    }

    public void setSkills(String skills) {
        this.skills = skills;
    }
}
