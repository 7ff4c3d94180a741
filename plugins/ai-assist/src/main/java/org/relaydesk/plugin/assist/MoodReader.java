package org.relaydesk.plugin.assist;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.relaydesk.api.assist.AssistTicket;
import org.relaydesk.api.assist.Mood;

/**
 * Reads frustration and aggression from what the customer wrote and how the thread went. Each
 * kind of evidence adds weight: words of anger or disappointment, having to ask again, a deadline
 * or a threat to leave, shouting (capitals, "!!!"), and messages left without an answer; insults and
 * threats make the message aggressive as well. The weights pass through 1 − e^(−w), so evidence adds
 * up but never past 1; {@link #FRUSTRATED} is where an agent should look. Every signal is reported in
 * words with the phrase that raised it, so an agent can see why. Its precision and recall are
 * measured on a labelled set in the bench (docs/ai-quality.md).
 */
final class MoodReader {
    static final double FRUSTRATED = 0.5;

    private record Cue(String signal, double weight, boolean aggressive, Pattern pattern) {
        Cue(String signal, double weight, boolean aggressive, String regex) {
            this(signal, weight, aggressive, Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
        }
    }

    private static final List<Cue> CUES = List.of(
            new Cue("angry words", 0.9, false, "\\b(?:ridiculous|unacceptable|outrageous|disgusting|disgraceful|appalling|furious|livid|"
                    + "pathetic|useless|worthless|terrible|horrible|awful|atrocious|worst|incompetent|incompetence|shameful|infuriating|"
                    + "absurd|inexcusable|nightmare|joke|scam|fraud|rip[- ]?off|fed up|sick (?:and tired )?of|had enough|enough is enough|"
                    + "lost my patience|losing my patience|beyond frustrat\\w*|so frustrat\\w*|really frustrat\\w*|very frustrat\\w*|"
                    + "inaceitável|inaceitavel|absurdo|ridículo|vergonha|péssimo|pessimo|"
                    + "inaceptable|vergüenza|pésimo|"
                    + "inadmissible|honteux|scandaleux|lamentable|"
                    + "unverschämt|inakzeptabel|frechheit|katastrophe)\\b"),
            new Cue("frustration or disappointment", 0.7, false, "\\b(?:frustrat\\w*|annoy\\w*|angry|upset|disappoint\\w*|irritat\\w*|"
                    + "unhappy|not happy|dissatisfied|displeased|fed-up|exasperat\\w*|aggravat\\w*|desperat\\w*|"
                    + "(?:do not|don'?t|didn'?t) like (?:the|your) (?:service|bank|app)|(?:would|wouldn'?t) have (?:gone|used|made|done)|"
                    + "if i (?:had |would have )?(?:known|knew)|"
                    + "frustrad[oa]|chatead[oa]|irritad[oa]|decepcionad[oa]|enojad[oa]|molest[oa]|déçu|décue|énervé|agacé|"
                    + "enttäuscht|verärgert|genervt)\\b"),
            new Cue("had to ask again", 0.7, false, "\\b(?:(?:second|third|fourth|fifth|\\d+(?:st|nd|rd|th)) time|again and again|over and over|"
                    + "how many times (?:do|have|must|should|will|did) (?:i|we)|once again|yet again|"
                    + "still (?:not|no|nothing|haven'?t|hasn'?t|broken|doesn'?t|isn'?t|can'?t|have not)|never work(?:ed|s)|already tried|"
                    + "a bunch of times|keeps? (?:being|getting|failing|declining|rejecting|saying|happening)|"
                    + "already (?:told|explained|sent|asked|called|contacted|written|emailed)|(?:no ?one|nobody) (?:has )?(?:replied|answered|responded|"
                    + "got back|helped|called)|never (?:got|received|heard)|no (?:reply|response|answer) (?:yet|from)|"
                    + "keep (?:asking|waiting|getting|declining|failing|charging|rejecting|saying|happening)|kept (?:saying|getting|declining|failing|rejecting)|"
                    + "tried (?:again|(?:a )?couple (?:of )?times|several times|multiple times|many times|\\w+ times)|same thing (?:happened|happens|is happening|again)|"
                    + "for (?:days|weeks|months) now|waiting (?:for|since) (?:days|weeks|months|over|more than)|since forever|for ages|"
                    + "de novo|outra vez|novamente|otra vez|de nuevo|encore une fois|toujours pas|schon wieder|immer noch)\\b"),
            new Cue("complains of the wait", 0.45, false, "(?:\\bit'?s been (?:\\w+ )?(?:days|weeks|months|hours)|\\bit has been (?:\\w+ )?(?:days|weeks|months)|"
                    + "\\b(?:over|more than|almost) (?:a|an|one|two|three|four|\\d+) (?:weeks?|days?|months?)\\b|\\btaking (?:so|too|very|this) long|"
                    + "\\bso long\\b|\\bby now\\b|\\b(?:days|weeks) ago\\b|\\b(?:pending|waiting) for (?:days|weeks|\\d+ \\w+)|\\bstill waiting\\b|\\b(?:too|this) long\\b|"
                    + "\\bshould(?:n'?t| not)? (?:this )?(?:not )?be (?:a )?faster|"
                    + "\\bwhy (?:is|has|does) it tak\\w+|\\bnot (?:here|arrived|through) yet\\b.*\\?)"),
            new Cue("asks why it is still so", 0.3, false, "(?:\\bwhy\\b[^.?!]{0,60}\\bstill\\b|\\bsurely\\b)"),
            new Cue("alarmed about their money", 0.7, false, "(?:what'?s going on|what is going on|what'?s broken|what is wrong with|"
                    + "where (?:did|has|is|'s) (?:my|the) money|what'?s the deal|how is (?:this|that) possible|(?:something|it) (?:is|seems|must be) (?:broken|wrong)|where did (?:it|they|my \\w+) go|\\bi (?:really )?need (?:this|my|the|that) money|"
                    + "(?:is|isn'?t|is not|are|aren'?t) (?:no longer|not) there|no longer (?:there|showing)|disappeared|vanished|taken out)"),
            new Cue("asks why", 0.3, false, "\\b(?:why (?:do|does|did|is|isn'?t|was|wasn'?t|has|hasn'?t|have|haven'?t|can'?t|won'?t|are|aren'?t|would|were)|"
                    + "how come|what happened)\\b"),
            new Cue("threatens to leave", 0.5, false, "\\b(?:cancel (?:my|the|our) (?:account|subscription|contract|membership)|"
                    + "clos(?:e|ing) (?:my|our) account|switch(?:ing)? to (?:another|a different|your competitor)|take my business)\\b"),
            new Cue("threatens to complain or dispute", 0.8, false, "\\b(?:lawyer|attorney|legal action|sue you|small claims|chargeback|charge ?back|"
                    + "dispute (?:the|this) charge|report (?:you|this) to|consumer protection|ombudsman|trading standards|bbb|better business bureau|"
                    + "bad review|1[- ]star|one[- ]star|(?:post|tell) (?:it )?(?:on|to) (?:social media|twitter|facebook|everyone)|"
                    + "speak to (?:a|your) (?:manager|supervisor)|(?:your|a) manager|procon|reclame aqui|abogado|avocat|anwalt)\\b"),
            new Cue("demands it, exclaiming", 0.7, false, "\\b(?:now|asap|immediately|right away|at once)\\s*!"),
            new Cue("demands it now", 0.3, false, "\\b(?:right now|immediately|asap|as soon as possible|urgent(?:ly)?|at once|today or|"
                    + "i demand|i expect|i want my money|refund (?:me )?now|fix (?:it|this) now|unless you|or else)\\b"),
            new Cue("insult or swearing", 1.4, true, "\\b(?:idiot\\w*|stupid|moron\\w*|dumb|imbecile|clown\\w*|morons|retard\\w*|"
                    + "f+u+c+k\\w*|f\\*+k\\w*|f\\*+\\w*|wtf|shit\\w*|sh\\*t|bullshit|crap|damn(?:ed|it)?|bloody|bastard\\w*|"
                    + "asshole\\w*|a\\*+hole|arsehole|dickhead|piss(?:ed)?(?: off)?|screw you|go to hell|hell is wrong|suck(?:s)?|"
                    + "porra|merda|caralho|idiota|imbécil|mierda|joder|putain|merde|connard|scheiße|scheisse|arschloch)\\b"),
            new Cue("threat", 1.6, true, "\\b(?:i(?:'ll| will) (?:find you|come (?:down )?there|hurt|kill|destroy)|you(?:'ll| will) (?:regret|pay for)|"
                    + "watch your back|or you(?:'ll| will) see)\\b"));

    private static final Pattern EXCLAMATIONS = Pattern.compile("[!?]*![!?]*!+[!?]*|\\?!|!\\?");
    private static final Pattern WORD = Pattern.compile("\\p{L}{2,}");
    /** "Hello!", "Hi there!", "Thanks!": warmth, not emphasis. */
    private static final Pattern GREETING = Pattern.compile("(?i)\\b(?:hi|hello|hey|hi there|hello there|thanks|thank you|cheers|ol[áa]|hola|bonjour|hallo)\\s*!");

    private MoodReader() {
    }

    static Mood read(AssistTicket ticket) {
        List<String> customer = new ArrayList<>();
        for (AssistTicket.Turn turn : ticket.turns()) {
            if (turn.author() == AssistTicket.Author.CUSTOMER) {
                customer.add(turn.text());
            }
        }
        if (customer.isEmpty()) {
            customer.add(ticket.subject());
        } else {
            customer.set(0, ticket.subject() + "\n" + customer.get(0));
        }
        // the latest messages say how they feel now; older ones count half
        List<String> signals = new ArrayList<>();
        double weight = 0;
        boolean aggressive = false;
        for (int i = 0; i < customer.size(); i++) {
            double recency = i >= customer.size() - 2 ? 1 : 0.5;
            Reading reading = read(customer.get(i));
            weight += reading.weight * recency;
            aggressive |= reading.aggressive && recency == 1;
            for (String signal : reading.signals) {
                if (!signals.contains(signal)) {
                    signals.add(signal);
                }
            }
        }
        int unanswered = unansweredInARow(ticket);
        if (unanswered >= 2) {
            weight += 0.35 * (unanswered - 1);
            signals.add(unanswered + " messages in a row without an answer");
        }
        double frustration = 1 - Math.exp(-weight);
        frustration = Math.round(frustration * 1000) / 1000.0;
        return new Mood(frustration, frustration >= FRUSTRATED || aggressive, aggressive, signals);
    }

    /** One message's evidence. */
    record Reading(double weight, boolean aggressive, List<String> signals) {
    }

    static Reading read(String text) {
        double weight = 0;
        boolean aggressive = false;
        List<String> signals = new ArrayList<>();
        for (Cue cue : CUES) {
            Matcher matcher = cue.pattern().matcher(text);
            int found = 0;
            String first = null;
            while (matcher.find()) {
                found++;
                first = first == null ? matcher.group() : first;
            }
            if (found > 0) {
                // a second phrase of the same kind adds, less than the first
                weight += cue.weight() * (1 + 0.5 * Math.min(2, found - 1));
                aggressive |= cue.aggressive();
                signals.add(cue.signal() + ": \u201c" + first.strip() + "\u201d");
            }
        }
        int shouted = 0;
        int words = 0;
        Matcher word = WORD.matcher(text);
        while (word.find()) {
            words++;
            String w = word.group();
            if (w.length() >= 3 && w.equals(w.toUpperCase(Locale.ROOT)) && !w.equals(w.toLowerCase(Locale.ROOT))) {
                shouted++;
            }
        }
        if (shouted >= 3 && shouted >= words * 0.3) {
            weight += 0.6;
            signals.add("shouting: " + shouted + " words in capitals");
        }
        Matcher exclamations = EXCLAMATIONS.matcher(text);
        if (exclamations.find()) {
            weight += 0.35;
            signals.add("emphatic punctuation: \u201c" + exclamations.group() + "\u201d");
        } else if (GREETING.matcher(text).replaceAll("").indexOf('!') >= 0 && weight > 0) {
            // one exclamation mark adds to what else the message says; alone it is only a warm "thanks!"
            weight += 0.25;
        }
        return new Reading(weight, aggressive, signals);
    }

    /** The customer's messages at the end of the thread since the last public answer from staff. */
    static int unansweredInARow(AssistTicket ticket) {
        int count = 0;
        for (int i = ticket.turns().size() - 1; i >= 0; i--) {
            AssistTicket.Turn turn = ticket.turns().get(i);
            if (turn.author() == AssistTicket.Author.AGENT) {
                break;
            }
            if (turn.author() == AssistTicket.Author.CUSTOMER) {
                count++;
            }
        }
        return count;
    }
}
