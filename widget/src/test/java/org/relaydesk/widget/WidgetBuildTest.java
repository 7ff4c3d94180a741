package org.relaydesk.widget;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** What the build made of the widget's scripts: minified, small enough, and wired as the server expects. */
class WidgetBuildTest {
    static final int LOADER_LIMIT_GZIPPED = 15 * 1024;

    @Test
    void theLoaderAPageEmbedsStaysUnder15KilobytesGzipped() throws IOException {
        byte[] loader = read("loader.js");
        assertThat(gzipped(loader)).as("the loader, gzipped").isLessThan(LOADER_LIMIT_GZIPPED);
        String text = new String(loader, StandardCharsets.UTF_8);
        assertThat(text).as("minified: no comments left").doesNotContain("/*").doesNotContain("\n  ");
        assertThat(text).as("the server puts the panel's version here").contains("__RELAYDESK_APP_VERSION__");
    }

    @Test
    void thePanelIsBuiltAndRegistersItselfWithTheLoader() throws IOException {
        String app = new String(read("app.js"), StandardCharsets.UTF_8);
        assertThat(app).contains("RelaydeskWidget").contains(".boot=").contains(".ready()");
        assertThat(gzipped(app.getBytes(StandardCharsets.UTF_8))).as("the panel, gzipped").isLessThan(30 * 1024);
    }

    private static byte[] read(String name) throws IOException {
        try (InputStream in = WidgetBuildTest.class.getResourceAsStream("/relaydesk-widget/" + name)) {
            assertThat(in).as(name + " is built").isNotNull();
            return in.readAllBytes();
        }
    }

    private static int gzipped(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.size();
    }
}
