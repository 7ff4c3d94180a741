package org.relaydesk.web.panel.supervisor;

import jakarta.enterprise.context.SessionScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.relaydesk.core.team.Team;
import org.relaydesk.core.team.TeamService;
import org.relaydesk.web.panel.PanelSession;

/**
 * Which teams the supervisor pages are about: "My teams" (the teams the supervisor belongs to, the
 * default when there are any), one team, or all. Chosen once per session for every supervisor page.
 * It narrows what the pages show; what the supervisor may see at all is TicketVisibility's rule.
 */
@Named
@SessionScoped
public class SupervisorScope implements Serializable {
    private static final long serialVersionUID = 1L;
    static final String MINE = "mine";
    static final String ALL = "all";

    @Inject
    TeamService teams;

    @Inject
    PanelSession session;

    private String selected;

    public record Choice(String value, String label) {
    }

    public List<Choice> getChoices() {
        List<Choice> choices = new ArrayList<>();
        if (!myTeams().isEmpty()) {
            choices.add(new Choice(MINE, "My teams"));
        }
        choices.add(new Choice(ALL, "All teams"));
        teams.teams().forEach(team -> choices.add(new Choice(team.id().toString(), team.name())));
        return choices;
    }

    public String getSelected() {
        if (selected == null) {
            selected = myTeams().isEmpty() ? ALL : MINE;
        }
        return selected;
    }

    /** Anything but a known choice (an old bookmark, a removed team) falls back to the default. */
    public void setSelected(String value) {
        selected = getChoices().stream().anyMatch(c -> c.value().equals(value)) ? value : null;
    }

    /** The teams in scope; empty means every ticket, whatever its team. */
    public Set<UUID> teamIds() {
        String choice = getSelected();
        if (ALL.equals(choice)) {
            return Set.of();
        }
        if (MINE.equals(choice)) {
            return myTeams().stream().map(Team::id).collect(Collectors.toUnmodifiableSet());
        }
        UUID team = UUID.fromString(choice);
        return teams.teams().stream().anyMatch(t -> t.id().equals(team)) ? Set.of(team) : Set.of();
    }

    /** The people of the teams in scope (everyone when the scope is all). */
    public Set<UUID> memberIds() {
        Set<UUID> inScope = teamIds();
        return teams.teams().stream().filter(t -> inScope.contains(t.id())).flatMap(t -> t.memberIds().stream())
                .collect(Collectors.toUnmodifiableSet());
    }

    public String getLabel() {
        String choice = getSelected();
        return getChoices().stream().filter(c -> c.value().equals(choice)).map(Choice::label).findFirst().orElse("All teams");
    }

    private List<Team> myTeams() {
        UUID me = session.getUser().id();
        return teams.teams().stream().filter(t -> t.memberIds().contains(me)).toList();
    }
}
