package ${package};

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.relaydesk.api.workflow.ActionContext;
import org.relaydesk.api.workflow.ActionFailedException;
import org.relaydesk.api.workflow.ActionParameter;
import org.relaydesk.api.workflow.WorkflowAction;

/**
 * A workflow action: tags the ticket with a prefix and its priority ("vip-high"). Rules offer it in
 * their builder once the plugin is enabled. Replace it with yours; keep the id stable, since rules
 * name it.
 */
public class TagWithPrefixAction implements WorkflowAction {
    @Override
    public String id() {
        return "${pluginId}.tag_with_prefix";
    }

    @Override
    public String label() {
        return "Tag with a prefix and the priority";
    }

    @Override
    public List<ActionParameter> parameters() {
        return List.of(ActionParameter.required("prefix", "Prefix", ActionParameter.Kind.TEXT));
    }

    @Override
    public String run(ActionContext context, Map<String, String> arguments) throws ActionFailedException {
        String prefix = arguments.get("prefix");
        if (prefix == null || !prefix.matches("[a-z0-9-]{1,30}")) {
            throw new ActionFailedException("the prefix is 1 to 30 lowercase letters, digits or dashes");
        }
        String tag = prefix + "-" + context.ticket().priority().name().toLowerCase(Locale.ROOT);
        context.addTag(tag);
        return "tagged " + tag;
    }
}
