package org.relaydesk.web.panel.admin;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.relaydesk.core.team.Department;
import org.relaydesk.core.team.Team;
import org.relaydesk.core.team.TeamService;
import org.relaydesk.core.user.User;
import org.relaydesk.core.user.UserService;
import org.relaydesk.web.panel.PanelActions;

/** /admin/teams and /admin/departments: the groups tickets are routed to, and the units they belong to. */
@Named
@ViewScoped
public class AdminTeamsView implements Serializable {
    private static final long serialVersionUID = 1L;

    @Inject
    TeamService teams;

    @Inject
    UserService users;

    private List<Team> teamList;
    private List<Department> departmentList;
    private Map<UUID, User> staff;
    private String editingId;
    private String name;
    private String description;
    private List<String> memberIds = new ArrayList<>();
    private String strategy = org.relaydesk.core.routing.AssignmentStrategy.MANUAL.apiName();

    public List<Team> getTeams() {
        if (teamList == null) {
            teamList = teams.teams();
        }
        return teamList;
    }

    public List<Department> getDepartments() {
        if (departmentList == null) {
            departmentList = teams.departments();
        }
        return departmentList;
    }

    public List<User> getStaff() {
        return List.copyOf(staffById().values());
    }

    private Map<UUID, User> staffById() {
        if (staff == null) {
            staff = users.list().stream().filter(User::active)
                    .collect(Collectors.toMap(User::id, Function.identity(), (a, b) -> a, java.util.LinkedHashMap::new));
        }
        return staff;
    }

    /** "Alice Johnson, Bob Smith" */
    public String membersOf(Team team) {
        String names = team.memberIds().stream().map(staffById()::get).filter(java.util.Objects::nonNull).map(User::name).sorted()
                .collect(Collectors.joining(", "));
        return names.isEmpty() ? "No members yet" : names;
    }

    public void startNew() {
        strategy = org.relaydesk.core.routing.AssignmentStrategy.MANUAL.apiName();
        editingId = null;
        name = null;
        description = null;
        memberIds = new ArrayList<>();
    }

    public void edit(Team team) {
        editingId = team.id().toString();
        name = team.name();
        description = team.description();
        memberIds = team.memberIds().stream().map(UUID::toString).collect(Collectors.toCollection(ArrayList::new));
        strategy = team.assignmentStrategy().apiName();
    }

    public void edit(Department department) {
        editingId = department.id().toString();
        name = department.name();
        description = department.description();
    }

    public void saveTeam() {
        Set<UUID> members = memberIds.stream().map(UUID::fromString).collect(Collectors.toCollection(LinkedHashSet::new));
        if (PanelActions.attempt(() -> teams.saveTeam(editingUuid(), name, description, members,
                org.relaydesk.core.routing.AssignmentStrategy.fromApiName(strategy).orElse(org.relaydesk.core.routing.AssignmentStrategy.MANUAL)), "Team " + name + " saved")) {
            startNew();
            teamList = null;
        }
    }

    public void deleteTeam(Team team) {
        PanelActions.attempt(() -> teams.deleteTeam(team.id()), "Team " + team.name() + " deleted");
        teamList = null;
    }

    public void saveDepartment() {
        if (PanelActions.attempt(() -> teams.saveDepartment(editingUuid(), name, description), "Department " + name + " saved")) {
            startNew();
            departmentList = null;
        }
    }

    public void deleteDepartment(Department department) {
        PanelActions.attempt(() -> teams.deleteDepartment(department.id()), "Department " + department.name() + " deleted");
        departmentList = null;
    }

    private UUID editingUuid() {
        return editingId == null || editingId.isBlank() ? null : UUID.fromString(editingId);
    }

    public boolean isEditing() {
        return editingId != null && !editingId.isBlank();
    }

    public String getEditingId() {
        return editingId;
    }

    public void setEditingId(String editingId) {
        this.editingId = editingId;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public List<String> getMemberIds() {
        return memberIds;
    }

    public void setMemberIds(List<String> memberIds) {
        this.memberIds = memberIds == null ? new ArrayList<>() : new ArrayList<>(memberIds);
    }

    public String getStrategy() {
        return strategy;
    }

    public void setStrategy(String strategy) {
        this.strategy = strategy;
    }

    public List<org.relaydesk.core.routing.AssignmentStrategy> getStrategies() {
        return List.of(org.relaydesk.core.routing.AssignmentStrategy.values());
    }
}
