package org.relaydesk.web.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.relaydesk.core.ops.Backlogs;
import org.relaydesk.web.startup.JobTimes;

class HealthReportTest {
    private final HealthReport health = new HealthReport();
    private final Instant now = Instant.parse("2026-12-07T10:00:00Z");

    @Test
    void aJobIsLateOnlyWhenItMissedSeveralOfItsTurns() {
        Duration minute = Duration.ofMinutes(1);
        assertThat(health.state(new JobTimes.Times(minute, now.minusSeconds(90), Duration.ofMillis(40), 12, 0), now)).isEqualTo("on time");
        assertThat(health.state(new JobTimes.Times(minute, now.minus(Duration.ofMinutes(3)), Duration.ofMillis(40), 12, 0), now))
                .as("three intervals and a minute of grace").isEqualTo("on time");
        assertThat(health.state(new JobTimes.Times(minute, now.minus(Duration.ofMinutes(12)), Duration.ofMillis(40), 12, 0), now))
                .isEqualTo("late (last ended 12 minutes ago)");
    }

    @Test
    void problemsAreSaidInWordsAndNoneWhenAllIsWell() {
        HealthReport.Database database = new HealthReport.Database(true, "15.19", 1 << 20, 4, null);
        HealthReport.Node node = new HealthReport.Node(1, 2, 2, Duration.ofHours(1), 0, 0);
        HealthReport.Job onTime = new HealthReport.Job("outbox.delivery", Duration.ofSeconds(5), now, Duration.ZERO, 1, 0, "on time");
        assertThat(new HealthReport.Report(now, database, new Backlogs.Figures(3, 20, 0, 0, 0), List.of(onTime), List.of(), node).problems()).isEmpty();

        HealthReport.Job late = new HealthReport.Job("csat.surveys", Duration.ofMinutes(1), now, Duration.ZERO, 1, 0, "late (last ended 12 minutes ago)");
        List<String> problems = new HealthReport.Report(now, new HealthReport.Database(false, null, 0, 0, "Connection refused"),
                new Backlogs.Figures(40, 1800, 2, 900, 3), List.of(onTime, late), List.of(), node).problems();
        assertThat(problems).containsExactly("The database does not answer: Connection refused", "Replies and notices have waited 30 minutes to be sent",
                "Incoming messages have waited 15 minutes to be filed", "3 incoming message(s) set aside: retry them on Channels",
                "Job csat.surveys: late (last ended 12 minutes ago)");
    }
}
