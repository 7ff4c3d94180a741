package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.relaydesk.api.workflow.ActionParameter;

/** What the host checks when it loads the action: a stable id in the plugin's namespace, a label, its parameters. */
class TagWithPrefixActionTest {
    private final TagWithPrefixAction action = new TagWithPrefixAction();

    @Test
    void itDeclaresItselfAsTheHostExpects() {
        assertTrue(action.id().startsWith("${pluginId}."), action.id());
        assertFalse(action.label().isBlank());
        assertEquals(1, action.parameters().size());
        assertEquals(ActionParameter.Kind.TEXT, action.parameters().get(0).kind());
    }
}
