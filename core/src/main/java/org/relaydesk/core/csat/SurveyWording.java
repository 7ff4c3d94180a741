package org.relaydesk.core.csat;

import java.util.HashMap;
import java.util.Map;
import org.relaydesk.core.canned.CannedResponse;

/**
 * The survey's texts with their {{variables}} filled by the canned responses' renderer: the same
 * names (customer_name, ticket_number, agent_name, contact.name, ticket.number) plus ticket.subject
 * and workspace.name.
 */
public record SurveyWording(String subject, String body, String question) {
    public static SurveyWording render(SurveySettings settings, Map<String, String> variables) {
        return new SurveyWording(CannedResponse.render(settings.subject(), variables).replaceAll("[\\r\\n]+", " "),
                CannedResponse.render(settings.body(), variables), CannedResponse.render(settings.question(), variables));
    }

    public static Map<String, String> variables(String customerName, String ticketNumber, String subject, String agentName, String workspaceName) {
        Map<String, String> variables = new HashMap<>();
        variables.put("customer_name", customerName == null ? "" : customerName);
        variables.put("contact.name", variables.get("customer_name"));
        variables.put("ticket_number", ticketNumber);
        variables.put("ticket.number", ticketNumber);
        variables.put("ticket.subject", subject == null ? "" : subject);
        variables.put("agent_name", agentName == null ? workspaceName : agentName);
        variables.put("workspace.name", workspaceName);
        return variables;
    }

    /** The email's text: the body, the question, the link and how long it works. */
    public String emailText(String link, int expiryDays) {
        return body + "\n\n" + question + "\n\nAnswer here (it takes a few seconds; the link works once, for " + expiryDays + " days):\n\n" + link + "\n";
    }
}
