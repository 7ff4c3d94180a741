package org.relaydesk.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Privacy requests: an admin finds a contact and downloads everything the workspace holds about them,
 * through the API and the panel; nobody else can. The workspace is the class's own on the shared desk.
 */
class PrivacyIT {
    private static final String ADMIN = "admin@privacy-desk.test";
    private static final String PASSWORD = "privacy-desk-password";
    private static RelaydeskProcess relaydesk;
    private static Api admin;
    private static String riaTicket;
    private static long riaNumber;
    private static String riaContact;

    @BeforeAll
    static void start() throws Exception {
        relaydesk = RelaydeskProcess.sharedDemoDesk();
        admin = RelaydeskProcess.ownWorkspace("Privacy Desk", "privacy-desk", ADMIN, PASSWORD);
        JsonObject ticket = admin.post("/api/tickets", Json.createObjectBuilder().add("subject", "My order 5521 never came")
                .add("description", "Ria Patel, 12 Elm Street, ordered on Monday.").add("requester_email", "ria@privacy.test")
                .add("requester_name", "Ria Patel").build()).json();
        riaTicket = ticket.getString("id");
        riaNumber = ticket.getJsonNumber("number").longValue();
        riaContact = ticket.getString("requester_id");
        assertThat(admin.post("/api/tickets/" + riaTicket + "/comments", "{\"body\":\"Courier says it was left at the door\",\"is_internal\":true}")
                .status()).isEqualTo(201);
        String file = admin.post("/api/tickets/" + riaTicket + "/attachments?filename=label.txt",
                "tracking RD-5521-XY".getBytes(StandardCharsets.UTF_8), "text/plain").json().getString("id");
        assertThat(admin.post("/api/tickets/" + riaTicket + "/comments", "{\"body\":\"We are sending a new parcel today.\",\"attachment_ids\":[\""
                + file + "\"]}").status()).isEqualTo(201);
        assertThat(admin.post("/api/contacts/" + riaContact + "/identities", "{\"kind\":\"phone\",\"value\":\"+14155550123\"}").status())
                .isEqualTo(201);
        // someone else's request: never in Ria's archive
        admin.post("/api/tickets", Json.createObjectBuilder().add("subject", "Invoice for Omar").add("description", "Omar's invoice address")
                .add("requester_email", "omar@privacy.test").add("requester_name", "Omar Haddad").build());
    }

    private static Map<String, byte[]> unzip(byte[] archive) throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null;) {
                entries.put(entry.getName(), zip.readAllBytes());
            }
        }
        return entries;
    }

    private static JsonObject json(byte[] content) {
        return Json.createReader(new java.io.StringReader(new String(content, StandardCharsets.UTF_8))).readObject();
    }

    @Test
    void anAdminDownloadsEverythingHeldAboutAContactWithChecksums() throws Exception {
        HttpResponse<byte[]> answer = admin.getBytes("/api/contacts/" + riaContact + "/export");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/zip");
        assertThat(answer.headers().firstValue("Content-Disposition").orElse("")).contains("attachment").contains(".zip");
        Map<String, byte[]> files = unzip(answer.body());
        assertThat(files).containsKeys("contact.json", "tickets/" + riaNumber + ".json", "messages-on-other-tickets.json", "README.txt",
                "manifest.json");

        JsonObject contact = json(files.get("contact.json"));
        assertThat(contact.getString("name")).isEqualTo("Ria Patel");
        assertThat(contact.getString("email")).isEqualTo("ria@privacy.test");
        assertThat(contact.getJsonArray("identities").toString()).contains("ria@privacy.test").contains("+14155550123");

        JsonObject ticket = json(files.get("tickets/" + riaNumber + ".json"));
        assertThat(ticket.getString("subject")).isEqualTo("My order 5521 never came");
        assertThat(ticket.getString("description")).contains("12 Elm Street");
        List<JsonObject> messages = ticket.getJsonArray("messages").getValuesAs(JsonObject.class);
        assertThat(messages).extracting(m -> m.getString("text"))
                .contains("Courier says it was left at the door", "We are sending a new parcel today.");
        assertThat(messages).filteredOn(m -> m.getString("text").startsWith("Courier")).allMatch(m -> m.getBoolean("internal"));
        JsonObject attachment = ticket.getJsonArray("attachments").getJsonObject(0);
        assertThat(attachment.getString("name")).isEqualTo("label.txt");
        assertThat(new String(files.get(attachment.getString("file")), StandardCharsets.UTF_8)).isEqualTo("tracking RD-5521-XY");

        assertThat(files.keySet()).noneMatch(name -> name.contains(".."));
        assertThat(files.values().stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList()).noneMatch(text -> text.contains("Omar"));
        JsonObject manifest = json(files.get("manifest.json"));
        assertThat(manifest.getInt("tickets")).isEqualTo(1);
        JsonObject sums = manifest.getJsonObject("sha256");
        assertThat(sums.keySet()).containsAll(files.keySet().stream().filter(n -> !n.equals("manifest.json")).toList());
        for (String name : sums.keySet()) {
            assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(files.get(name)))).as(name)
                    .isEqualTo(sums.getString(name));
        }

        JsonObject recorded = admin.get("/api/audit?action=privacy.contact_exported").json().getJsonArray("entries").getJsonObject(0);
        assertThat(recorded.getString("target_id")).isEqualTo(riaContact);
        assertThat(recorded.toString()).as("the audit log names the contact by id only").doesNotContain("Ria").doesNotContain("ria@");
    }

    @Test
    void nobodyButTheWorkspacesAdminsGetsAnExport() throws Exception {
        assertThat(admin.post("/api/users", "{\"email\":\"agent@privacy-desk.test\",\"name\":\"Priya Agent\",\"role\":\"agent\","
                + "\"password\":\"privacy-agent-password\"}").status()).isEqualTo(201);
        Api agent = admin.as(Api.login(relaydesk.baseUrl(), "agent@privacy-desk.test", "privacy-agent-password"));
        assertThat(agent.getBytes("/api/contacts/" + riaContact + "/export").statusCode()).isEqualTo(403);
        Api neighbour = admin.as(Api.login(relaydesk.baseUrl(), "admin@neighbour.test", "neighbour-admin-pw"));
        assertThat(neighbour.getBytes("/api/contacts/" + riaContact + "/export").statusCode()).isEqualTo(404);
        for (String odd : List.of("not-a-uuid", "..%2F..%2Fetc%2Fpasswd", "00000000-0000-0000-0000-000000000000")) {
            assertThat(admin.getBytes("/api/contacts/" + odd + "/export").statusCode()).as(odd).isIn(400, 404);
        }
        assertThat(new Api(relaydesk.baseUrl(), null).getBytes("/api/contacts/" + riaContact + "/export").statusCode()).isEqualTo(401);
    }

    @Test
    void onThePrivacyPageAnAdminFindsTheContactByNumberAndDownloadsTheArchive() throws Exception {
        try (Browser browser = new Browser(relaydesk.baseUrl())) {
            browser.signIn(ADMIN, PASSWORD);
            browser.waitFor(d -> d.getCurrentUrl().contains("/admin") ? true : null, "the admin's landing page");
            browser.open("/admin/privacy");
            browser.find("[id='privacy:query']").sendKeys("+1 (415) 555-0123");
            browser.click("[id='privacy:search']");
            browser.waitForText("[id='privacy:matches']", "Ria Patel");
            assertThat(browser.find("[id='privacy:matches']").getText()).contains("ria@privacy.test").doesNotContain("Omar");
            String link = browser.find("a.rd-export").getAttribute("href");
            assertThat(link).endsWith("/admin/privacy/export?contact=" + riaContact);
            browser.screenshot("admin-privacy");

            String session = browser.driver.manage().getCookieNamed("RELAYDESK_SESSION").getValue();
            HttpResponse<byte[]> download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(link))
                    .header("Cookie", "RELAYDESK_SESSION=" + session).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(unzip(download.body())).containsKey("tickets/" + riaNumber + ".json");
            HttpResponse<byte[]> bad = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(relaydesk.baseUrl()
                    + "/admin/privacy/export?contact=nonsense")).header("Cookie", "RELAYDESK_SESSION=" + session).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(bad.statusCode()).isEqualTo(400);
        }
    }
}
