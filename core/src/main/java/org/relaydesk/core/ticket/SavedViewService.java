package org.relaydesk.core.ticket;

import org.relaydesk.core.text.Jsonp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.transaction.Transactional;
import java.io.StringReader;
import java.util.List;
import java.util.UUID;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.error.NotFoundException;
import org.relaydesk.core.error.PermissionDeniedException;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.user.AuthenticatedUser;
import org.relaydesk.core.user.Role;

/** Saved queue views: everyone keeps their own; supervisors and admins share views with the workspace. */
@ApplicationScoped
public class SavedViewService {
    static final int MAX_PER_PERSON = 50;

    @Inject
    Tenancy tenancy;

    /** The caller's own views, then the shared ones, each by name. */
    @Transactional
    public List<SavedView> visibleTo(AuthenticatedUser user) {
        return tenancy.em().createQuery("SELECT v FROM SavedView v WHERE v.ownerId = :me OR v.ownerId IS NULL "
                + "ORDER BY CASE WHEN v.ownerId IS NULL THEN 1 ELSE 0 END, v.name", SavedView.class).setParameter("me", user.id()).getResultList();
    }

    @Transactional
    public SavedView get(UUID id, AuthenticatedUser user) {
        SavedView view = tenancy.em().find(SavedView.class, id);
        if (view == null || !(view.isShared() || user.id().equals(view.ownerId()))) {
            throw new NotFoundException("Saved view");
        }
        return view;
    }

    @Transactional
    public SavedView save(String name, JsonObject filters, boolean shared, AuthenticatedUser user) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new InvalidInputException("name", "is required (at most 100 characters)");
        }
        if (shared && !user.may(Role.SUPERVISOR)) {
            throw new PermissionDeniedException("Only supervisors and admins share views with everyone");
        }
        long own = tenancy.em().createQuery("SELECT COUNT(v) FROM SavedView v WHERE v.ownerId = :me", Long.class)
                .setParameter("me", user.id()).getSingleResult();
        if (!shared && own >= MAX_PER_PERSON) {
            throw new InvalidInputException("name", "you have " + MAX_PER_PERSON + " saved views already; delete one first");
        }
        SavedView view = new SavedView(shared ? null : user.id(), name.trim(), filters.toString());
        tenancy.em().persist(view);
        return view;
    }

    /** The owner deletes their view; a shared view is deleted by supervisors and admins. */
    @Transactional
    public void delete(UUID id, AuthenticatedUser user) {
        SavedView view = get(id, user);
        if (view.isShared() ? !user.may(Role.SUPERVISOR) : !user.id().equals(view.ownerId())) {
            throw new PermissionDeniedException("Only supervisors and admins delete shared views");
        }
        tenancy.em().remove(view);
    }

    public static JsonObject filtersOf(SavedView view) {
        return Jsonp.createReader(new StringReader(view.filters())).readObject();
    }
}
