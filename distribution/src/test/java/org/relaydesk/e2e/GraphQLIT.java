package org.relaydesk.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GraphQL on the demo desk: the same tickets, people and rules as REST; mutations that change what
 * REST then reads, all or nothing; depth, complexity and size limits; a read-only token cannot
 * change anything; another workspace's admin reaches nothing of this one; the admins' console.
 */
class GraphQLIT {
    private static RelaydeskProcess relaydesk;
    private static Api admin;

    @BeforeAll
    static void start() throws Exception {
        relaydesk = RelaydeskProcess.sharedDemoDesk();
        admin = new Api(relaydesk.baseUrl(), Api.login(relaydesk.baseUrl(), RelaydeskProcess.DEMO_ADMIN_EMAIL, RelaydeskProcess.DEMO_ADMIN_PASSWORD));
    }

    private static Api.Reply graphql(Api api, String query) throws Exception {
        return graphql(api, query, null);
    }

    private static Api.Reply graphql(Api api, String query, JsonObject variables) throws Exception {
        var body = Json.createObjectBuilder().add("query", query);
        if (variables != null) {
            body.add("variables", variables);
        }
        return api.post("/graphql", body.build());
    }

    @Test
    void aQueryReadsTheTicketsPeopleAndConversationsRestReads() throws Exception {
        Api.Reply reply = graphql(admin, "{ me { name role } tickets(first: 5) { total tickets { id ticketNumber subject status priority tags"
                + " requester { name email } assignee { name } team { name members { name } } category { name } sla { state policy { name } }"
                + " comments(first: 3) { body isInternal authorType createdAt } } } }");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonObject data = reply.json().getJsonObject("data");
        assertThat(reply.json().containsKey("errors")).as(reply.body()).isFalse();
        assertThat(data.getJsonObject("me").getString("role")).isEqualTo("admin");
        List<JsonObject> tickets = data.getJsonObject("tickets").getJsonArray("tickets").getValuesAs(JsonObject.class);
        assertThat(tickets).hasSize(5);
        JsonObject first = tickets.get(0);
        JsonObject rest = admin.get("/api/tickets/" + first.getString("id")).json();
        assertThat(first.getString("ticketNumber")).isEqualTo(rest.getString("ticket_number"));
        assertThat(first.getString("subject")).isEqualTo(rest.getString("subject"));
        assertThat(first.getJsonObject("requester").getString("name")).isEqualTo(rest.getString("requester_name"));
        assertThat(data.getJsonObject("tickets").getInt("total")).isGreaterThanOrEqualTo(5);

        Api.Reply byNumber = graphql(admin, "query($n: Int) { ticket(number: $n) { id subject } }",
                Json.createObjectBuilder().add("n", rest.getInt("number")).build());
        assertThat(byNumber.json().getJsonObject("data").getJsonObject("ticket").getString("id")).isEqualTo(first.getString("id"));

        HttpResponse<String> schema = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(relaydesk.baseUrl() + "/graphql/schema.graphql"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(schema.statusCode()).isEqualTo(200);
        assertThat(schema.body()).contains("type Query").contains("type Mutation").contains("createTicket");
    }

    @Test
    void mutationsChangeWhatRestReadsAndARefusedOneChangesNothing() throws Exception {
        Api.Reply made = graphql(admin, "mutation($in: CreateTicketInput!) { createTicket(input: $in) { id ticketNumber status priority requester { email } } }",
                Json.createObjectBuilder().add("in", Json.createObjectBuilder().add("subject", "Made through GraphQL").add("description", "Hello")
                        .add("requesterEmail", "graph@customer.test").add("priority", "high").add("tags", Json.createArrayBuilder().add("graphql"))).build());
        assertThat(made.status()).as(made.body()).isEqualTo(200);
        JsonObject ticket = made.json().getJsonObject("data").getJsonObject("createTicket");
        String id = ticket.getString("id");
        assertThat(ticket.getString("priority")).isEqualTo("high");
        assertThat(ticket.getJsonObject("requester").getString("email")).isEqualTo("graph@customer.test");
        Api.Reply commented = graphql(admin, "mutation { addComment(ticketId: \"" + id + "\", body: \"Checked the logs\", internal: true) { isInternal body } "
                + "resolveTicket(id: \"" + id + "\") { status } }");
        assertThat(commented.json().getJsonObject("data").getJsonObject("resolveTicket").getString("status")).as(commented.body()).isEqualTo("resolved");
        JsonObject rest = admin.get("/api/tickets/" + id).json();
        assertThat(rest.getString("status")).isEqualTo("resolved");
        assertThat(rest.getJsonArray("tags").toString()).contains("graphql");
        assertThat(admin.get("/api/tickets/" + id + "/comments").body()).contains("Checked the logs");

        Api.Reply refused = graphql(admin, "mutation { reopenTicket(id: \"" + id + "\") { status } "
                + "updateTicket(id: \"" + id + "\", input: {priority: \"whenever\"}) { priority } }");
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.body()).contains("BAD_USER_INPUT").contains("NOT_APPLIED");
        assertThat(admin.get("/api/tickets/" + id).json().getString("status")).as("the reopening was undone with the request").isEqualTo("resolved");
        Api.Reply unknown = graphql(admin, "mutation { resolveTicket(id: \"00000000-0000-0000-0000-000000000000\") { status } }");
        assertThat(unknown.body()).contains("NOT_FOUND");
    }

    @Test
    void deepCostlyOrHugeQueriesAreRefusedBeforeTheyRun() throws Exception {
        Api.Reply deep = graphql(admin, "{ tickets(first: 1) { tickets { team { members { name } } category { parent { parent { parent { parent { parent { name } } } } } } } } }");
        assertThat(deep.status()).isEqualTo(200);
        assertThat(deep.body()).containsIgnoringCase("depth").doesNotContain("\"data\":{\"tickets\"");
        Api.Reply costly = graphql(admin, "{ tickets(first: 100) { tickets { comments(first: 100) { body } } } }");
        assertThat(costly.body()).containsIgnoringCase("complexity");
        StringBuilder aliases = new StringBuilder("{");
        for (int i = 0; i < 25; i++) {
            aliases.append(" a").append(i).append(": tickets(first: 1) { total }");
        }
        assertThat(graphql(admin, aliases.append(" }").toString()).body()).as("each alias is another search").containsIgnoringCase("complexity");
        Api.Reply huge = graphql(admin, "{ me { name } }" + " ".repeat(20_001));
        assertThat(huge.status()).isEqualTo(400);
        assertThat(graphql(admin, "{ tickets(first: 1000) { total } }").body()).contains("BAD_USER_INPUT");
        assertThat(graphql(admin, "{ nosuchfield }").body()).contains("errors");
        assertThat(admin.post("/graphql", "{\"query\": 42}").status()).isEqualTo(400);
        assertThat(admin.post("/graphql", "not json").status()).isEqualTo(400);
        Api.Reply introspection = graphql(admin, "{ __schema { queryType { name } } }");
        assertThat(introspection.body()).contains("\"Query\"");
    }

    @Test
    void withoutATokenNothingAndWithAReadOnlyTokenNoChanges() throws Exception {
        assertThat(graphql(admin.as(null), "{ me { name } }").status()).isEqualTo(401);
        Api.Reply token = admin.post("/api/auth/tokens", "{\"name\":\"GraphQL reader\",\"scopes\":[\"read\"]}");
        assertThat(token.status()).as(token.body()).isEqualTo(201);
        Api reader = admin.as(token.json().getString("token"));
        assertThat(graphql(reader, "{ me { name } }").json().getJsonObject("data").getJsonObject("me").getString("name")).isNotBlank();
        Api.Reply change = graphql(reader, "mutation { createTicket(input: {subject: \"Sneaky\", requesterEmail: \"s@x.test\"}) { id } }");
        assertThat(change.status()).isEqualTo(403);
        // a blank operation name is no name: the document's only operation, a mutation, still needs the write scope
        Api.Reply blankName = reader.post("/graphql", Json.createObjectBuilder().add("query",
                "mutation { createTicket(input: {subject: \"Sneaky\", requesterEmail: \"s@x.test\"}) { id } }").add("operationName", "").build());
        assertThat(blankName.status()).as(blankName.body()).isEqualTo(403);
        Api.Reply otherName = reader.post("/graphql", Json.createObjectBuilder().add("query",
                "query Q { me { name } } mutation M { createTicket(input: {subject: \"Sneaky\", requesterEmail: \"s@x.test\"}) { id } }")
                .add("operationName", "Nope").build());
        assertThat(otherName.status()).as("no such operation").isEqualTo(400);
        Api.Reply twoWithoutName = reader.post("/graphql", Json.createObjectBuilder().add("query",
                "query Q { me { name } } mutation M { createTicket(input: {subject: \"Sneaky\", requesterEmail: \"s@x.test\"}) { id } }").build());
        assertThat(twoWithoutName.status()).isEqualTo(400);
        assertThat(admin.get("/api/tickets?q=Sneaky").body()).doesNotContain("Sneaky");
    }

    @Test
    void anotherWorkspacesAdminReachesNothingOfThisOne() throws Exception {
        JsonObject ours = graphql(admin, "{ tickets(first: 1) { tickets { id subject requester { id } } } }").json().getJsonObject("data")
                .getJsonObject("tickets").getJsonArray("tickets").getJsonObject(0);
        String slug = "gql-" + System.nanoTime();
        Api.Reply other = admin.post("/api/workspaces", "{\"name\":\"Elsewhere\",\"slug\":\"" + slug + "\",\"admin\":{\"email\":\"admin@" + slug
                + ".test\",\"name\":\"Else Admin\",\"password\":\"else-admin-pw\"}}");
        assertThat(other.status()).as(other.body()).isEqualTo(201);
        Api elsewhere = admin.as(Api.login(relaydesk.baseUrl(), "admin@" + slug + ".test", "else-admin-pw"));
        Api.Reply answer = graphql(elsewhere, "{ ticket(id: \"" + ours.getString("id") + "\") { subject } contact(id: \""
                + ours.getJsonObject("requester").getString("id") + "\") { name } tickets(first: 100) { total tickets { subject } } users { email } }");
        assertThat(answer.json().containsKey("errors")).as(answer.body()).isFalse();
        JsonObject seen = answer.json().getJsonObject("data");
        assertThat(seen.isNull("ticket")).isTrue();
        assertThat(seen.isNull("contact")).isTrue();
        assertThat(seen.getJsonObject("tickets").getInt("total")).isZero();
        assertThat(seen.getJsonArray("users").toString()).contains("admin@" + slug + ".test").doesNotContain(RelaydeskProcess.DEMO_ADMIN_EMAIL);
        Api.Reply stolen = graphql(elsewhere, "mutation { resolveTicket(id: \"" + ours.getString("id") + "\") { status } }");
        assertThat(stolen.body()).contains("NOT_FOUND");
    }

    @Test
    void anAdminTriesAQueryInTheConsole() throws Exception {
        try (Browser browser = new Browser(relaydesk.baseUrl())) {
            browser.signIn(RelaydeskProcess.DEMO_ADMIN_EMAIL, RelaydeskProcess.DEMO_ADMIN_PASSWORD);
            browser.waitFor(d -> d.getCurrentUrl().contains("/admin/") ? true : null, "signed in");
            browser.open("/admin/graphql");
            browser.click("[id='graphql:run']");
            browser.waitForText("#result", "\"ticketNumber\"");
            assertThat(browser.find("#result").getText()).contains("\"role\": \"admin\"");
        }
    }
}
