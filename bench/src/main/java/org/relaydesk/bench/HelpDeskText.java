package org.relaydesk.bench;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes the subjects and message bodies of seeded and API-created tickets from {@link Topics},
 * filling placeholders with varied values so that no two tickets read exactly alike.
 */
final class HelpDeskText {
    private static final List<String> DAYS = List.of("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday");
    private static final List<String> MONTHS = List.of("January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December");
    private static final List<String> BROWSERS = List.of("Chrome", "Firefox", "Safari", "Edge");
    private static final List<String> SYSTEMS = List.of("Windows 11", "Windows 10", "macOS Sonoma", "iOS 17", "Android 14", "Ubuntu 22.04");
    private static final List<String> PLANS = List.of("Starter", "Team", "Business", "Pro");
    private static final List<String> CARRIERS = List.of("DHL", "UPS", "FedEx", "USPS", "DPD", "Royal Mail");
    private static final List<String> CITIES = List.of("Berlin", "Lisbon", "Chicago", "Toronto", "Lyon", "Osaka", "Melbourne", "Austin");
    private static final List<String> COUNTRIES = List.of("Canada", "Norway", "Switzerland", "Australia", "Brazil", "Japan");
    private static final List<String> ERRORS = List.of("HTTP 500", "HTTP 502", "HTTP 503", "HTTP 429", "a timeout");
    private static final List<String> INTEGRATIONS = List.of("Slack", "Salesforce", "Shopify", "Zapier", "HubSpot", "Jira");
    private static final List<String> CURRENCIES = List.of("$", "€", "£");

    private static final List<String> CUSTOMER_GREETINGS = List.of("Hi,", "Hello,", "Hello support team,", "Hi there,", "");
    private static final List<String> CUSTOMER_SIGN_OFFS = List.of("Thanks,\n{first}", "Best regards,\n{name}", "Thank you!\n{first}",
            "Kind regards,\n{name}", "{first}");
    private static final List<String> AGENT_GREETINGS = List.of("Hi {first},", "Hello {first},", "Dear {first},",
            "Hi {first}, thanks for reaching out.");
    private static final List<String> AGENT_OPENERS = List.of("Thanks for your patience while we looked into this.", "Sorry for the trouble!",
            "Thank you for the details.", "", "");
    private static final List<String> AGENT_CLOSERS = List.of("Let me know if there is anything else I can do.",
            "Just reply to this email if the problem comes back.", "Have a great day!", "");
    private static final List<String> AGENT_SIGN_OFFS = List.of("Best regards,\n{agent}", "Thanks,\n{agent}", "Cheers,\n{agent}",
            "Kind regards,\n{agent}\nSupport team");
    private static final List<String> CUSTOMER_FOLLOW_UPS = List.of("Any update on this?", "Thanks again.",
            "Could you let me know when this will be fixed?", "");

    private final SplittableRandom random;

    HelpDeskText(SplittableRandom random) {
        this.random = random;
    }

    /** What a new ticket is about: a topic and which of its problems. */
    Issue issue() {
        Topic topic = pick(Topics.ALL);
        return new Issue(topic, random.nextInt(topic.subjects().size()));
    }

    String subject(Issue issue) {
        return fill(issue.topic().subjects().get(issue.index()), null, null);
    }

    /** The customer's first message: what the ticket's description holds. */
    String request(Issue issue, Person customer) {
        Topic topic = issue.topic();
        return paragraphs(pick(CUSTOMER_GREETINGS),
                fill(topic.problems().get(issue.index()), customer, null) + " " + fill(pick(topic.details()), customer, null),
                fill(pick(CUSTOMER_SIGN_OFFS), customer, null));
    }

    String agentReply(Topic topic, Person customer, String agentName) {
        String opener = pick(AGENT_OPENERS);
        String reply = fill(pick(topic.agentReplies()), customer, agentName);
        return paragraphs(fill(pick(AGENT_GREETINGS), customer, agentName), opener.isEmpty() ? reply : opener + " " + reply,
                pick(AGENT_CLOSERS), fill(pick(AGENT_SIGN_OFFS), customer, agentName));
    }

    String customerReply(Topic topic, Person customer) {
        String reply = fill(pick(topic.customerReplies()), customer, null);
        String followUp = pick(CUSTOMER_FOLLOW_UPS);
        return paragraphs(followUp.isEmpty() ? reply : reply + " " + followUp, fill(pick(CUSTOMER_SIGN_OFFS), customer, null));
    }

    String internalNote(Topic topic) {
        return fill(pick(topic.notes()), null, null);
    }

    <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** The HTML the app stores beside the text: paragraphs, line breaks, everything else escaped. */
    static String toHtml(String text) {
        StringBuilder html = new StringBuilder(text.length() + 32);
        for (String paragraph : text.split("\n\n")) {
            html.append("<p>");
            for (int i = 0; i < paragraph.length(); i++) {
                char c = paragraph.charAt(i);
                switch (c) {
                    case '&' -> html.append("&amp;");
                    case '<' -> html.append("&lt;");
                    case '>' -> html.append("&gt;");
                    case '"' -> html.append("&quot;");
                    case '\'' -> html.append("&#39;");
                    case '\n' -> html.append("<br>");
                    default -> html.append(c);
                }
            }
            html.append("</p>");
        }
        return html.toString();
    }

    private static String paragraphs(String... parts) {
        StringBuilder text = new StringBuilder();
        for (String part : parts) {
            if (!part.isEmpty()) {
                if (text.length() > 0) {
                    text.append("\n\n");
                }
                text.append(part);
            }
        }
        return text.toString();
    }

    private String fill(String template, Person customer, String agentName) {
        int open = template.indexOf('{');
        if (open < 0) {
            return template;
        }
        StringBuilder out = new StringBuilder(template.length() + 32);
        int from = 0;
        while (open >= 0) {
            int close = template.indexOf('}', open);
            out.append(template, from, open).append(value(template.substring(open + 1, close), customer, agentName));
            from = close + 1;
            open = template.indexOf('{', from);
        }
        return out.append(template, from, template.length()).toString();
    }

    private String value(String placeholder, Person customer, String agentName) {
        return switch (placeholder) {
            case "first" -> customer == null ? "there" : customer.firstName();
            case "name" -> customer == null ? "" : customer.fullName();
            case "agent" -> agentName == null ? "Support team" : agentName;
            case "day" -> pick(DAYS);
            case "month" -> pick(MONTHS);
            case "browser" -> pick(BROWSERS);
            case "os" -> pick(SYSTEMS);
            case "plan" -> pick(PLANS);
            case "carrier" -> pick(CARRIERS);
            case "city" -> pick(CITIES);
            case "country" -> pick(COUNTRIES);
            case "error" -> pick(ERRORS);
            case "integration" -> pick(INTEGRATIONS);
            case "version" -> (2 + random.nextInt(3)) + "." + random.nextInt(20) + "." + random.nextInt(10);
            case "order" -> "#" + (100_000 + random.nextInt(900_000));
            case "invoice" -> "INV-" + (1_000 + random.nextInt(99_000));
            case "amount" -> pick(CURRENCIES) + (9 + random.nextInt(990)) + "." + String.format("%02d", random.nextInt(100));
            case "last4" -> String.format("%04d", random.nextInt(10_000));
            case "count" -> Integer.toString(50 + random.nextInt(50_000));
            case "seats" -> Integer.toString(3 + random.nextInt(400));
            default -> throw new IllegalArgumentException("unknown placeholder {" + placeholder + "}");
        };
    }
}
