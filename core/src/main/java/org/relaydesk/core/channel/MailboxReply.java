package org.relaydesk.core.channel;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Entities;
import org.relaydesk.core.notice.NoticeText;

/**
 * An agent's reply emailed through the workspace's mailbox (its ticket's channel cannot send), in the
 * workspace's customer reply notice: text, and HTML in which the reply keeps its own (sanitized)
 * markup while the template's words are escaped and its links made clickable.
 */
record MailboxReply(String subject, String text, String html) {
    private static final String MARK = "\uE000reply\uE000";
    private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"]+");

    static MailboxReply of(NoticeText template, Map<String, String> values, String replyHtml) {
        NoticeText filled = template.render(values);
        Map<String, String> marked = new HashMap<>(values);
        marked.put("reply", MARK);
        String words = template.render(marked).body();
        StringBuilder html = new StringBuilder();
        for (String paragraph : words.strip().split("\\R\\s*\\R")) {
            if (paragraph.strip().equals(MARK)) {
                html.append(replyHtml == null ? "" : replyHtml);
                continue;
            }
            String escaped = linked(Entities.escape(paragraph.strip())).replaceAll("\\R", "<br>");
            html.append("<p>").append(escaped.replace(Entities.escape(MARK), replyHtml == null ? "" : replyHtml)).append("</p>");
        }
        return new MailboxReply(filled.subject(), filled.body(), html.toString());
    }

    private static String linked(String escaped) {
        Matcher matcher = LINK.matcher(escaped);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String url = matcher.group();
            matcher.appendReplacement(out, Matcher.quoteReplacement("<a href=\"" + url + "\">" + url + "</a>"));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
