package org.relaydesk.core.field;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.JsonValue;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a custom field accepts, and how a form's text becomes the stored value. */
class CustomFieldValuesTest {
    private static CustomField field(CustomField.Type type, String... options) {
        CustomField field = new CustomField("f", type);
        field.update("Field", List.of(options), false, 0);
        return field;
    }

    @Test
    void valuesAreStoredAsTheirType() {
        assertThat(CustomFieldService.convert(field(CustomField.Type.NUMBER), "12,5").toString()).isEqualTo("12.5");
        assertThat(CustomFieldService.convert(field(CustomField.Type.DATE), "2026-12-01").toString()).isEqualTo("\"2026-12-01\"");
        assertThat(CustomFieldService.convert(field(CustomField.Type.SELECT, "Gold", "Silver"), "Gold").toString()).isEqualTo("\"Gold\"");
        assertThat(CustomFieldService.convert(field(CustomField.Type.CHECKBOX), "true")).isEqualTo(JsonValue.TRUE);
        assertThat(CustomFieldService.convert(field(CustomField.Type.TEXT), "<b>kept as text</b>").toString()).isEqualTo("\"<b>kept as text</b>\"");
    }

    @Test
    void valuesThatDoNotFitAreRefusedWithTheRule() {
        assertThatThrownBy(() -> CustomFieldService.convert(field(CustomField.Type.NUMBER), "twelve")).hasMessage("must be a number");
        assertThatThrownBy(() -> CustomFieldService.convert(field(CustomField.Type.DATE), "01/12/2026")).hasMessageContaining("YYYY-MM-DD");
        assertThatThrownBy(() -> CustomFieldService.convert(field(CustomField.Type.SELECT, "Gold"), "Platinum")).hasMessage("must be one of Gold");
        assertThatThrownBy(() -> CustomFieldService.convert(field(CustomField.Type.TEXT), "x".repeat(1001))).hasMessageContaining("1000");
    }

    @Test
    void keysAreMadeFromLabels() {
        assertThat(CustomFieldService.keyFrom("Order number")).isEqualTo("order_number");
        assertThat(CustomFieldService.keyFrom("Código de cliente")).isEqualTo("codigo_de_cliente");
        assertThat(CustomFieldService.keyFrom("2FA enabled?")).isEqualTo("field_2fa_enabled");
    }

    @Test
    void storedValuesBecomeFormValues() {
        CustomField plan = new CustomField("plan", CustomField.Type.SELECT);
        plan.update("Plan", List.of("Gold"), false, 0);
        CustomField seats = new CustomField("seats", CustomField.Type.NUMBER);
        seats.update("Seats", List.of(), false, 1);
        CustomField vip = new CustomField("vip", CustomField.Type.CHECKBOX);
        vip.update("VIP", List.of(), false, 2);
        assertThat(CustomFieldService.valuesOf("{\"plan\":\"Gold\",\"seats\":12,\"other\":1}", List.of(plan, seats, vip)))
                .containsEntry("plan", "Gold").containsEntry("seats", "12").containsEntry("vip", false).doesNotContainKey("other");
    }
}
