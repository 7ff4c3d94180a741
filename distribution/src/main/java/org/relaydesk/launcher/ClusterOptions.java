package org.relaydesk.launcher;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Payara Micro's data-grid (Hazelcast) options from the cluster settings. Alone (no members), the data
 * grid does not look for peers at all. In a cluster, the members are named explicitly (TCP/IP
 * discovery): multicast discovery would let any machine of the network that speaks Hazelcast join.
 */
final class ClusterOptions {
    private static final Pattern MEMBER = Pattern.compile("\\[?([A-Za-z0-9.:-]+?)]?:(\\d{1,5})");

    /** One node of the cluster as the settings name it. */
    record Member(String host, int port) {
        @Override
        public String toString() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    private ClusterOptions() {
    }

    /**
     * The server JVM's options for the data grid: in a cluster it listens on its interface only (which
     * {@link #payaraArguments} always names), not on every address of the machine.
     */
    static List<String> jvmArguments(Settings settings) {
        return settings.get("relaydesk.cluster.members", "").isBlank() ? List.of() : List.of("-Dhazelcast.socket.bind.any=false");
    }

    static List<String> payaraArguments(Settings settings) {
        String members = settings.get("relaydesk.cluster.members", "").trim();
        if (members.isEmpty()) {
            return List.of("--nocluster");
        }
        List<Member> parsed = members(members);
        int port = port(settings.get("relaydesk.cluster.port", "6900"));
        String name = settings.get("relaydesk.cluster.name", "relaydesk").trim();
        if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("relaydesk.cluster.name takes letters, digits, '.', '_' and '-' (at most 64), not '" + name + "'");
        }
        List<String> arguments = new ArrayList<>(List.of("--clustermode", "tcpip:" + String.join(",", parsed.stream().map(Member::toString).toList()),
                "--clustername", name, "--startport", Integer.toString(port)));
        // whoever joins the grid can command every node: it never listens on every interface by default
        String address = settings.get("relaydesk.cluster.interface").map(String::trim).filter(s -> !s.isEmpty())
                .or(() -> ownAddress(parsed, port))
                .orElseThrow(() -> new IllegalArgumentException("relaydesk.cluster.members names no address of this machine with port " + port
                        + " (relaydesk.cluster.port): set relaydesk.cluster.interface to this node's private address"));
        if (!address.matches("[0-9A-Fa-f.:*-]{1,64}")) {
            throw new IllegalArgumentException("relaydesk.cluster.interface takes an IP address of this machine (or a pattern such as 10.0.0.*), not '"
                    + address + "'");
        }
        arguments.addAll(List.of("--interfaces", address));
        return arguments;
    }

    /** The members, each host:port; anything else is refused with the entry named. */
    static List<Member> members(String list) {
        List<Member> members = new ArrayList<>();
        for (String entry : list.split(",")) {
            Matcher matcher = MEMBER.matcher(entry.trim());
            if (!matcher.matches()) {
                throw new IllegalArgumentException("relaydesk.cluster.members: '" + entry.trim() + "' is not host:port");
            }
            members.add(new Member(matcher.group(1), port(matcher.group(2))));
        }
        return members;
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value.trim());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException("a cluster port must be a number from 1 to 65535, not '" + value + "'");
    }

    /** This node's own entry: the member on this node's port whose address belongs to this machine. */
    private static Optional<String> ownAddress(List<Member> members, int port) {
        List<String> own = members.stream().filter(m -> m.port() == port && isLocalAddress(m.host())).map(Member::host).distinct().toList();
        return own.size() == 1 ? Optional.of(own.get(0)) : Optional.empty();
    }

    private static boolean isLocalAddress(String host) {
        if (!host.matches("[0-9.]+|[0-9A-Fa-f:]+")) {
            return false; // a name: the operator says which interface, or the data grid chooses
        }
        try {
            return NetworkInterface.getByInetAddress(InetAddress.getByName(host)) != null;
        } catch (UnknownHostException | SocketException e) {
            return false;
        }
    }
}
