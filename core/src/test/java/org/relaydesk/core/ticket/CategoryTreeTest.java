package org.relaydesk.core.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CategoryTreeTest {
    @Test
    void parentsComeBeforeTheirChildrenWithTheirPath() {
        Category billing = new Category("Billing", null, "#10B981", null);
        Category refunds = new Category("Refunds", null, "#10B981", billing.id());
        Category invoices = new Category("invoices", null, "#10B981", billing.id());
        Category account = new Category("Account", null, "#3B82F6", null);
        Category orphan = new Category("Orphan", null, "#3B82F6", java.util.UUID.randomUUID());

        List<CategoryTree.Node> tree = CategoryTree.of(List.of(refunds, billing, account, invoices, orphan));

        assertThat(tree).extracting(CategoryTree.Node::path)
                .containsExactly("Account", "Billing", "Billing › invoices", "Billing › Refunds", "Orphan");
        assertThat(tree).extracting(CategoryTree.Node::depth).containsExactly(0, 0, 1, 1, 0);
    }
}
