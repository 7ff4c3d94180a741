package org.relaydesk.core.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import java.util.UUID;
import org.relaydesk.core.channel.NoticeMailer;
import org.relaydesk.core.contact.Contact;
import org.relaydesk.core.contact.ContactIdentity;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.text.Jsonp;
import org.relaydesk.core.ticket.Actor;
import org.relaydesk.core.ticket.Message;
import org.relaydesk.core.ticket.SatisfactionRating;
import org.relaydesk.core.ticket.Ticket;
import org.relaydesk.core.workspace.Workspace;

/**
 * The {@code data} of each event, snake_case as in the REST API: seed fields first (ticket_id,
 * ticket_number, subject, priority), then what a receiver needs so that it seldom has to call back.
 * Taken at the moment of the change: a later replay sends what was true then.
 */
@ApplicationScoped
public class WebhookPayloads {
    /** What a webhook carries of a message's text: enough for a notification, not a mailbox's worth. */
    static final int MAX_BODY_TEXT = 20_000;

    @Inject
    Tenancy tenancy;

    JsonObjectBuilder ticket(Ticket ticket, UUID ticketId, long number, Actor actor, UUID messageId) {
        Workspace workspace = tenancy.em().find(Workspace.class, tenancy.workspaceId());
        String prefix = workspace == null ? "#" : workspace.ticketPrefix();
        JsonObjectBuilder data = Jsonp.createObjectBuilder().add("ticket_id", ticketId.toString()).add("ticket_number", prefix + number)
                .add("number", number);
        if (ticket != null) {
            data.add("subject", ticket.subject()).add("status", ticket.status().apiName()).add("priority", ticket.priority().apiName())
                    .add("type", ticket.type().apiName()).add("channel", ticket.sourceChannel())
                    .add("requester", person(ticket.requester().id(), ticket.requester().name(), ticket.requester().primaryEmail())
                            .add("phone", nullable(ticket.requester().primaryPhone())))
                    .add("assignee", ticket.assignee() == null ? jakarta.json.JsonValue.NULL
                            : person(ticket.assignee().id(), ticket.assignee().name(), ticket.assignee().email()).build())
                    .add("team_id", nullable(ticket.teamId())).add("category_id", nullable(ticket.categoryId()))
                    .add("tags", Jsonp.createArrayBuilder(ticket.tags().stream().sorted().toList()))
                    .add("created_at", ticket.createdAt().toString()).add("updated_at", ticket.updatedAt().toString())
                    .add("url", NoticeMailer.baseUrl() + "/agent/tickets/" + number);
        }
        if (actor != null) {
            data.add("actor", actor(actor));
        }
        if (messageId != null) {
            Message message = tenancy.em().find(Message.class, messageId);
            if (message != null) {
                String text = message.bodyText() == null ? "" : message.bodyText();
                data.add("comment", Jsonp.createObjectBuilder().add("id", message.id().toString()).add("is_internal", message.isInternal())
                        .add("author_type", message.authorType().apiName()).add("author_name", nullable(message.authorName()))
                        .add("body_text", text.length() > MAX_BODY_TEXT ? text.substring(0, MAX_BODY_TEXT) : text)
                        .add("created_at", message.createdAt().toString()));
            }
        }
        return data;
    }

    JsonObjectBuilder contact(UUID contactId) {
        JsonObjectBuilder data = Jsonp.createObjectBuilder().add("contact_id", contactId.toString());
        Contact contact = tenancy.em().find(Contact.class, contactId);
        if (contact != null) {
            JsonArrayBuilder identities = Jsonp.createArrayBuilder();
            for (ContactIdentity identity : List.copyOf(contact.identities())) {
                identities.add(Jsonp.createObjectBuilder().add("kind", identity.kind().apiName()).add("value", identity.value()));
            }
            data.add("name", nullable(contact.name())).add("email", nullable(contact.primaryEmail())).add("phone", nullable(contact.primaryPhone()))
                    .add("organization", nullable(contact.organization())).add("identities", identities)
                    .add("created_at", contact.createdAt().toString());
        }
        return data;
    }

    void rating(UUID ratingId, JsonObjectBuilder data) {
        SatisfactionRating rating = tenancy.em().find(SatisfactionRating.class, ratingId);
        if (rating != null) {
            data.add("rating", Jsonp.createObjectBuilder().add("id", ratingId.toString()).add("score", rating.rating())
                    .add("comment", nullable(rating.feedback())).add("channel", nullable(rating.channel()))
                    .add("created_at", rating.createdAt().toString()));
        }
    }

    static JsonObjectBuilder article(org.relaydesk.core.kb.ArticlePublished article) {
        return Jsonp.createObjectBuilder().add("article_id", article.articleId().toString()).add("title", article.title()).add("slug", article.slug())
                .add("language", article.language()).add("visibility", article.visibility()).add("category_id", nullable(article.categoryId()))
                .add("published_at", nullable(article.publishedAt()));
    }

    static JsonObject actor(Actor actor) {
        return Jsonp.createObjectBuilder().add("type", nullable(actor.type())).add("id", nullable(actor.id())).add("name", nullable(actor.name())).build();
    }

    private static JsonObjectBuilder person(UUID id, String name, String email) {
        return Jsonp.createObjectBuilder().add("id", id.toString()).add("name", nullable(name)).add("email", nullable(email));
    }

    private static jakarta.json.JsonValue nullable(Object value) {
        return value == null ? jakarta.json.JsonValue.NULL : Jsonp.createValue(value.toString());
    }

}
