package org.relaydesk.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relaydesk.core.config.Setting;

/** Settings declared once: read in order of precedence, listed, documented from the declaration, and every name the code reads declared. */
class SettingsTest {
    @TempDir
    Path home;

    private Settings settings(Map<String, String> environment, Map<String, String> options, String file) throws IOException {
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/relaydesk.conf"), file, StandardCharsets.UTF_8);
        return new Settings(home, environment, options);
    }

    @Test
    void anOptionWinsOverTheEnvironmentWhichWinsOverTheFileWhichWinsOverTheDefault() throws Exception {
        String file = "relaydesk.http.port=7001\nrelaydesk.db.user=from-file\nrelaydesk.data=/srv/data\n";
        Settings settings = settings(Map.of("RELAYDESK_HTTP_PORT", "7002", "RELAYDESK_DB_USER", "from-environment"),
                Map.of("relaydesk.http.port", "7003"), file);
        assertThat(settings.get("relaydesk.http.port")).contains("7003");
        assertThat(settings.source("relaydesk.http.port")).isEqualTo(Settings.Source.OPTION);
        assertThat(settings.get("relaydesk.db.user")).contains("from-environment");
        assertThat(settings.source("relaydesk.db.user")).isEqualTo(Settings.Source.ENVIRONMENT);
        assertThat(settings.get("relaydesk.data")).contains("/srv/data");
        assertThat(settings.source("relaydesk.data")).isEqualTo(Settings.Source.FILE);
        assertThat(settings.get("relaydesk.base-url", "fallback")).isEqualTo("fallback");
        assertThat(settings.source("relaydesk.base-url")).isEqualTo(Settings.Source.DEFAULT);
    }

    @Test
    void theConfigurationFileCanLiveOutsideTheInstallation() throws Exception {
        Path elsewhere = Files.writeString(home.resolve("etc-relaydesk.conf"), "relaydesk.http.port=7100\n");
        Settings settings = new Settings(home, Map.of("RELAYDESK_CONF", elsewhere.toString()), Map.of());
        assertThat(settings.confFile()).isEqualTo(elsewhere);
        assertThat(settings.get("relaydesk.http.port")).contains("7100");
    }

    @Test
    void aMisspeltNameIsReportedAndAnUnknownOptionRefused() throws Exception {
        Settings settings = settings(Map.of(), Map.of(), "relaydesk.http.prot=9090\nrelaydesk.http.port=9091\n");
        assertThat(settings.unknownNamesInFile()).containsExactly("relaydesk.http.prot");
        assertThatThrownBy(() -> settings(Map.of(), Map.of("relaydesk.nope", "1"), "")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--set relaydesk.nope: no such setting");
    }

    @Test
    void setOptionsAreTakenOutOfTheArguments() {
        List<String> args = new ArrayList<>(List.of("--port", "9000", "--set", "relaydesk.demo=false", "--set=relaydesk.base-url=https://a.example/x=y"));
        assertThat(Launcher.options(args)).containsEntry("relaydesk.demo", "false").containsEntry("relaydesk.base-url", "https://a.example/x=y");
        assertThat(args).containsExactly("--port", "9000");
        assertThatThrownBy(() -> Launcher.options(new ArrayList<>(List.of("--set", "novalue")))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theOperatorGuidesTableIsTheDeclarationsOwn() throws Exception {
        String guide = Files.readString(Path.of("../docs/operator-guide.md"));
        String start = "<!-- settings table: generated from org.relaydesk.core.config.Setting by `bin/relaydesk config --markdown` -->\n";
        String end = "<!-- end of settings table -->";
        assertThat(guide).contains(start).contains(end);
        String documented = guide.substring(guide.indexOf(start) + start.length(), guide.indexOf(end));
        assertThat(documented).as("docs/operator-guide.md's settings table: paste the output of 'bin/relaydesk config --markdown'")
                .isEqualTo(Setting.markdownTable());
    }

    /** Set by the launcher for the server, never by an operator. */
    private static final java.util.Set<String> LAUNCHER_TO_SERVER = java.util.Set.of("relaydesk.admin.credentials-file");

    /** A name the code reads but nobody declared would be a setting no operator can find. */
    @Test
    void everySettingTheCodeReadsIsDeclaredWithTheDefaultTheCodeUses() throws IOException {
        Pattern read = Pattern.compile("(?:@(?:org\\.eclipse\\.microprofile\\.config\\.inject\\.)?ConfigProperty\\(name = |getOptionalValue\\(|"
                + "settings\\.get\\(|settings\\.path\\(|settings\\.source\\()\"(relaydesk\\.[a-z0-9.-]+)\"(?:, defaultValue = \"([^\"]*)\"\\s*[,)])?");
        TreeSet<String> undeclared = new TreeSet<>();
        List<String> differentDefaults = new ArrayList<>();
        int found = 0;
        for (String root : List.of("../core/src/main/java", "../webapp/src/main/java", "src/main/java")) {
            try (Stream<Path> files = Files.walk(Path.of(root))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Matcher matcher = read.matcher(Files.readString(file));
                    while (matcher.find()) {
                        found++;
                        var setting = Setting.named(matcher.group(1));
                        if (LAUNCHER_TO_SERVER.contains(matcher.group(1))) {
                            continue;
                        }
                        if (setting.isEmpty()) {
                            undeclared.add(matcher.group(1) + " (" + file.getFileName() + ")");
                        } else if (matcher.group(2) != null && setting.get().documentedDefault().matches("`[^`]*`")
                                && !setting.get().documentedDefault().equals("`" + matcher.group(2) + "`")) {
                            differentDefaults.add(matcher.group(1) + ": code " + matcher.group(2) + ", declared " + setting.get().documentedDefault());
                        }
                    }
                }
            }
        }
        assertThat(found).as("the scan finds the code's reads").isGreaterThan(30);
        assertThat(undeclared).as("read but not declared in Setting").isEmpty();
        assertThat(differentDefaults).isEmpty();
    }
}
