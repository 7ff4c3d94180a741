package org.relaydesk.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.field.CustomField;
import org.relaydesk.core.field.CustomFieldService;
import org.relaydesk.core.user.Role;
import org.relaydesk.web.security.CurrentUser;

/** The workspace's custom ticket fields (their values live in each ticket's custom_fields). Staff read them; admins change them. */
@Path("/custom-fields")
@RequestScoped
@Transactional
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Custom fields")
@SecurityRequirement(name = "bearer")
public class CustomFieldResource {
    @Inject
    CustomFieldService fields;

    @Inject
    CurrentUser currentUser;

    public record CustomFieldJson(UUID id, String key, String label, String type, List<String> options, boolean required, int position) {
        static CustomFieldJson of(CustomField f) {
            return new CustomFieldJson(f.id(), f.key(), f.label(), f.type().name().toLowerCase(Locale.ROOT), f.options(), f.required(), f.position());
        }
    }

    public record CustomFieldList(List<CustomFieldJson> fields) {
    }

    @GET
    public CustomFieldList list() {
        return new CustomFieldList(fields.list().stream().map(CustomFieldJson::of).toList());
    }

    /** {label, key (optional, from the label), type, options (for select), required}; key and type are fixed once created. */
    @POST
    public Response create(JsonObject json) {
        currentUser.require(Role.ADMIN);
        Body body = new Body(json);
        CustomField field = fields.save(null, body.string("label"), body.string("type"), body.string("key"), options(json),
                Boolean.TRUE.equals(body.bool("required")));
        return Response.status(Response.Status.CREATED).entity(CustomFieldJson.of(field)).build();
    }

    @PUT
    @Path("/{id}")
    public CustomFieldJson update(@PathParam("id") String id, JsonObject json) {
        UUID fieldId = Params.pathId(id, "Custom field");
        currentUser.require(Role.ADMIN);
        Body body = new Body(json);
        CustomField current = fields.list().stream().filter(f -> f.id().equals(fieldId)).findFirst()
                .orElseThrow(() -> new org.relaydesk.core.error.NotFoundException("Custom field"));
        return CustomFieldJson.of(fields.save(fieldId, body.has("label") ? body.string("label") : current.label(), null, null,
                body.has("options") ? options(json) : current.options(), body.has("required") ? Boolean.TRUE.equals(body.bool("required")) : current.required()));
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") String id) {
        UUID fieldId = Params.pathId(id, "Custom field");
        currentUser.require(Role.ADMIN);
        fields.delete(fieldId);
        return Response.noContent().build();
    }

    private static List<String> options(JsonObject json) {
        JsonValue value = json == null ? null : json.get("options");
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return List.of();
        }
        if (!(value instanceof JsonArray array) || !array.stream().allMatch(v -> v instanceof JsonString)) {
            throw new InvalidInputException("options", "must be an array of strings");
        }
        return array.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }
}
