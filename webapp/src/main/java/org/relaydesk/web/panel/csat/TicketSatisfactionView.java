package org.relaydesk.web.panel.csat;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import java.util.UUID;
import org.relaydesk.core.csat.CsatReport;
import org.relaydesk.core.ticket.SatisfactionRating;

/** The ticket page's "Satisfaction" box: the customer's ratings of the ticket (one per resolution), newest first. */
@Named("ticketSatisfaction")
@RequestScoped
public class TicketSatisfactionView {
    @Inject
    CsatReport report;

    private List<SatisfactionRating> ratings;

    public List<SatisfactionRating> ratings(UUID ticketId) {
        if (ratings == null) {
            ratings = report.ofTicket(ticketId);
        }
        return ratings;
    }

    /** "★★★★☆" for a 4. */
    public String stars(int rating) {
        return "★".repeat(rating) + "☆".repeat(5 - rating);
    }

    public String channel(SatisfactionRating rating) {
        return rating.channel() == null ? "status page" : switch (rating.channel()) {
            case "email" -> "email survey";
            case "whatsapp" -> "WhatsApp survey";
            default -> "status page";
        };
    }
}
