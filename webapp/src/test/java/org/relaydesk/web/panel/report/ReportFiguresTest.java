package org.relaydesk.web.panel.report;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.relaydesk.core.text.Jsonp;

class ReportFiguresTest {
    @Test
    void durationsReadAsAPersonWouldSayThem() {
        assertThat(ReportsView.duration(null)).isEqualTo("–");
        assertThat(ReportsView.duration(42.4)).isEqualTo("42 s");
        assertThat(ReportsView.duration(45 * 60.0)).isEqualTo("45 min");
        assertThat(ReportsView.duration(2 * 3600 + 5 * 60.0)).isEqualTo("2 h 5 min");
        assertThat(ReportsView.duration(3 * 3600.0)).isEqualTo("3 h");
        assertThat(ReportsView.duration(3 * 86_400 + 4 * 3600 + 59 * 60.0)).isEqualTo("3 d 4 h");
        assertThat(ReportsView.percent(87.5)).isEqualTo("87.5%");
        assertThat(ReportsView.percent(100.0)).isEqualTo("100%");
        assertThat(ReportsView.percent(null)).isEqualTo("–");
    }

    @Test
    void aLabelWithQuotesOrScriptStaysALabelInTheChartsConfiguration() {
        String label = "Billing\", \"type\": \"x</script><script>alert(1)</script>";
        String json = ChartConfig.of("doughnut").labels(List.of(label, "Other")).slices("Tickets", List.of(3L, 1L)).json();
        JsonObject config = Jsonp.createReader(json).readObject();
        assertThat(config.getString("type")).isEqualTo("doughnut");
        assertThat(config.getJsonObject("data").getJsonArray("labels").getString(0)).isEqualTo(label);
        assertThat(config.getJsonObject("data").getJsonArray("datasets").getJsonObject(0).getJsonArray("data").getInt(0)).isEqualTo(3);
    }

    @Test
    void countsAreDrawnOnAScaleOfWholeTickets() {
        JsonObject config = Jsonp.createReader(ChartConfig.of("bar").labels(List.of("2026-12-01")).series("Created", List.of(1L), "#000", null).json())
                .readObject();
        assertThat(config.getJsonObject("options").getJsonObject("scales").getJsonObject("y").getJsonObject("ticks").getInt("precision")).isZero();
    }
}
