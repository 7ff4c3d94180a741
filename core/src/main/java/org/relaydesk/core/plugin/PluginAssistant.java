package org.relaydesk.core.plugin;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.relaydesk.api.assist.Answer;
import org.relaydesk.api.assist.AssistProvider;
import org.relaydesk.api.assist.AssistTicket;
import org.relaydesk.api.assist.Classification;
import org.relaydesk.api.assist.Draft;
import org.relaydesk.api.assist.KnowledgeHit;
import org.relaydesk.api.assist.NextAction;
import org.relaydesk.api.assist.Summary;

/**
 * A plugin's assistant, every call through the guard. Reads (classify, suggest, search) keep to
 * the guard's usual limit, since a panel waits on them; writing text may take a remote model
 * longer, and learning a workspace again longer still. A result the plugin did not give (null) is
 * read as "nothing to suggest".
 */
public final class PluginAssistant {
    /** A draft, a summary or an answer may wait on a remote model. */
    static final Duration WRITING_LIMIT = Duration.ofSeconds(30);
    /** Learning a workspace's articles and history anew embeds every passage. */
    static final Duration TRAINING_LIMIT = Duration.ofMinutes(10);
    private final String pluginId;
    private final AssistProvider provider;
    private final PluginGuard guard;

    PluginAssistant(String pluginId, AssistProvider provider, PluginGuard guard) {
        this.pluginId = pluginId;
        this.provider = provider;
        this.guard = guard;
    }

    public String pluginId() {
        return pluginId;
    }

    public Classification classify(AssistTicket ticket) throws PluginGuard.CallFailed {
        return call(() -> provider.classify(ticket), guard.timeout());
    }

    public List<NextAction> suggestNextActions(AssistTicket ticket) throws PluginGuard.CallFailed {
        List<NextAction> actions = call(() -> provider.suggestNextActions(ticket), guard.timeout());
        return actions == null ? List.of() : List.copyOf(actions);
    }

    public List<KnowledgeHit> relatedKnowledge(UUID workspaceId, String text, KnowledgeHit.Audience audience, int limit) throws PluginGuard.CallFailed {
        List<KnowledgeHit> hits = call(() -> provider.relatedKnowledge(workspaceId, text, audience, limit), guard.timeout());
        return hits == null ? List.of() : List.copyOf(hits.subList(0, Math.min(limit, hits.size())));
    }

    public Draft draftReply(AssistTicket ticket) throws PluginGuard.CallFailed {
        return call(() -> provider.draftReply(ticket), WRITING_LIMIT);
    }

    public Summary summarise(AssistTicket ticket) throws PluginGuard.CallFailed {
        return call(() -> provider.summarise(ticket), WRITING_LIMIT);
    }

    public Answer answer(UUID workspaceId, String question, KnowledgeHit.Audience audience, String language) throws PluginGuard.CallFailed {
        return call(() -> provider.answer(workspaceId, question, audience, language), WRITING_LIMIT);
    }

    public String retrain(UUID workspaceId) throws PluginGuard.CallFailed {
        return call(() -> provider.retrain(workspaceId), TRAINING_LIMIT);
    }

    /** With the plugin's class loader as the context class loader ({@link PluginContext}). */
    private <T> T call(Callable<T> plain, Duration limit) throws PluginGuard.CallFailed {
        Callable<T> work = PluginContext.withLoaderOf(provider, plain);
        try {
            return guard.call(pluginId, work, null, limit);
        } catch (PluginGuard.CallFailed e) {
            throw e;
        } catch (Exception e) {
            // the guard wraps every failure of the plugin's own in CallFailed; anything else is the guard's
            throw new IllegalStateException("the plugin guard failed on " + pluginId, e);
        }
    }
}
