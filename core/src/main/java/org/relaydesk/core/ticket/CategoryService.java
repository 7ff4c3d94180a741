package org.relaydesk.core.ticket;

import org.relaydesk.core.access.RequiresRole;
import org.relaydesk.core.user.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.relaydesk.core.error.ConflictException;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.error.NotFoundException;
import org.relaydesk.core.persistence.Tenancy;

/** The category tree of the current workspace. */
@ApplicationScoped
public class CategoryService {
    @Inject
    Tenancy tenancy;

    public record CategoryInput(String name, String description, String color, UUID parentId) {
    }

    @Transactional
    public List<Category> list() {
        return tenancy.em().createQuery("SELECT c FROM Category c ORDER BY c.name", Category.class).getResultList();
    }

    @Transactional
    public Category get(UUID id) {
        Category category = tenancy.em().find(Category.class, id);
        if (category == null) {
            throw new NotFoundException("Category");
        }
        return category;
    }

    @Transactional
    @RequiresRole(Role.ADMIN)
    public Category create(CategoryInput input) {
        validate(input, null);
        Category category = new Category(input.name().trim(), input.description(), input.color(), input.parentId());
        tenancy.em().persist(category);
        return category;
    }

    @Transactional
    @RequiresRole(Role.ADMIN)
    public Category update(UUID id, CategoryInput input) {
        Category category = get(id);
        validate(input, id);
        category.update(input.name().trim(), input.description(), input.color() == null ? category.color() : input.color(), input.parentId());
        return category;
    }

    /** Tickets keep existing without the category; children move up to the deleted one's parent. */
    @Transactional
    @RequiresRole(Role.ADMIN)
    public void delete(UUID id) {
        Category category = get(id);
        tenancy.em().createQuery("UPDATE Category c SET c.parentId = :parent WHERE c.parentId = :id")
                .setParameter("parent", category.parentId()).setParameter("id", id).executeUpdate();
        tenancy.em().createQuery("UPDATE Ticket t SET t.categoryId = NULL WHERE t.categoryId = :id")
                .setParameter("id", id).executeUpdate();
        tenancy.em().remove(category);
    }

    private void validate(CategoryInput input, UUID self) {
        InvalidInputException.Collector errors = new InvalidInputException.Collector();
        errors.check(input.name() != null && !input.name().isBlank() && input.name().length() <= 200, "name", "is required (at most 200 characters)")
                .check(input.color() == null || Category.COLOR.matcher(input.color()).matches(), "color", "must look like #RRGGBB")
                .check(input.description() == null || input.description().length() <= 2000, "description", "at most 2000 characters");
        errors.throwIfAny();
        if (input.parentId() != null) {
            Category parent = tenancy.em().find(Category.class, input.parentId());
            if (parent == null) {
                throw new InvalidInputException("parent_id", "no such category");
            }
            if (self != null && isDescendantOrSelf(parent, self)) {
                throw new ConflictException("A category cannot be placed under itself or one of its children");
            }
        }
    }

    private boolean isDescendantOrSelf(Category candidate, UUID ancestor) {
        Set<UUID> seen = new HashSet<>();
        Category current = candidate;
        while (current != null && seen.add(current.id())) {
            if (current.id().equals(ancestor)) {
                return true;
            }
            current = current.parentId() == null ? null : tenancy.em().find(Category.class, current.parentId());
        }
        return false;
    }
}
