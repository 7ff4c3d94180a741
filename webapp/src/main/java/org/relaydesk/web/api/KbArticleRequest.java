package org.relaydesk.web.api;

import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.kb.ArticleInput;
import org.relaydesk.core.kb.KnowledgeBase;

/**
 * A knowledge-base article as the API takes it (snake_case): read by hand from the size-checked
 * JSON body, then validated here; the service checks the rest (slugs, categories, sanitising).
 */
public record KbArticleRequest(
        @NotBlank(message = "is required") @Size(max = KnowledgeBase.MAX_TITLE, message = "at most 200 characters") String title,
        @Size(max = 120, message = "at most 120 characters") String slug,
        @Size(max = KnowledgeBase.MAX_SUMMARY, message = "at most 300 characters") String summary,
        @NotNull(message = "is required") @Size(max = KnowledgeBase.MAX_BODY, message = "at most 200000 characters") String body,
        @NotBlank(message = "is required") @Size(max = 12, message = "must be a language code such as en or pt-BR") String language,
        String categoryId,
        @Size(max = KnowledgeBase.MAX_TAGS, message = "at most 20 tags") List<@NotNull @Size(max = 40, message = "at most 40 characters") String> tags,
        @Pattern(regexp = "public|customers|internal", message = "must be public, customers or internal") String visibility,
        String reviewOn,
        String translationOf,
        @Size(max = 200, message = "at most 200 characters") String note) {

    static KbArticleRequest from(Body body) {
        return new KbArticleRequest(body.string("title"), body.string("slug"), body.string("summary"), body.string("body"), body.string("language"),
                body.string("category_id"), tags(body.raw("tags")), body.string("visibility"), body.string("review_on"),
                body.string("translation_of"), body.string("note"));
    }

    ArticleInput validated(Validator validator) {
        Map<String, String> errors = new TreeMap<>();
        for (ConstraintViolation<KbArticleRequest> violation : validator.validate(this)) {
            String path = violation.getPropertyPath().toString().replaceAll("\\[\\d*]\\.<list element>|\\.<list element>|\\[\\d*]", "");
            errors.put(path.replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT), violation.getMessage());
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new ArticleInput(title, slug, summary, body, language, Params.optionalId(categoryId, "category_id"), tags, visibility,
                date(reviewOn), Params.optionalId(translationOf, "translation_of"), note);
    }

    private static LocalDate date(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("review_on", "must be a date (YYYY-MM-DD)");
        }
    }

    private static List<String> tags(JsonValue value) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return List.of();
        }
        if (!(value instanceof JsonArray array) || array.size() > 1000) {
            throw new InvalidInputException("tags", "must be an array of strings");
        }
        List<String> tags = new ArrayList<>();
        for (JsonValue tag : array) {
            if (!(tag instanceof JsonString text)) {
                throw new InvalidInputException("tags", "must be an array of strings");
            }
            tags.add(text.getString());
        }
        return tags;
    }
}
