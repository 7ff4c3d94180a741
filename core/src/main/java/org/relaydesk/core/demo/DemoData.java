package org.relaydesk.core.demo;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.relaydesk.api.ticket.TicketPriority;
import org.relaydesk.api.ticket.TicketStatus;
import org.relaydesk.core.canned.CannedResponseService;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.team.Department;
import org.relaydesk.core.team.Team;
import org.relaydesk.core.ticket.Actor;
import org.relaydesk.core.ticket.Category;
import org.relaydesk.core.ticket.CategoryService;
import org.relaydesk.core.ticket.Message;
import org.relaydesk.core.ticket.NewTicket;
import org.relaydesk.core.ticket.Ticket;
import org.relaydesk.core.ticket.TicketPatch;
import org.relaydesk.core.ticket.TicketService;
import org.relaydesk.core.user.AuthenticatedUser;
import org.relaydesk.core.user.User;
import org.relaydesk.core.user.UserService;
import org.relaydesk.core.workspace.Workspace;

/**
 * Fills a fresh workspace with a believable help desk for evaluation: agents and a supervisor,
 * categories, canned responses and ~50 tickets in every state with their conversations. Goes
 * through the same services as real use, so the demo shows real behaviour.
 */
@ApplicationScoped
public class DemoData {
    public static final String DEMO_PASSWORD = "demo-password-1";

    private static final String[][] CONVERSATIONS = {
        {"Cannot log in after password reset", "I reset my password this morning but the login page still says my credentials are invalid.", "Sorry about that! I've cleared the lockout on your account, could you try again?", "It works now, thank you!"},
        {"Invoice shows the wrong VAT number", "Our latest invoice INV-2291 has our old VAT number on it. Can you reissue it?", "I've updated the VAT number on your account and reissued the invoice.", "Received, looks correct."},
        {"Export to CSV times out", "Exporting the last 12 months of orders to CSV fails with a timeout after about a minute.", "Thanks for the report. We're looking into the export job; can you tell me roughly how many orders that is?", "About 40,000 orders."},
        {"Request: dark mode for the dashboard", "Our night shift would love a dark theme for the dashboard.", "Great idea, I've passed it to the product team and will keep you posted."},
        {"Payment declined with a valid card", "My card keeps getting declined at checkout although it works everywhere else.", "The bank returned 'do not honour'. Could you check with your bank whether online payments are allowed?"},
        {"How do I add a second admin?", "We need another person to manage users. How do I make a colleague an admin?", "Go to Settings, Users, pick your colleague and set the role to Admin. Let me know if anything is unclear!"},
        {"API returns 429 during nightly sync", "Our nightly sync gets HTTP 429 after a few hundred requests.", "The API allows 600 requests per minute per token; please add a short backoff and retry on 429."},
        {"Delivery address cannot be changed", "I moved last week and the app won't let me change my delivery address.", "I've updated it for you. The app issue is known and will be fixed in the next release."},
        {"Two-factor codes not accepted", "The codes from my authenticator app are rejected every time.", "This usually means the phone's clock is off. Could you enable automatic time on your phone?", "That was it, thanks!"},
        {"Cancel my subscription", "Please cancel our subscription at the end of this billing period.", "Done: your subscription ends on the 30th and you won't be charged again."},
    };

    private static final String[] CUSTOMERS = {"Maria Garcia|maria.garcia@example.com", "Liam Chen|liam.chen@example.org",
        "Sophie Martin|sophie.martin@example.net", "Noah Williams|noah@example.com", "Amara Okafor|amara.okafor@example.com",
        "Jonas Becker|jonas.becker@example.de", "Yuki Tanaka|yuki.tanaka@example.jp", "Olivia Brown|olivia.brown@example.co.uk",
        "Mateo Rossi|mateo.rossi@example.it", "Priya Sharma|priya.sharma@example.in", "Lucas Silva|lucas.silva@example.com.br",
        "Emma Johansson|emma.johansson@example.se"};

    @Inject
    Tenancy tenancy;

    @Inject
    UserService users;

    @Inject
    TicketService tickets;

    @Inject
    CategoryService categories;

    @Inject
    CannedResponseService canned;

    @Transactional
    public void seed(Workspace workspace, User admin) {
        tenancy.actAs(workspace.id());
        Random random = new Random(42);
        User alice = users.create(new UserService.NewUser("alice@" + domain(admin), "Alice Johnson", "agent", DEMO_PASSWORD));
        User bob = users.create(new UserService.NewUser("bob@" + domain(admin), "Bob Smith", "agent", DEMO_PASSWORD));
        User carol = users.create(new UserService.NewUser("carol@" + domain(admin), "Carol Davis", "supervisor", DEMO_PASSWORD));
        List<User> agents = List.of(alice, bob, carol, admin);

        Team firstLine = new Team("First line", "Answers new tickets");
        firstLine.addMember(alice.id());
        firstLine.addMember(bob.id());
        Team billingTeam = new Team("Billing specialists", "Invoices, payments and refunds");
        billingTeam.addMember(carol.id());
        tenancy.em().persist(firstLine);
        tenancy.em().persist(billingTeam);
        tenancy.em().persist(new Department("Customer Support", "Front-line support"));
        tenancy.em().persist(new Department("Finance", "Billing and accounting"));

        Category account = categories.create(new CategoryService.CategoryInput("Account", "Sign-in and settings", "#3B82F6", null));
        Category billing = categories.create(new CategoryService.CategoryInput("Billing", "Payment and subscription issues", "#10B981", null));
        Category invoices = categories.create(new CategoryService.CategoryInput("Invoices", "Invoice corrections", "#059669", billing.id()));
        Category technical = categories.create(new CategoryService.CategoryInput("Technical", "Bugs and errors", "#EF4444", null));
        Category feature = categories.create(new CategoryService.CategoryInput("Feature request", "Ideas from customers", "#8B5CF6", null));
        List<Category> categoryFor = List.of(account, invoices, technical, feature, billing, account, technical, account, account, billing);

        canned.create(new CannedResponseService.CannedInput("Thanks for reaching out", "thanks", "General",
                "Hi {{customer_name}},\n\nthank you for contacting us about ticket {{ticket_number}}. We're on it.\n\n{{agent_name}}"));
        canned.create(new CannedResponseService.CannedInput("Closing the ticket", "closing", "General",
                "Hi {{customer_name}},\n\nI'm closing this ticket now. Just reply if anything comes up again.\n\n{{agent_name}}"));
        canned.create(new CannedResponseService.CannedInput("Need more details", "details", "Troubleshooting",
                "Hi {{customer_name}},\n\ncould you send us a screenshot and the exact time the problem happened?\n\n{{agent_name}}"));

        TicketStatus[] statuses = TicketStatus.values();
        for (int i = 0; i < 50; i++) {
            String[] conversation = CONVERSATIONS[i % CONVERSATIONS.length];
            String[] customer = CUSTOMERS[i % CUSTOMERS.length].split("\\|");
            User agent = agents.get(random.nextInt(agents.size()));
            TicketPriority priority = TicketPriority.values()[random.nextInt(4)];
            Category category = categoryFor.get(i % categoryFor.size());
            // money matters go to the billing specialists, everything else to the first line
            Team team = category == billing || category == invoices ? billingTeam : firstLine;
            Ticket ticket = tickets.create(new NewTicket(conversation[0], conversation[1], customer[1], customer[0], priority.apiName(),
                    null, category.id(), null, team.id(), null,
                    Set.of(i % 3 == 0 ? "vip" : "standard"), null, i % 2 == 0 ? "email" : "portal"),
                    Actor.customer(null, customer[0]));
            Instant created = Instant.now().minus(Duration.ofHours(2L + random.nextInt(24 * 20)));
            ticket.backdate(created);
            AuthenticatedUser staff = AuthenticatedUser.of(agent);
            TicketStatus target = statuses[i % (statuses.length - 1)];
            if (target != TicketStatus.NEW) {
                tickets.assign(ticket.id(), agent.id(), Actor.of(agent));
                Message reply = tickets.addStaffMessage(ticket.id(), conversation[2], false, staff);
                reply.backdate(created.plus(Duration.ofMinutes(20 + random.nextInt(300))));
                if (conversation.length > 3) {
                    Message answer = tickets.addCustomerMessage(ticket.id(), conversation[3]);
                    answer.backdate(created.plus(Duration.ofHours(6)));
                }
                if (i % 4 == 0) {
                    tickets.addStaffMessage(ticket.id(), "Checked the logs: nothing unusual on our side.", true, staff);
                }
                moveTo(ticket, target, agent);
            }
        }
    }

    private void moveTo(Ticket ticket, TicketStatus target, User agent) {
        Actor actor = Actor.of(agent);
        switch (target) {
            case RESOLVED -> tickets.resolve(ticket.id(), actor);
            case CLOSED -> {
                tickets.resolve(ticket.id(), actor);
                tickets.close(ticket.id(), actor);
            }
            default -> {
                if (ticket.status() != target) {
                    tickets.update(ticket.id(), new TicketPatch(null, null, target.apiName(), null, null, null, null, null, null, null, null), actor);
                }
            }
        }
    }

    private static String domain(User admin) {
        return admin.email().substring(admin.email().indexOf('@') + 1);
    }
}
