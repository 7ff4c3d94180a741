package org.relaydesk.core.job;

/**
 * A CDI event asking for a job to run now on this node instead of at its next interval (new
 * inbound mail was stored: file it at once). The run still takes the job's lock, so it never
 * overlaps another; if one is running, the next scheduled run does the work.
 */
public record JobWanted(String name) {
}
