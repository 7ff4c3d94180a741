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
        assertThat(admin.post("/api/users", "{\"email\":\"agent@privacy-desk.test\",\"name\":\"Priya Agent\",\"role\":\"agent\","
                + "\"password\":\"privacy-agent-password\"}").status()).isEqualTo(201);
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

    /** Every text-like value of every table of the desk's database that mentions the needle (case-insensitive), as table.column. */
    private static List<String> tracesOf(String needle) throws Exception {
        List<String> found = new java.util.ArrayList<>();
        try (java.sql.Connection db = relaydesk.embeddedDatabase()) {
            List<String[]> columns = new java.util.ArrayList<>();
            try (java.sql.ResultSet rs = db.createStatement().executeQuery("SELECT table_name, column_name, data_type FROM information_schema.columns "
                    + "WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea', 'ARRAY', "
                    + "'tsvector', 'USER-DEFINED') ORDER BY table_name, column_name")) {
                while (rs.next()) {
                    columns.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
                }
            }
            for (String[] column : columns) {
                String value = column[2].equals("bytea") ? "encode(\"" + column[1] + "\", 'escape')" : "CAST(\"" + column[1] + "\" AS text)";
                try (java.sql.PreparedStatement query = db.prepareStatement("SELECT count(*) FROM \"" + column[0] + "\" WHERE lower(" + value + ") LIKE ?")) {
                    query.setString(1, "%" + needle.toLowerCase(java.util.Locale.ROOT) + "%");
                    try (java.sql.ResultSet rs = query.executeQuery()) {
                        rs.next();
                        if (rs.getLong(1) > 0) {
                            found.add(column[0] + "." + column[1]);
                        }
                    }
                }
            }
        }
        return found;
    }

    @Test
    void erasingAContactLeavesNoTraceOfTheirDataAnywhereWhileTheFiguresStay() throws Exception {
        // Zephyrine writes in, through the API and a web hook's eyes: a ticket, its subject changed, notes, a reply with a file, a phone number
        try (WebhookReceiver crm = new WebhookReceiver()) {
            assertThat(admin.post("/api/webhooks", Json.createObjectBuilder().add("url", crm.url("/crm")).add("description", "CRM")
                    .add("events", Json.createArrayBuilder().add("ticket.created").add("ticket.comment.added")).build()).status()).isEqualTo(201);
            JsonObject first = admin.post("/api/tickets", Json.createObjectBuilder().add("subject", "Zephyrine Quillfeather cannot log in")
                    .add("description", "Hello, this is Zephyrine Quillfeather of 9 Quayside Row; call me on +1 415 555 0177.")
                    .add("requester_email", "zephyrine.quill@erasure.test").add("requester_name", "Zephyrine Quillfeather").build()).json();
            String ticket = first.getString("id");
            String contact = first.getString("requester_id");
            assertThat(admin.post("/api/contacts/" + contact + "/identities", "{\"kind\":\"phone\",\"value\":\"+14155550177\"}").status()).isEqualTo(201);
            assertThat(admin.put("/api/tickets/" + ticket, "{\"subject\":\"Login trouble for Zephyrine Quillfeather\"}").status()).isEqualTo(200);
            assertThat(admin.post("/api/tickets/" + ticket + "/comments", "{\"body\":\"Zephyrine called from 415 555 0177 again\",\"is_internal\":true}")
                    .status()).isEqualTo(201);
            String file = admin.post("/api/tickets/" + ticket + "/attachments?filename=quillfeather-id.txt",
                    "passport of Zephyrine Quillfeather".getBytes(StandardCharsets.UTF_8), "text/plain").json().getString("id");
            assertThat(admin.post("/api/tickets/" + ticket + "/comments", "{\"body\":\"Dear Zephyrine, your access is back.\",\"attachment_ids\":[\""
                    + file + "\"]}").status()).isEqualTo(201);
            assertThat(admin.put("/api/tickets/" + ticket, "{\"status\":\"resolved\"}").status()).isEqualTo(200);
            String second = admin.post("/api/tickets", Json.createObjectBuilder().add("subject", "Invoice copy").add("description", "Please resend it.")
                    .add("requester_email", "zephyrine.quill@erasure.test").build()).json().getString("id");
            Await.await(() -> crm.requests("/crm").stream().anyMatch(r -> r.body().contains(second)) ? true : null, "the webhooks delivered");
        }
        assertThat(tracesOf("zephyrin")).as("her data is there before").isNotEmpty();
        String contact = admin.get("/api/tickets?limit=50").json().getJsonArray("tickets").getValuesAs(JsonObject.class).stream()
                .filter(t -> t.getString("requester_email", "").equals("zephyrine.quill@erasure.test")).findFirst().orElseThrow().getString("requester_id");
        String overview = admin.get("/api/tickets/analytics/overview").json().toString();
        String distribution = admin.get("/api/tickets/analytics/distribution").json().toString();

        // the preview changes nothing; a wrong confirmation neither
        JsonObject preview = admin.post("/api/contacts/" + contact + "/erasure", "{}").json();
        assertThat(preview.getBoolean("preview")).isTrue();
        assertThat(preview.getInt("tickets")).isEqualTo(2);
        assertThat(preview.getInt("identities")).isEqualTo(2);
        assertThat(preview.getInt("attachments")).isEqualTo(1);
        assertThat(preview.getInt("staff_messages")).isGreaterThanOrEqualTo(2);
        assertThat(preview.getInt("log_entries")).isPositive();
        Api.Reply unconfirmed = admin.post("/api/contacts/" + contact + "/erasure", "{\"dry_run\":false,\"confirm\":\"yes\"}");
        assertThat(unconfirmed.status()).isEqualTo(400);
        assertThat(unconfirmed.body()).contains("confirm");
        assertThat(tracesOf("zephyrin")).isNotEmpty();
        Api agent = admin.as(Api.login(relaydesk.baseUrl(), "agent@privacy-desk.test", "privacy-agent-password"));
        assertThat(agent.post("/api/contacts/" + contact + "/erasure", "{\"dry_run\":false,\"confirm\":\"" + contact + "\"}").status()).isEqualTo(403);
        Api neighbour = admin.as(Api.login(relaydesk.baseUrl(), "admin@neighbour.test", "neighbour-admin-pw"));
        assertThat(neighbour.post("/api/contacts/" + contact + "/erasure", "{\"dry_run\":false,\"confirm\":\"" + contact + "\"}").status()).isEqualTo(404);

        Api.Reply erased = admin.post("/api/contacts/" + contact + "/erasure", "{\"dry_run\":false,\"confirm\":\"" + contact + "\"}");
        assertThat(erased.status()).as(erased.body()).isEqualTo(200);
        assertThat(erased.json().getBoolean("preview")).isFalse();
        for (String needle : List.of("zephyrin", "quillfeat", "zephyrine.quill@erasure.test", "4155550177", "quayside")) {
            assertThat(tracesOf(needle)).as("traces of " + needle + " after the erasure").isEmpty();
        }
        assertThat(admin.get("/api/tickets/analytics/overview").json().toString()).as("the figures stay").isEqualTo(overview);
        assertThat(admin.get("/api/tickets/analytics/distribution").json().toString()).isEqualTo(distribution);
        assertThat(admin.get("/api/contacts/" + contact).json().getString("name")).isEqualTo("Erased contact");
        assertThat(admin.post("/api/contacts/" + contact + "/erasure", "{\"dry_run\":false,\"confirm\":\"" + contact + "\"}").status())
                .as("once").isEqualTo(409);
        JsonObject recorded = admin.get("/api/audit?action=privacy.contact_erased").json().getJsonArray("entries").getJsonObject(0);
        assertThat(recorded.getString("target_id")).isEqualTo(contact);
    }

    @Test
    void onThePrivacyPageAnAdminPreviewsAndConfirmsAnErasure() throws Exception {
        JsonObject ticket = admin.post("/api/tickets", Json.createObjectBuilder().add("subject", "Parcel for Ulrike Vantongeren")
                .add("description", "Ulrike Vantongeren, 3 Mill Lane").add("requester_email", "ulrike.v@erasure.test")
                .add("requester_name", "Ulrike Vantongeren").build()).json();
        String contact = ticket.getString("requester_id");
        try (Browser browser = new Browser(relaydesk.baseUrl())) {
            browser.signIn(ADMIN, PASSWORD);
            browser.waitFor(d -> d.getCurrentUrl().contains("/admin") ? true : null, "the admin's landing page");
            browser.open("/admin/privacy");
            browser.find("[id='privacy:query']").sendKeys("ulrike.v@erasure.test");
            browser.click("[id='privacy:search']");
            browser.waitForText("[id='privacy:matches']", "Ulrike Vantongeren");
            browser.click("button.rd-erase");
            browser.waitForText("[id='privacy:erasure-preview']", "This changes 1 request: ");
            browser.find("[id='privacy:confirmation']").sendKeys("erase it");
            browser.click("[id='privacy:erase']");
            browser.waitForText("[id='privacy:privacy-messages']", "Type ERASE to confirm");
            assertThat(admin.get("/api/contacts/" + contact).json().getString("name")).as("nothing erased yet").isEqualTo("Ulrike Vantongeren");
            browser.screenshot("admin-privacy-erase");

            browser.find("[id='privacy:confirmation']").clear();
            browser.find("[id='privacy:confirmation']").sendKeys("ERASE");
            browser.click("[id='privacy:erase']");
            browser.waitForText("[id='privacy:privacy-messages']", "The personal data of Ulrike Vantongeren was erased");
        }
        assertThat(admin.get("/api/contacts/" + contact).json().getString("name")).isEqualTo("Erased contact");
        JsonObject after = admin.get("/api/tickets/" + ticket.getString("id")).json();
        assertThat(after.getString("subject")).isEqualTo("[erased]");
        assertThat(after.getString("description")).isEqualTo("[erased]");
        assertThat(tracesOf("vantongeren")).isEmpty();
    }

    /** How many rows of the table have a text-like column mentioning the needle. */
    private static long rowsMentioning(String table, String column, String needle) throws Exception {
        try (java.sql.Connection db = relaydesk.embeddedDatabase();
                java.sql.PreparedStatement query = db.prepareStatement("SELECT count(*) FROM " + table + " WHERE lower(CAST(" + column + " AS text)) LIKE ?")) {
            query.setString(1, "%" + needle + "%");
            try (java.sql.ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void anErasureTouchesOnlyThePersonItIsAbout() throws Exception {
        try (WebhookReceiver crm = new WebhookReceiver()) {
            assertThat(admin.post("/api/webhooks", Json.createObjectBuilder().add("url", crm.url("/bystander")).add("description", "Bystander CRM")
                    .add("events", Json.createArrayBuilder().add("ticket.created")).build()).status()).isEqualTo(201);
            // Sol, whose short name is inside "resolved", and Joann, whose address holds Ann's
            JsonObject sol = admin.post("/api/tickets", Json.createObjectBuilder().add("subject", "Question").add("description", "a question")
                    .add("requester_email", "ann@bystander.test").add("requester_name", "Sol").build()).json();
            JsonObject joann = admin.post("/api/tickets", Json.createObjectBuilder().add("subject", "Joann's order").add("description", "where is it")
                    .add("requester_email", "joann@bystander.test").add("requester_name", "Joann Sol").build()).json();
            assertThat(admin.post("/api/tickets/" + sol.getString("id") + "/resolve", "{}").status()).isEqualTo(200);
            Await.await(() -> crm.requests("/bystander").stream().anyMatch(r -> r.body().contains("joann@bystander.test")) ? true : null,
                    "Joann's ticket delivered to the CRM");
            long joannDeliveries = rowsMentioning("webhook_deliveries", "body", "joann@bystander.test");
            assertThat(joannDeliveries).isPositive();

            Api.Reply erased = admin.post("/api/contacts/" + sol.getString("requester_id") + "/erasure",
                    "{\"dry_run\":false,\"confirm\":\"" + sol.getString("requester_id") + "\"}");
            assertThat(erased.status()).as(erased.body()).isEqualTo(200);
            assertThat(rowsMentioning("webhook_deliveries", "body", "joann@bystander.test")).as("Joann's deliveries kept").isEqualTo(joannDeliveries);
            assertThat(admin.get("/api/contacts/" + joann.getString("requester_id")).json().getString("name")).isEqualTo("Joann Sol");
            assertThat(admin.get("/api/tickets/" + joann.getString("id")).json().getString("description")).isEqualTo("where is it");
            List<String> statuses = admin.get("/api/tickets/" + sol.getString("id") + "/activities").json().getJsonArray("activities")
                    .getValuesAs(JsonObject.class).stream().filter(a -> "status".equals(a.getString("field", ""))).map(a -> a.getString("after", "").toLowerCase(java.util.Locale.ROOT))
                    .toList();
            assertThat(statuses).as("the status history, though \"resolved\" holds \"sol\"").contains("resolved");
        }
    }
}
