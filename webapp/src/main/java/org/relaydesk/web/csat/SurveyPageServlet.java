package org.relaydesk.web.csat;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.relaydesk.core.csat.SurveyAnswers;
import org.relaydesk.core.csat.SurveyAnswers.LinkState;
import org.relaydesk.core.csat.SurveyAnswers.SurveyPage;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.error.TooManyRequestsException;
import org.relaydesk.web.api.PublicRateLimits;
import org.relaydesk.web.security.ClientAddress;

/**
 * /survey/{workspace}?t={token}: the customer's satisfaction survey, server-rendered (no script),
 * branded with the workspace's name, colour and logo. GET shows the question, POST records the
 * answer once. A used, expired, forged or another workspace's link gets a clear page and changes
 * nothing. Every request counts against the address's public budget.
 */
@WebServlet("/survey/*")
public class SurveyPageServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Pattern SLUG_PATH = Pattern.compile("^/([a-z0-9-]{1,64})/?$");

    @Inject
    SurveyAnswers answers;

    @Inject
    PublicRateLimits limits;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!allowed(request, response)) {
            return;
        }
        String slug = slug(request);
        SurveyPage page = slug == null ? invalid() : answers.open(slug, request.getParameter("t"));
        Integer preselected = score(request.getParameter("score"));
        write(response, page.state() == LinkState.INVALID ? 404 : 200, SurveyHtml.page(page, request.getParameter("t"), preselected, null, false));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!allowed(request, response)) {
            return;
        }
        String slug = slug(request);
        String token = request.getParameter("t");
        if (slug == null) {
            write(response, 404, SurveyHtml.page(invalid(), null, null, null, false));
            return;
        }
        Integer score = score(request.getParameter("rating"));
        String comment = request.getParameter("comment");
        try {
            SurveyPage before = answers.open(slug, token);
            if (before.state() != LinkState.OPEN) {
                write(response, before.state() == LinkState.INVALID ? 404 : 409, SurveyHtml.page(before, token, null, null, false));
                return;
            }
            SurveyPage after = answers.answer(slug, token, score, comment);
            boolean thanks = after.state() == LinkState.ANSWERED && before.state() == LinkState.OPEN;
            write(response, thanks ? 200 : 409, SurveyHtml.page(after, token, null, null, thanks));
        } catch (InvalidInputException e) {
            SurveyPage page = answers.open(slug, token);
            write(response, 400, SurveyHtml.page(page, token, score, String.join(" ", e.fieldErrors().values()), false));
        }
    }

    private boolean allowed(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            limits.reads().acquire(ClientAddress.of(request));
            return true;
        } catch (TooManyRequestsException e) {
            write(response, 429, SurveyHtml.message("Too many requests", "Please wait a minute and try again."));
            return false;
        }
    }

    private static String slug(HttpServletRequest request) {
        String info = request.getPathInfo();
        if (info == null) {
            return null;
        }
        var m = SLUG_PATH.matcher(info);
        return m.matches() ? m.group(1) : null;
    }

    private static Integer score(String value) {
        if (value == null || !value.matches("[1-5]")) {
            return null;
        }
        return Integer.valueOf(value);
    }

    private static SurveyPage invalid() {
        return new SurveyPage(LinkState.INVALID, null, null, null, null, null);
    }

    private static void write(HttpServletResponse response, int status, String html) throws IOException {
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        // the address holds the link's token: no cache keeps the page
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(html);
    }
}
