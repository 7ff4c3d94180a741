package org.relaydesk.web.panel.report;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import org.relaydesk.core.text.Jsonp;

/**
 * The Chart.js configuration PrimeFaces' {@code p:chart} draws, built as JSON (never by string
 * concatenation, so a label with quotes cannot break out of it). Colours follow the panels' palette.
 */
final class ChartConfig {
    static final List<String> PALETTE = List.of("#2563EB", "#10B981", "#F59E0B", "#EF4444", "#8B5CF6", "#0EA5E9", "#64748B", "#EC4899", "#84CC16",
            "#F97316");

    private final String type;
    private final JsonArrayBuilder labels = Jsonp.createArrayBuilder();
    private final JsonArrayBuilder datasets = Jsonp.createArrayBuilder();
    private boolean stacked;
    private boolean legend = true;
    private String yTitle;

    private ChartConfig(String type) {
        this.type = type;
    }

    static ChartConfig of(String type) {
        return new ChartConfig(type);
    }

    ChartConfig labels(List<String> values) {
        values.forEach(labels::add);
        return this;
    }

    /** A series; {@code type} null to draw it as the chart's type (a line over bars otherwise). */
    ChartConfig series(String label, List<? extends Number> values, String colour, String type) {
        JsonArrayBuilder data = Jsonp.createArrayBuilder();
        values.forEach(v -> {
            if (v == null) {
                data.addNull();
            } else if (v instanceof Double || v instanceof Float) {
                data.add(v.doubleValue());
            } else {
                data.add(v.longValue());
            }
        });
        JsonObjectBuilder set = Jsonp.createObjectBuilder().add("label", label).add("data", data).add("backgroundColor", colour)
                .add("borderColor", colour);
        if (type != null) {
            set.add("type", type).add("fill", false).add("tension", 0.25);
        }
        datasets.add(set);
        return this;
    }

    /** One series with a colour per slice (doughnuts, bars of categories). */
    ChartConfig slices(String label, List<Long> values) {
        JsonArrayBuilder data = Jsonp.createArrayBuilder();
        JsonArrayBuilder colours = Jsonp.createArrayBuilder();
        for (int i = 0; i < values.size(); i++) {
            data.add(values.get(i));
            colours.add(PALETTE.get(i % PALETTE.size()));
        }
        datasets.add(Jsonp.createObjectBuilder().add("label", label).add("data", data).add("backgroundColor", colours));
        return this;
    }

    ChartConfig stacked() {
        stacked = true;
        return this;
    }

    ChartConfig noLegend() {
        legend = false;
        return this;
    }

    ChartConfig yTitle(String title) {
        yTitle = title;
        return this;
    }

    String json() {
        JsonObjectBuilder options = Jsonp.createObjectBuilder().add("responsive", true).add("maintainAspectRatio", false)
                .add("plugins", Jsonp.createObjectBuilder().add("legend", Jsonp.createObjectBuilder().add("display", legend).add("position", "bottom")));
        if (!type.equals("doughnut") && !type.equals("pie")) {
            // whole tickets only: no 0.5 ticks on a scale of counts
            JsonObjectBuilder y = Jsonp.createObjectBuilder().add("beginAtZero", true).add("stacked", stacked)
                    .add("ticks", Jsonp.createObjectBuilder().add("precision", 0));
            if (yTitle != null) {
                y.add("title", Jsonp.createObjectBuilder().add("display", true).add("text", yTitle));
            }
            options.add("scales", Jsonp.createObjectBuilder().add("x", Jsonp.createObjectBuilder().add("stacked", stacked)).add("y", y));
        }
        String json = Jsonp.createObjectBuilder().add("type", type)
                .add("data", Jsonp.createObjectBuilder().add("labels", labels).add("datasets", datasets))
                .add("options", options).build().toString();
        // the page writes it inside a <script>: no character of it may end the script or start markup
        return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
    }
}
