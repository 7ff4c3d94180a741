package org.relaydesk.web.csat;

import java.util.regex.Pattern;
import org.relaydesk.core.csat.SurveyAnswers.LinkState;
import org.relaydesk.core.csat.SurveyAnswers.SurveyPage;
import org.relaydesk.core.csat.SurveyAnswers;
import org.relaydesk.core.workspace.Workspace;

/** The survey's pages as HTML: every value from the database or the request is escaped. */
final class SurveyHtml {
    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{3,8}");
    private static final String[] LABELS = {"Very poor", "Poor", "Okay", "Good", "Excellent"};

    private SurveyHtml() {
    }

    static String page(SurveyPage page, String token, Integer chosen, String error, boolean thanks) {
        Workspace workspace = page.workspace();
        if (page.state() == LinkState.INVALID) {
            return shell(workspace, "Link not valid", "<h1>This link is not valid</h1><p id=\"survey-state\" data-state=\"invalid\">"
                    + "We could not find this survey. Please use the link from the most recent message we sent you.</p>");
        }
        String head = "<p class=\"number\">" + esc(page.ticketNumber()) + " · " + esc(page.ticketSubject()) + "</p>";
        if (thanks) {
            return shell(workspace, "Thank you", head + "<h1>Thank you!</h1><p id=\"survey-state\" data-state=\"thanks\">"
                    + "Your answer was recorded. It helps us help you better.</p>");
        }
        if (page.state() == LinkState.ANSWERED) {
            return shell(workspace, "Already answered", head + "<h1>Already answered</h1><p id=\"survey-state\" data-state=\"answered\">"
                    + "This survey was already answered, thank you. Nothing was changed.</p>");
        }
        if (page.state() == LinkState.EXPIRED) {
            return shell(workspace, "Survey expired", head + "<h1>This survey has expired</h1><p id=\"survey-state\" data-state=\"expired\">"
                    + "The link worked for a limited time only. Nothing was changed; if you want to tell us something, just reply to our last message.</p>");
        }
        StringBuilder form = new StringBuilder(head).append("<h1>").append(esc(page.question())).append("</h1>");
        if (error != null) {
            form.append("<p class=\"error\" id=\"survey-error\" role=\"alert\">").append(esc(error)).append("</p>");
        }
        form.append("<form method=\"post\" id=\"survey-form\"><input type=\"hidden\" name=\"t\" value=\"").append(esc(token)).append("\">")
                .append("<fieldset class=\"scores\"><legend>Your score (1 = very poor, 5 = excellent)</legend>");
        for (int score = 1; score <= 5; score++) {
            form.append("<label><input type=\"radio\" name=\"rating\" required value=\"").append(score).append("\" id=\"score-").append(score).append('"')
                    .append(chosen != null && chosen == score ? " checked" : "").append("><span>").append(score).append("</span><small>")
                    .append(LABELS[score - 1]).append("</small></label>");
        }
        form.append("</fieldset><label class=\"comment\">Anything you would like to add? (optional)<textarea name=\"comment\" id=\"comment\" rows=\"4\" maxlength=\"")
                .append(SurveyAnswers.MAX_COMMENT).append("\"></textarea></label><button type=\"submit\" id=\"send\">Send</button></form>");
        return shell(workspace, "How did we do?", form.toString());
    }

    static String message(String title, String text) {
        return shell(null, title, "<h1>" + esc(title) + "</h1><p>" + esc(text) + "</p>");
    }

    private static String shell(Workspace workspace, String title, String content) {
        String name = workspace == null ? "Support" : workspace.name();
        String color = workspace != null && workspace.brandColor() != null && COLOR.matcher(workspace.brandColor()).matches() ? workspace.brandColor() : "#2f80ed";
        String logo = workspace != null && workspace.hasLogo()
                ? "<img class=\"logo\" alt=\"\" src=\"/branding/logo?workspace=" + esc(workspace.slug()) + "&amp;v=" + workspace.version() + "\">" : "";
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<meta name=\"robots\" content=\"noindex\"><title>" + esc(title) + " · " + esc(name) + "</title><style>"
                + "body{margin:0;font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1f2933;background:#f5f7fa}"
                + "header{background:" + color + ";color:#fff;padding:.75rem 1rem;display:flex;align-items:center;gap:.75rem;font-weight:600}"
                + ".logo{max-height:2rem;background:#fff;border-radius:.25rem;padding:.125rem}"
                + "main{max-width:36rem;margin:1.5rem auto;padding:1.25rem;background:#fff;border:1px solid #e4e7eb;border-radius:.5rem}"
                + "h1{font-size:1.35rem;margin:.25rem 0 1rem}.number{color:#52606d;margin:0}.error{color:#c81e1e}"
                + ".scores{border:0;padding:0;display:flex;gap:.5rem;flex-wrap:wrap}.scores legend{margin-bottom:.5rem}"
                + ".scores label{display:flex;flex-direction:column;align-items:center;border:1px solid #cbd2d9;border-radius:.5rem;padding:.5rem .75rem;cursor:pointer;min-width:3.5rem}"
                + ".scores input{accent-color:" + color + "}.scores span{font-size:1.25rem;font-weight:600}.scores small{color:#52606d}"
                + ".comment{display:flex;flex-direction:column;gap:.25rem;margin:1rem 0}textarea{font:inherit;padding:.5rem;border:1px solid #cbd2d9;border-radius:.375rem}"
                + "button{font:inherit;padding:.5rem 1.25rem;border:0;border-radius:.375rem;background:" + color + ";color:#fff;cursor:pointer}"
                + "</style></head><body><header>" + logo + "<span id=\"workspace-name\">" + esc(name) + "</span></header><main>" + content
                + "</main></body></html>";
    }

    static String esc(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
