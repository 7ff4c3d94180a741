package org.relaydesk.bench;

import java.util.List;

/**
 * One kind of help-desk conversation: the sentences customers and agents write about it. The
 * subject at index i is the title of the problem at index i. Texts may hold placeholders such as
 * {order} or {browser}, filled by {@link HelpDeskText}.
 */
record Topic(List<String> subjects, List<String> problems, List<String> details, List<String> agentReplies,
             List<String> customerReplies, List<String> notes, List<String> tags) {
    Topic {
        if (subjects.size() != problems.size()) {
            throw new IllegalArgumentException("each subject needs its problem: " + subjects);
        }
    }
}
