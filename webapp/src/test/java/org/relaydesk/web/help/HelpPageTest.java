package org.relaydesk.web.help;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.relaydesk.web.security.SecurityHeaders;

/** The help centre's head for search engines, its escaping, and its no-script policy. */
class HelpPageTest {
    @Test
    void theHeadCarriesTitleDescriptionCanonicalOpenGraphAndAlternatesAllEscaped() {
        String html = new HelpPage("Acme \"<b>\"", "#3B82F6", "/help", "/help/search", null).title("Reset <your> password").article().language("de")
                .description("Steps & tips").canonical("https://help.example/help/article/reset").alternate("en", "https://help.example/help/article/reset-en")
                .render("<p>body</p>");
        assertThat(html).contains("<html lang=\"de\">")
                .contains("<title>Reset &lt;your&gt; password – Acme &quot;&lt;b&gt;&quot; Help Centre</title>")
                .contains("<meta name=\"description\" content=\"Steps &amp; tips\">")
                .contains("<link rel=\"canonical\" href=\"https://help.example/help/article/reset\">")
                .contains("<meta property=\"og:type\" content=\"article\">")
                .contains("<link rel=\"alternate\" hreflang=\"en\" href=\"https://help.example/help/article/reset-en\">")
                .doesNotContain("<b>").doesNotContain("<script");
    }

    @Test
    void descriptionsAreShortAndLanguagesNamedInTheirOwnWords() {
        assertThat(HelpHtml.description("", "word ".repeat(100))).hasSizeLessThanOrEqualTo(161).endsWith("…");
        assertThat(HelpHtml.description("Short summary", "ignored")).isEqualTo("Short summary");
        assertThat(HelpHtml.languageName("de")).isEqualTo("Deutsch");
    }

    @Test
    void helpPagesRunNoScripts() {
        assertThat(SecurityHeaders.forPath("/help/article/reset").get("Content-Security-Policy")).contains("script-src 'none'");
    }
}
