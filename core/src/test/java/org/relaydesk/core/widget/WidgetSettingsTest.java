package org.relaydesk.core.widget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.relaydesk.core.error.InvalidInputException;

class WidgetSettingsTest {
    @Test
    void blankFieldsTakeTheDefaultsAndTheColourIsWrittenOneWay() {
        WidgetSettings settings = WidgetSettings.of(" Shop ", "shop.example.com", null, "#0f766e", null, null, "  Hi!\u0007 ", null, null, null, null, null);
        assertThat(settings.name()).isEqualTo("Shop");
        assertThat(settings.primaryColor()).isEqualTo("#0F766E");
        assertThat(settings.position()).isEqualTo("right");
        assertThat(settings.launcherIcon()).isEqualTo("chat");
        assertThat(settings.greeting()).as("control characters become spaces").isEqualTo("Hi!");
        assertThat(settings.language()).as("the visitor's browser decides").isEmpty();
        assertThat(settings.active() && settings.showHelp() && settings.showContact()).isTrue();
    }

    @Test
    void everyWrongFieldIsNamedInOneRefusal() {
        assertThatThrownBy(() -> WidgetSettings.of("", "https://shop.example.com/page", true, "blue", "middle", "rocket", "x".repeat(301), "klingon",
                false, false, null, null)).isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.fieldErrors()).containsOnlyKeys("name",
                        "allowed_origins", "primary_color", "position", "launcher_icon", "greeting", "language", "show_help"));
    }

    @Test
    void theTextOnTheBrandColourIsTheOneThatReads() {
        assertThat(Contrast.textOn("#0F766E")).isEqualTo("#FFFFFF");
        assertThat(Contrast.textOn("#FDE047")).as("yellow takes dark text").isEqualTo("#000000");
        for (int grey = 0; grey < 256; grey += 3) {
            String shade = String.format("#%02X%02X%02X", grey, grey, grey);
            assertThat(Contrast.ratio(shade, Contrast.textOn(shade))).as(shade).isGreaterThanOrEqualTo(4.5);
        }
        for (String colour : new String[] {"#2563EB", "#EF4444", "#22C55E", "#A855F7", "#FDE047", "#0F766E"}) {
            assertThat(Contrast.ratio(colour, Contrast.textOn(colour))).as(colour).isGreaterThanOrEqualTo(4.5);
        }
    }

    @Test
    void theVisitorsBrowserLanguageChoosesExactlyThenByItsBaseThenEnglish() {
        assertThat(WidgetTexts.choose("pt-BR")).isEqualTo("pt-BR");
        assertThat(WidgetTexts.choose("pt")).isEqualTo("pt-BR");
        assertThat(WidgetTexts.choose("de-AT")).isEqualTo("de");
        assertThat(WidgetTexts.choose("FR_ca")).isEqualTo("fr");
        assertThat(WidgetTexts.choose("ja")).isEqualTo("en");
        assertThat(WidgetTexts.choose(null)).isEqualTo("en");
        assertThat(WidgetTexts.of("de").get("talk")).isEqualTo("Mit einem Menschen sprechen");
        assertThat(WidgetTexts.LANGUAGES).allSatisfy(l -> assertThat(WidgetTexts.of(l)).doesNotContainValue(""));
    }
}
