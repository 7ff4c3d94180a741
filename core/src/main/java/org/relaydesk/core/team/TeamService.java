package org.relaydesk.core.team;

import org.relaydesk.core.access.RequiresRole;
import org.relaydesk.core.user.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.relaydesk.core.error.ConflictException;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.error.NotFoundException;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.user.User;

/** Teams (groups of agents tickets are routed to) and departments of the current workspace. */
@ApplicationScoped
public class TeamService {
    @Inject
    Tenancy tenancy;

    @Transactional
    public List<Team> teams() {
        return tenancy.em().createQuery("SELECT t FROM Team t ORDER BY t.name", Team.class).getResultList();
    }

    @Transactional
    @RequiresRole(Role.ADMIN)
    public Team saveTeam(UUID id, String name, String description, Set<UUID> members) {
        return saveTeam(id, name, description, members, null);
    }

    /** {@code strategy} null keeps the team's (a new team assigns by hand). */
    @Transactional
    @RequiresRole(Role.ADMIN)
    public Team saveTeam(UUID id, String name, String description, Set<UUID> members, org.relaydesk.core.routing.AssignmentStrategy strategy) {
        String cleanName = validName(name);
        Set<UUID> checked = new LinkedHashSet<>();
        for (UUID member : members) {
            User user = tenancy.em().find(User.class, member);
            if (user == null) {
                throw new InvalidInputException("members", "no such user");
            }
            checked.add(user.id());
        }
        requireUniqueName(Team.class, cleanName, id);
        Team team = id == null ? new Team(cleanName, blankToNull(description)) : team(id);
        team.update(cleanName, blankToNull(description), checked);
        if (strategy != null) {
            team.changeAssignmentStrategy(strategy);
        }
        if (id == null) {
            tenancy.em().persist(team);
        }
        return team;
    }

    /** Tickets of a deleted team stay, without a team (the foreign key sets it to null). */
    @Transactional
    @RequiresRole(Role.ADMIN)
    public void deleteTeam(UUID id) {
        tenancy.em().remove(team(id));
    }

    @Transactional
    public List<Department> departments() {
        return tenancy.em().createQuery("SELECT d FROM Department d ORDER BY d.name", Department.class).getResultList();
    }

    @Transactional
    @RequiresRole(Role.ADMIN)
    public Department saveDepartment(UUID id, String name, String description) {
        String cleanName = validName(name);
        requireUniqueName(Department.class, cleanName, id);
        if (id == null) {
            Department department = new Department(cleanName, blankToNull(description));
            tenancy.em().persist(department);
            return department;
        }
        Department department = tenancy.em().find(Department.class, id);
        if (department == null) {
            throw new NotFoundException("Department");
        }
        department.update(cleanName, blankToNull(description));
        return department;
    }

    @Transactional
    @RequiresRole(Role.ADMIN)
    public void deleteDepartment(UUID id) {
        Department department = tenancy.em().find(Department.class, id);
        if (department == null) {
            throw new NotFoundException("Department");
        }
        tenancy.em().remove(department);
    }

    private Team team(UUID id) {
        Team team = tenancy.em().find(Team.class, id);
        if (team == null) {
            throw new NotFoundException("Team");
        }
        return team;
    }

    private static String validName(String name) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new InvalidInputException("name", "is required (at most 200 characters)");
        }
        return name.trim();
    }

    private <T> void requireUniqueName(Class<T> type, String name, UUID self) {
        boolean taken = tenancy.em().createQuery("SELECT e FROM " + type.getSimpleName() + " e WHERE LOWER(e.name) = :name", type)
                .setParameter("name", name.toLowerCase(java.util.Locale.ROOT)).getResultStream()
                .anyMatch(e -> !((org.relaydesk.core.persistence.WorkspaceOwned) e).id().equals(self));
        if (taken) {
            throw new ConflictException("There is already a " + type.getSimpleName().toLowerCase(java.util.Locale.ROOT) + " named " + name);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
