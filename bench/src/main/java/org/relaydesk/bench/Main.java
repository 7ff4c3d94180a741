package org.relaydesk.bench;

import java.sql.SQLException;
import java.util.Arrays;

/** Entry point: {@code java -cp "relaydesk-bench.jar:lib/*" org.relaydesk.bench.Main <command> [--option value]...}. */
public final class Main {
    private static final String USAGE = """
            usage: java -cp "bench/target/relaydesk-bench.jar:bench/target/lib/*" org.relaydesk.bench.Main <command> [options]

            Database commands (JDBC to PostgreSQL on this machine; the schema is the app's):
              seed        add tickets with 3-5 messages each to a workspace, loaded with COPY
                            --db-url jdbc:postgresql://127.0.0.1:5432/relaydesk  --user postgres  --password ''
                            --workspace-slug acme  --tickets 100000  [--contacts tickets/5] [--chunk 2000] [--seed N]
              jdbc-limit  insert tickets with plain JDBC batches: the ceiling for ticket creation
                            --db-url ... --user ... --password ...  --workspace-slug bench-scratch
                            [--create-workspace true] [--tickets 100000] [--batch 500] [--with-messages true|false] [--seed N]

            API commands (HTTP to Relaydesk on this machine, signed in as a staff user):
              create      create tickets through POST /api/tickets at each concurrency level
                            --base-url http://127.0.0.1:8080  --email admin@example.com  --password ...
                            [--clients 1,8,64] [--seconds 20] [--warmup-seconds 5] [--requesters 5000]
                            [--limit-tickets-per-second N (from jdbc-limit, adds the ratio)] [--seed N]
              read        time the agent's list, opening a ticket, and a one-word search
                            --base-url ... --email ... --password ...  --assignee-email alice@example.com
                            [--list-status open,in_progress] [--requests 2000] [--warmup 100]
                            [--words invoice,refund,...] [--sample-pages 10] [--label 100k] [--seed N]
              panel       server time of the agent's queue page and ticket page, signed in through the login form
                            --base-url ... --email ... --password ...  --agent-email ... --agent-password ...
                            [--requests 500] [--warmup 50] [--label 100k] [--seed N]
              memory      the installation's memory (every process of its folder, RSS and PSS from /proc) at rest and with N
                          agents' panels open (signed in through the login form, queue and ticket page, live connection held)
                            --base-url ... --email ... --password ...  --home <distribution folder>  [--agents 100]
                            [--settle-seconds 30]
              cluster     two nodes of a cluster on loopback: tickets/s created through one node and through both, and the time
                          from a ticket sent to node A to its push on a panel's live connection on node B
                            --base-url <node A> --other-url <node B> --email ... --password ...  [--seconds 30] [--clients 8]
                            [--probes 100]
              sla         marks unresolved tickets due for an SLA check, times the server working them off and the due-time scan
                            --db-url ... --user ... --password ... --workspace-slug acme [--timeout-seconds 3600] [--scans 500]
              mail        the email channel: its parser over the corpus (messages/s), and (with --base-url) the time from an
                          IMAP APPEND to the ticket visible in the API, with a GreenMail server in this process
                            [--corpus plugins/channel-email/src/test/resources/corpus] [--passes 20]  [--base-url ... --messages 50]
              whatsapp    signed WhatsApp webhooks at a fixed rate from many senders (corpus payloads, a fake Graph API in this
                          process): acknowledgement latency, sent -> visible in the API, a plain-INSERT baseline, and (with
                          --kill-after-seconds and --home) the server killed mid-run and started again: acknowledged = stored = filed
                            --base-url ... --email ... --password ...  --db-url ... --user ... --password ...
                            [--rate 200] [--seconds 60] [--warmup-seconds 10] [--senders 2000] [--probe-every 10]
                            [--corpus plugins/channel-whatsapp/src/test/resources/corpus] [--baseline-seconds 10] [--drain-seconds 300]
                            [--kill-after-seconds N --home <distribution folder>]
              kb          the knowledge base at size: seeds published articles through the API in three languages, then
                          times the help-centre article page, KB search with a misspelled word, the help search page, and
                          a GET /health/live baseline (start the server with RELAYDESK_PUBLIC_READS_PER_MINUTE high)
                            --base-url ... --email ... --password ...  [--articles 10000] [--languages en,de,es]
                            [--seed-threads 4] [--requests 2000] [--warmup 200] [--skip-seed] [--seed N]
              portal      a portal customer with N of the workspace's (seeded) tickets: registers through the portal API, confirms
                          the address in the database, signs in, times the ticket list (first page, open, page 10), the dashboard
                          and a GET /health/live baseline (start the server with RELAYDESK_PUBLIC_READS_PER_MINUTE high)
                            --base-url ...  --db-url ... --user ... --password ...  --workspace-slug acme
                            [--tickets 500] [--requests 2000] [--warmup 200]
              analytics   the report endpoints (overview, volume, distribution, peak hours, agents, CSAT) over the last N days of
                          the admin's workspace, one request after another, and a GET /health/live baseline
                            --base-url ... --email ... --password ...  [--days 90] [--requests 30] [--warmup 5]
              rules       workflow rule evaluation per event: in-process with N rules, and (with --base-url) a ticket
                          update's latency without and with N enabled rules for its trigger
                            [--rules 100] [--events 200000] [--seed N]  [--base-url ... --email ... --password ... --updates 500]
              chat        live chat under load: N widget visitors hold a chat and its live connection open; the agent writes
                          lines into all of them; the time from each write to its visitor having read it (raise the public
                          rate limits: RELAYDESK_PUBLIC_WRITES_PER_10_MINUTES, RELAYDESK_PUBLIC_READS_PER_MINUTE)
                            --base-url ... --email ... --password ...  [--chats 200] [--messages 5] [--seconds 30]
              assist-quality  the AI assist plugin's routing on BANKING77 in this process: one article per intent from its
                          questions, the 231 held-out questions asked; top-1, top-3 and latency for a BM25 keyword baseline,
                          the sentence model alone and the plugin's hybrid
                            [--corpus <folder with banking77_kb_eval.json and banking_data/>] [--questions-per-article 40]
              realtime    time from an API write to an agent's open queue (headless Chromium) showing it
                            --base-url ... --email ... --password ...  --agent-email alice@example.com
                            --agent-password ...  [--samples 30] [--chromium /usr/bin/chromium]
                            [--chromedriver /usr/bin/chromedriver]
            """;

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
            System.out.print(USAGE);
            return;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            switch (args[0]) {
                case "seed" -> Seeder.run(Options.parse(rest, Seeder.OPTIONS));
                case "jdbc-limit" -> JdbcBatchLimit.run(Options.parse(rest, JdbcBatchLimit.OPTIONS));
                case "create" -> CreateBenchmark.run(Options.parse(rest, CreateBenchmark.OPTIONS));
                case "read" -> ReadBenchmark.run(Options.parse(rest, ReadBenchmark.OPTIONS));
                case "realtime" -> RealtimeBenchmark.run(Options.parse(rest, RealtimeBenchmark.OPTIONS));
                case "panel" -> PanelBenchmark.run(Options.parse(rest, PanelBenchmark.OPTIONS));
                case "memory" -> MemoryBenchmark.run(Options.parse(rest, MemoryBenchmark.OPTIONS));
                case "cluster" -> ClusterBenchmark.run(Options.parse(rest, ClusterBenchmark.OPTIONS));
                case "sla" -> SlaBenchmark.run(Options.parse(rest, SlaBenchmark.OPTIONS));
                case "rules" -> RulesBenchmark.run(Options.parse(rest, RulesBenchmark.OPTIONS));
                case "mail" -> MailBenchmark.run(Options.parse(rest, MailBenchmark.OPTIONS));
                case "whatsapp" -> WhatsAppBenchmark.run(Options.parse(rest, WhatsAppBenchmark.OPTIONS));
                case "kb" -> KbBenchmark.run(Options.parse(rest, KbBenchmark.OPTIONS));
                case "portal" -> PortalBenchmark.run(Options.parse(rest, PortalBenchmark.OPTIONS));
                case "analytics" -> AnalyticsBenchmark.run(Options.parse(rest, AnalyticsBenchmark.OPTIONS));
                case "chat" -> ChatBenchmark.run(Options.parse(rest, ChatBenchmark.OPTIONS));
                case "assist-quality" -> AssistQualityBenchmark.run(Options.parse(rest, AssistQualityBenchmark.OPTIONS));
                default -> throw new UsageException("unknown command '" + args[0] + "'");
            }
        } catch (UsageException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println();
            System.err.print(USAGE);
            System.exit(2);
        } catch (IllegalStateException e) {
            System.err.println("failed: " + e.getMessage());
            System.exit(1);
        } catch (SQLException e) {
            System.err.println("database error: " + e.getMessage());
            for (SQLException next = e.getNextException(); next != null; next = next.getNextException()) {
                System.err.println("  " + next.getMessage());
            }
            System.exit(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.err.println("interrupted");
            System.exit(1);
        } catch (Exception e) {
            System.err.println("failed: " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }
}
