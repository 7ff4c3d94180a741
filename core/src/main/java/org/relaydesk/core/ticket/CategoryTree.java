package org.relaydesk.core.ticket;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The categories as a tree in reading order: each parent followed by its children, with their
 * depth and full path ("Billing › Refunds"), for pickers and the admin's tree.
 */
public final class CategoryTree {
    /** One category in the tree. */
    public record Node(Category category, int depth, String path) {
        public Category getCategory() {
            return category;
        }

        public int getDepth() {
            return depth;
        }

        public String getPath() {
            return path;
        }

        public String getId() {
            return category.id().toString();
        }
    }

    private CategoryTree() {
    }

    public static List<Node> of(List<Category> categories) {
        Map<UUID, List<Category>> children = new HashMap<>();
        java.util.Set<UUID> known = new java.util.HashSet<>();
        categories.forEach(c -> known.add(c.id()));
        for (Category c : categories) {
            // a parent that is gone (or never was) makes the category a root rather than hiding it
            UUID parent = c.parentId() != null && known.contains(c.parentId()) ? c.parentId() : null;
            children.computeIfAbsent(parent, k -> new ArrayList<>()).add(c);
        }
        children.values().forEach(list -> list.sort(Comparator.comparing(Category::name, String.CASE_INSENSITIVE_ORDER)));
        List<Node> nodes = new ArrayList<>();
        walk(children, null, 0, "", nodes, new java.util.HashSet<>());
        return nodes;
    }

    private static void walk(Map<UUID, List<Category>> children, UUID parent, int depth, String prefix, List<Node> out, java.util.Set<UUID> seen) {
        for (Category c : children.getOrDefault(parent, List.of())) {
            if (!seen.add(c.id())) {
                continue; // a cycle would be refused on save; never loop on one anyway
            }
            String path = prefix.isEmpty() ? c.name() : prefix + " › " + c.name();
            out.add(new Node(c, depth, path));
            walk(children, c.id(), depth + 1, path, out, seen);
        }
    }
}
