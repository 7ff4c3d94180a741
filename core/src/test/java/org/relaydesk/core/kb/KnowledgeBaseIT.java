package org.relaydesk.core.kb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.relaydesk.core.error.ConflictException;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.error.NotFoundException;
import org.relaydesk.core.error.PermissionDeniedException;
import org.relaydesk.core.persistence.SchemaMigrator;
import org.relaydesk.core.user.Role;
import org.relaydesk.testing.TestDatabase;

/**
 * The knowledge base on PostgreSQL: search that forgives typos and word forms with safe snippets,
 * who reads what (internal never to the public, another workspace never), who may write what,
 * versions, translations and feedback.
 */
class KnowledgeBaseIT {
    private static final UUID ACME = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
    private static final UUID GLOBEX = UUID.fromString("00000000-0000-0000-0000-0000000000b1");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T10:00:00Z"), ZoneOffset.UTC);

    private static TestDatabase database;
    private static Connection connection;
    private static KnowledgeBase supervisor;
    private static KnowledgeBase agent;
    private static KnowledgeBase visitor;
    private static KnowledgeBase customer;
    private static KnowledgeBase globexStaff;
    private static KbArticle reset;
    private static KbArticle resetGerman;
    private static KbArticle vpn;
    private static KbArticle refunds;
    private static KbArticle draft;
    private static KbCategory account;

    @BeforeAll
    static void migrateAndWrite() throws Exception {
        database = TestDatabase.create();
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(database.url());
        dataSource.setUser(database.user());
        SchemaMigrator.migrate(dataSource);
        connection = database.connect();
        try (Statement sql = connection.createStatement()) {
            sql.execute("INSERT INTO workspaces (id, name, slug) VALUES ('%s', 'Acme', 'acme'), ('%s', 'Globex', 'globex')".formatted(ACME, GLOBEX));
        }
        supervisor = new KnowledgeBase(connection, new Reader(ACME, Reader.Kind.STAFF, UUID.randomUUID(), "Sam Supervisor", Role.SUPERVISOR), CLOCK);
        agent = new KnowledgeBase(connection, new Reader(ACME, Reader.Kind.STAFF, UUID.randomUUID(), "Alice Agent", Role.AGENT), CLOCK);
        visitor = new KnowledgeBase(connection, Reader.visitor(ACME), CLOCK);
        customer = new KnowledgeBase(connection, Reader.customer(ACME, UUID.randomUUID()), CLOCK);
        globexStaff = new KnowledgeBase(connection, Reader.system(GLOBEX), CLOCK);

        account = supervisor.createCategory(new CategoryInput("Your account", null, "Sign-in and profile", null, 1));
        reset = publish(supervisor.create(input("Reset your password", "<p>Open <b>Settings</b>, choose <i>Security</i> and press "
                + "<em>Reset password</em>. Type &lt;script&gt;alert(1)&lt;/script&gt; nowhere, Tom &amp; Jerry: we email you a link.</p>"
                + "<script>alert('x')</script><img src=x onerror=alert(2)>", "en", "public", List.of("password", "Sign-in"), null)));
        resetGerman = publish(supervisor.create(input("Passwort zurücksetzen", "<p>Öffnen Sie die Einstellungen und setzen Sie Ihre Passwörter zurück.</p>",
                "de", "public", List.of("password"), reset.id())));
        vpn = publish(supervisor.create(input("Connect to the staff VPN", "<p>Internal: the VPN password is rotated monthly.</p>", "en",
                "internal", List.of("password"), null)));
        refunds = publish(supervisor.create(input("Refunds for customers", "<p>Signed-in customers can request refunds of their orders.</p>",
                "en", "customers", List.of("billing"), null)));
        draft = supervisor.create(input("Password policy draft", "<p>Passwords need twelve characters.</p>", "en", "public", List.of("password"), null));
        globexStaff.create(new ArticleInput("Globex password reset", null, null, "<p>Globex staff reset passwords here.</p>", "en", null,
                List.of(), "public", null, null, null));
        KbArticle globex = globexStaff.list(KbStore.Filter.none(), 0, 10).get(0);
        globexStaff.publish(globex.id());
    }

    @AfterAll
    static void drop() throws Exception {
        if (connection != null) {
            connection.close();
        }
        if (database != null) {
            database.close();
        }
    }

    private static ArticleInput input(String title, String body, String language, String visibility, List<String> tags, UUID translationOf) {
        return new ArticleInput(title, null, "About: " + title, body, language, account.id(), tags, visibility, null, translationOf, null);
    }

    private static KbArticle publish(KbArticle article) {
        return supervisor.publish(article.id());
    }

    @Test
    void aMisspelledQueryFindsTheArticle() {
        List<KbSearchHit> hits = visitor.search("pasword resett", "en", false, 10);
        assertThat(hits).isNotEmpty();
        assertThat(hits.get(0).title()).isEqualTo("Reset your password");
        assertThat(visitor.search("how do I chnage my pasword", null, false, 10)).extracting(KbSearchHit::title).contains("Reset your password");
    }

    @Test
    void aSlipIsCorrectedToTheWordsOfTitlesAsTheyAreNowAndNeverReachesPastTheVisibility() throws Exception {
        KbArticle article = publish(supervisor.create(input("Pair the thermostat", "<p>Hold the button.</p>", "en", "public", List.of(), null)));
        assertThat(visitor.search("thermostta", null, false, 10)).extracting(KbSearchHit::id).containsExactly(article.id());
        supervisor.update(article.id(), input("Pair the humidifier", "<p>Hold the button.</p>", "en", "public", List.of(), null));
        publish(article);
        assertThat(visitor.search("humidifer", null, false, 10)).as("the edited title's words").extracting(KbSearchHit::id)
                .containsExactly(article.id());
        assertThat(visitor.search("thermostta", null, false, 10)).as("the old title's word finds nothing any more").isEmpty();
        assertThat(visitor.search("hlod buton", null, false, 10)).as("slips are corrected in titles, summaries and tags, not bodies")
                .extracting(KbSearchHit::id).doesNotContain(article.id());
        // an internal article's title word is known to the corrector, but its article stays internal
        assertThat(visitor.search("staf vpnn", null, false, 10)).extracting(KbSearchHit::title).doesNotContain("Connect to the staff VPN");
        assertThat(agent.search("staf", null, false, 10)).extracting(KbSearchHit::title).contains("Connect to the staff VPN");
        try (Statement sql = connection.createStatement(); java.sql.ResultSet setting = sql.executeQuery("SHOW enable_seqscan")) {
            setting.next();
            assertThat(setting.getString(1)).as("the search leaves the connection's planner settings as it found them").isEqualTo("on");
        }
    }

    /** A 1x1 PNG. */
    private static final byte[] PNG = java.util.Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    @Test
    void filesGoWithTheirArticleToWhoeverMayReadItAndNobodyElse() {
        KbArticle guide = publish(supervisor.create(input("Screenshots of the dashboard", "<p>See the picture.</p>", "en", "public", List.of(), null)));
        KbFile picture = supervisor.attach(guide.id(), "../../dashboard.png", PNG);
        assertThat(picture.fileName()).as("no path in a name").isEqualTo("dashboard.png");
        assertThat(picture.contentType()).isEqualTo("image/png");
        assertThat(picture.isImage()).isTrue();
        assertThat(visitor.files(guide.id())).extracting(KbFile::id).containsExactly(picture.id());
        KbFile.Download download = visitor.download(guide.id(), picture.id());
        assertThat(download.content()).isEqualTo(PNG);
        assertThat(download.headers()).containsEntry("X-Content-Type-Options", "nosniff").containsEntry("Content-Security-Policy", "default-src 'none'; sandbox")
                .containsEntry("Content-Disposition", "inline; filename*=UTF-8''dashboard.png");

        KbFile internal = agent.attach(draft.id(), "policy.png", PNG);
        assertThatThrownBy(() -> visitor.files(draft.id())).as("a draft's files").isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> visitor.download(draft.id(), internal.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> visitor.download(guide.id(), internal.id())).as("another article's file through this one")
                .isInstanceOf(NotFoundException.class);
        KbFile vpnFile = supervisor.attach(vpn.id(), "vpn.png", PNG);
        assertThatThrownBy(() -> customer.download(vpn.id(), vpnFile.id())).as("an internal article's file").isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> globexStaff.download(guide.id(), picture.id())).as("another workspace").isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> visitor.attach(guide.id(), "x.png", PNG)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> agent.attach(guide.id(), "x.png", PNG)).as("a published article is a supervisor's to change")
                .isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> supervisor.attach(guide.id(), "page.png", "<html><script>alert(1)</script></html>".getBytes()))
                .as("the type is read from the bytes").isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> supervisor.attach(guide.id(), "empty.pdf", new byte[0])).isInstanceOf(InvalidInputException.class);

        supervisor.detach(guide.id(), picture.id());
        assertThat(visitor.files(guide.id())).isEmpty();
        assertThatThrownBy(() -> supervisor.detach(guide.id(), picture.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void wordFormsAreFoundInTheArticlesLanguage() {
        assertThat(visitor.search("resetting passwords", "en", false, 10)).extracting(KbSearchHit::title).first().isEqualTo("Reset your password");
        assertThat(visitor.search("Passwort zurücksetzen", "de", false, 10)).extracting(KbSearchHit::title).containsExactly("Passwort zurücksetzen");
        assertThat(visitor.search("Einstellung", "de", false, 10)).as("German stemming: Einstellungen").extracting(KbSearchHit::slug)
                .containsExactly("passwort-zurucksetzen");
        assertThat(visitor.search("emailed links", "en", false, 10)).extracting(KbSearchHit::title).containsExactly("Reset your password");
        assertThat(visitor.search("quantum entanglement", null, false, 10)).isEmpty();
    }

    @Test
    void snippetsMarkTheMatchAndEscapeTheText() {
        KbSearchHit hit = visitor.search("emailed", "en", false, 10).get(0);
        assertThat(hit.snippetHtml()).contains("<mark>email</mark>").contains("Tom &amp; Jerry").doesNotContain("\u0002");
        assertThat(hit.snippetHtml().replace("<mark>", "").replace("</mark>", "")).as("no markup but the marks").doesNotContain("<");
        assertThat(Snippets.toHtml("a \u0002<b>\u0003 & \"q\"")).isEqualTo("a <mark>&lt;b&gt;</mark> &amp; &quot;q&quot;");
    }

    @Test
    void scriptsAndEventHandlersAreRemovedFromBodies() {
        assertThat(reset.bodyHtml()).contains("<b>Settings</b>").doesNotContain("<script>").doesNotContain("onerror").doesNotContain("alert('x')");
        assertThat(supervisor.create(input("Only a script", "<script>alert(1)</script>", "en", "public", List.of(), null)).bodyHtml())
                .as("no markup: shown as the text it is").isEqualTo("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>");
        assertThatThrownBy(() -> supervisor.create(input("Only a hidden script", "<p><script>alert(1)</script></p>", "en", "public", List.of(), null)))
                .isInstanceOf(InvalidInputException.class).satisfies(e -> assertThat(((InvalidInputException) e).fieldErrors()).containsKey("body"));
    }

    @Test
    void thePublicNeverSeesInternalCustomerOnlyOrDraftArticles() {
        assertThat(visitor.search("password", null, false, 20)).extracting(KbSearchHit::title)
                .contains("Reset your password").doesNotContain("Connect to the staff VPN", "Password policy draft", "Globex password reset");
        assertThat(visitor.search("refunds", null, false, 20)).isEmpty();
        assertThatThrownBy(() -> visitor.articleBySlug(vpn.slug())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> visitor.article(vpn.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> visitor.article(refunds.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> visitor.articleBySlug(draft.slug())).isInstanceOf(NotFoundException.class);
        assertThat(visitor.published(null, null, 50)).extracting(KbArticle::visibility).containsOnly(Visibility.PUBLIC);
        assertThat(visitor.sitemap()).extracting(KbStore.SitemapEntry::slug).containsExactlyInAnyOrder(reset.slug(), resetGerman.slug());
        assertThat(visitor.related(reset, 10)).extracting(KbArticle::title).doesNotContain("Connect to the staff VPN", "Password policy draft");
        assertThatThrownBy(() -> visitor.list(KbStore.Filter.none(), 0, 10)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> visitor.versions(reset.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void customersAlsoReadCustomerOnlyArticlesAndStaffReadEverything() {
        assertThat(customer.search("refunds", null, false, 10)).extracting(KbSearchHit::title).containsExactly("Refunds for customers");
        assertThat(customer.article(refunds.id()).title()).isEqualTo("Refunds for customers");
        assertThatThrownBy(() -> customer.article(vpn.id())).isInstanceOf(NotFoundException.class);
        assertThat(agent.search("vpn password", null, false, 10)).extracting(KbSearchHit::title).contains("Connect to the staff VPN");
        assertThat(agent.search("password policy", null, true, 10)).extracting(KbSearchHit::title).contains("Password policy draft");
        assertThat(visitor.search("password policy", null, true, 10)).as("drafts are for staff, whatever is asked")
                .extracting(KbSearchHit::title).doesNotContain("Password policy draft");
    }

    @Test
    void anotherWorkspaceIsNeverSeenNorChanged() {
        assertThat(globexStaff.search("password", null, true, 20)).extracting(KbSearchHit::title).containsExactly("Globex password reset");
        assertThatThrownBy(() -> globexStaff.article(reset.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> globexStaff.update(reset.id(), input("Hijacked", "<p>x</p>", "en", "public", List.of(), null)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> globexStaff.publish(draft.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> globexStaff.create(input("Into Acme", "<p>x</p>", "fr", "public", List.of(), reset.id())))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> globexStaff.create(new ArticleInput("Acme category", null, null, "<p>x</p>", "en", account.id(), null, null, null,
                null, null))).isInstanceOf(InvalidInputException.class);
        assertThat(supervisor.article(reset.id()).title()).isEqualTo("Reset your password");
    }

    @Test
    void agentsWriteDraftsAndOnlySupervisorsPublish() {
        KbArticle mine = agent.create(new ArticleInput("Agent notes on printers", null, "", "<p>Restart the spooler.</p>", "en", null,
                List.of("printer"), "internal", null, null, null));
        assertThat(mine.status()).isEqualTo(ArticleStatus.DRAFT);
        assertThat(mine.authorName()).isEqualTo("Alice Agent");
        KbArticle edited = agent.update(mine.id(), new ArticleInput("Agent notes on printers", null, "", "<p>Restart the print spooler.</p>", "en",
                null, List.of("printer"), "internal", null, null, "clearer"));
        assertThat(edited.version()).isEqualTo(2);
        assertThatThrownBy(() -> agent.publish(mine.id())).isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> agent.update(reset.id(), input("Reset your password", "<p>changed</p>", "en", "public", List.of(), null)))
                .isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> agent.delete(mine.id())).isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> agent.createCategory(new CategoryInput("Agents' corner", null, null, null, null)))
                .isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> visitor.create(input("From outside", "<p>x</p>", "en", "public", List.of(), null)))
                .isInstanceOf(NotFoundException.class);
        assertThat(supervisor.publish(mine.id()).status()).isEqualTo(ArticleStatus.PUBLISHED);
    }

    @Test
    void everySaveIsAVersionAndAnEarlierOneCanBeRestored() {
        KbArticle article = supervisor.create(input("Change your email address", "<p>First wording.</p>", "en", "public", List.of(), null));
        supervisor.update(article.id(), input("Change your email address", "<p>Second wording.</p>", "en", "public", List.of("email"), null));
        assertThat(supervisor.versions(article.id())).extracting(KbVersion::number).containsExactly(2, 1);
        KbArticle reverted = supervisor.revert(article.id(), 1);
        assertThat(reverted.bodyHtml()).contains("First wording.");
        assertThat(reverted.version()).isEqualTo(3);
        assertThat(supervisor.versions(article.id()).get(0).note()).isEqualTo("Reverted to version 1");
        assertThat(supervisor.search("first wording", null, true, 5)).extracting(KbSearchHit::id).contains(article.id());
        assertThatThrownBy(() -> supervisor.revert(article.id(), 9)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void translationsShareAGroupWithOneArticlePerLanguage() {
        assertThat(visitor.translations(reset)).extracting(KbArticle::language).containsExactly("de", "en");
        assertThatThrownBy(() -> supervisor.create(input("Passwort vergessen", "<p>x</p>", "de", "public", List.of(), reset.id())))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> supervisor.create(input("Reset your password", "<p>x</p>", "fr", "public", List.of(), reset.id())))
                .as("the slug is taken").isInstanceOf(ConflictException.class);
    }

    @Test
    void oddSlugsLanguagesAndQueriesAreRefusedOrNotFound() {
        for (String slug : List.of("../etc/passwd", "reset%2Fyour", "Reset-Your-Password", "reset--password", "", "ü")) {
            assertThatThrownBy(() -> visitor.articleBySlug(slug)).as(slug).isInstanceOf(NotFoundException.class);
        }
        assertThatThrownBy(() -> supervisor.create(new ArticleInput("Bad", "Not A Slug", null, "<p>x</p>", "english!", null, null, "secret", null,
                null, null))).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).fieldErrors()).containsKeys("slug", "language", "visibility"));
        assertThatThrownBy(() -> visitor.search("x".repeat(201), null, false, 10)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> visitor.search("  ", null, false, 10)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> visitor.search("password", "../../de", false, 10)).isInstanceOf(InvalidInputException.class);
        assertThat(visitor.search("!!! & | <-> :* ' \"", null, false, 10)).as("operators are text, never an error").isEmpty();
        assertThat(Slugs.fromTitle("Réinitialiser le mot de passe !")).isEqualTo("reinitialiser-le-mot-de-passe");
    }

    @Test
    void feedbackCountsOncePerVisitor() {
        assertThat(visitor.feedback(reset.id(), "visitor-1", true)).isTrue();
        assertThat(visitor.feedback(reset.id(), "visitor-1", false)).isFalse();
        assertThat(visitor.feedback(reset.id(), "visitor-2", false)).isTrue();
        assertThatThrownBy(() -> visitor.feedback(vpn.id(), "visitor-1", true)).isInstanceOf(NotFoundException.class);
        KbArticle counted = supervisor.article(reset.id());
        assertThat(counted.helpfulYes()).isEqualTo(1);
        assertThat(counted.helpfulNo()).isEqualTo(1);
        visitor.viewed(counted);
        supervisor.viewed(counted);
        assertThat(supervisor.article(reset.id()).viewCount()).as("staff previews are not readership").isEqualTo(1);
    }

    @Test
    void categoriesFormATreeWithoutCycles() {
        KbCategory parent = supervisor.createCategory(new CategoryInput("Billing", null, null, null, 2));
        KbCategory child = supervisor.createCategory(new CategoryInput("Invoices", null, null, parent.id(), 1));
        assertThatThrownBy(() -> supervisor.updateCategory(parent.id(), new CategoryInput("Billing", "billing", null, child.id(), 2)))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> supervisor.deleteCategory(parent.id())).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> supervisor.createCategory(new CategoryInput("Billing", null, null, null, 2))).isInstanceOf(ConflictException.class);
        assertThat(visitor.categoryBySlug("invoices").parentId()).isEqualTo(parent.id());
        assertThat(globexStaff.categories()).isEmpty();
        supervisor.deleteCategory(child.id());
        supervisor.deleteCategory(parent.id());
    }

    @Test
    void theEditorDeletesOnlyEmptyCategoriesAndSaysWhy() {
        KbCategory shipping = supervisor.createCategory(new CategoryInput("Shipping", null, null, null, 3));
        KbCategory customs = supervisor.createCategory(new CategoryInput("Customs", null, null, shipping.id(), 1));
        KbArticle parcel = supervisor.create(new ArticleInput("Where is my parcel", null, null, "<p>Track it.</p>", "en", customs.id(),
                List.of(), "internal", null, null, null));
        assertThat(supervisor.articleCounts()).containsEntry(customs.id(), 1).doesNotContainKey(shipping.id());
        assertThatThrownBy(() -> supervisor.deleteEmptyCategory(shipping.id())).isInstanceOf(ConflictException.class)
                .hasMessageContaining("1 sub-category");
        assertThatThrownBy(() -> supervisor.deleteEmptyCategory(customs.id())).isInstanceOf(ConflictException.class)
                .hasMessageContaining("still holds 1 article");
        assertThatThrownBy(() -> agent.deleteEmptyCategory(customs.id())).isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> visitor.articleCounts()).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> globexStaff.deleteEmptyCategory(customs.id())).isInstanceOf(NotFoundException.class);
        assertThat(globexStaff.articleCounts()).doesNotContainKey(customs.id());
        supervisor.delete(parcel.id());
        supervisor.deleteEmptyCategory(customs.id());
        supervisor.deleteEmptyCategory(shipping.id());
        assertThat(supervisor.categories()).extracting(KbCategory::name).doesNotContain("Shipping", "Customs");
    }
}
