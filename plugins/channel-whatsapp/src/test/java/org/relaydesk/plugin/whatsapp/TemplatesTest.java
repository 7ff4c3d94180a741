package org.relaydesk.plugin.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.relaydesk.plugin.whatsapp.Fixture.CHANNEL;
import static org.relaydesk.plugin.whatsapp.Fixture.HOST;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.relaydesk.api.channel.MessageTemplate;
import org.relaydesk.api.channel.MessageTemplate.Approval;
import org.relaydesk.api.channel.MessageTemplate.Variable;
import org.relaydesk.plugin.whatsapp.fake.FakeGraphApi;

/** The business account's templates, listed page by page from the fake Graph API, with approval and variables. */
class TemplatesTest {
    private FakeGraphApi graph;

    @BeforeEach
    void start() throws Exception {
        graph = FakeGraphApi.start(Fixture.ACCESS_TOKEN);
        graph.addTemplate("""
                {"name":"order_update","language":"en_US","status":"APPROVED","category":"UTILITY","id":"1","components":[
                 {"type":"HEADER","format":"TEXT","text":"Order {{1}}","example":{"header_text":["#1001"]}},
                 {"type":"BODY","text":"Hi {{1}}, your order ships on {{2}}.","example":{"body_text":[["Ann","Tuesday"]]}},
                 {"type":"FOOTER","text":"Reply STOP to opt out"},
                 {"type":"BUTTONS","buttons":[{"type":"URL","text":"Track","url":"https://shop.example.com/track/{{1}}","example":["https://shop.example.com/track/1001"]},
                   {"type":"QUICK_REPLY","text":"Thanks"}]}]}""");
        graph.addTemplate("""
                {"name":"welcome","language":"de","status":"REJECTED","category":"MARKETING","rejected_reason":"INVALID_FORMAT","components":[
                 {"type":"BODY","text":"Hallo {{customer_name}}!","example":{"body_text_named_params":[{"param_name":"customer_name","example":"Ann"}]}}]}""");
        graph.addTemplate("""
                {"name":"promo","language":"en","status":"PAUSED","category":"MARKETING","components":[{"type":"HEADER","format":"IMAGE"},{"type":"BODY","text":"Sale"}]}""");
        graph.addTemplate("""
                {"name":"pending_one","language":"en","status":"PENDING","category":"UTILITY","rejected_reason":"NONE","components":[{"type":"BODY","text":"Soon"}]}""");
        graph.addTemplate("""
                {"name":"old_one","language":"en","status":"DISABLED","category":"UTILITY","components":[{"type":"BODY","text":"Gone"}]}""");
        graph.pageSize(2);
    }

    @AfterEach
    void stop() {
        graph.close();
    }

    @Test
    void everyPageIsReadAndEachTemplateComesWithItsVariablesAndApproval() throws Exception {
        List<MessageTemplate> templates = CHANNEL.create(Fixture.account(graph), HOST).templates();
        assertThat(templates).extracting(MessageTemplate::name).containsExactly("order_update", "welcome", "promo", "pending_one", "old_one");
        assertThat(graph.requests("/message_templates")).hasSize(3);
        assertThat(graph.requests("/message_templates").get(0).path()).isEqualTo("/v23.0/" + Fixture.WABA_ID + "/message_templates");
        assertThat(graph.requests("/message_templates").get(0).query().get("fields")).isEqualTo("name,language,status,category,components,rejected_reason");

        MessageTemplate order = templates.get(0);
        assertThat(order.approval()).isEqualTo(Approval.APPROVED);
        assertThat(order.category()).isEqualTo("UTILITY");
        assertThat(order.header()).isEqualTo("Order {{1}}");
        assertThat(order.footer()).isEqualTo("Reply STOP to opt out");
        assertThat(order.buttons()).containsExactly("Track", "Thanks");
        assertThat(order.variables()).containsExactly(new Variable("header.1", "Header {{1}}", "#1001"), new Variable("body.1", "Body {{1}}", "Ann"),
                new Variable("body.2", "Body {{2}}", "Tuesday"),
                new Variable("button.0.1", "Link of button \"Track\"", "https://shop.example.com/track/1001"));
        assertThat(order.render(Map.of("header.1", "#2002", "body.1", "Bo", "body.2", "Friday")))
                .isEqualTo("Order #2002\n\nHi Bo, your order ships on Friday.\n\nReply STOP to opt out");

        MessageTemplate welcome = templates.get(1);
        assertThat(welcome.approval()).isEqualTo(Approval.REJECTED);
        assertThat(welcome.approvalDetail()).isEqualTo("INVALID_FORMAT");
        assertThat(welcome.variables()).containsExactly(new Variable("body.customer_name", "Body {{customer_name}}", "Ann"));
        assertThat(templates.get(2).approval()).isEqualTo(Approval.PAUSED);
        assertThat(templates.get(2).header()).isEqualTo("[IMAGE]");
        assertThat(templates.get(3).approval()).isEqualTo(Approval.PENDING);
        assertThat(templates.get(3).approvalDetail()).isNull();
        assertThat(templates.get(4).approval()).isEqualTo(Approval.DISABLED);
    }

    @Test
    void aNextPageOnAnotherHostIsNotFollowedWithTheToken() throws Exception {
        try (FakeGraphApi elsewhere = FakeGraphApi.start(Fixture.ACCESS_TOKEN)) {
            graph.nextPageBase("http://localhost:" + elsewhere.baseUrl().substring(elsewhere.baseUrl().lastIndexOf(':') + 1));
            List<MessageTemplate> templates = CHANNEL.create(Fixture.account(graph), HOST).templates();
            assertThat(templates).hasSize(2);
            assertThat(elsewhere.requests()).isEmpty();
        }
    }
}
