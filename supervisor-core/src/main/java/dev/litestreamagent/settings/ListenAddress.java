package dev.litestreamagent.settings;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code host:port} addresses Litestream listens on ({@code addr}, {@code mcp-addr}). Neither endpoint
 * has authentication, so one reachable from other machines deserves a warning.
 */
public final class ListenAddress {
    static final String EXPECTED = "an address host:port or :port with a port from 1 to 65535, such as 127.0.0.1:9090";
    private static final Pattern FORM = Pattern.compile("(\\S*):(\\d{1,5})");

    private ListenAddress() {
    }

    static boolean isValid(String address) {
        Matcher m = FORM.matcher(address);
        if (!m.matches()) {
            return false;
        }
        int port = Integer.parseInt(m.group(2));
        return port >= 1 && port <= 65535;
    }

    /**
     * Only names that can never mean another machine: {@code localhost}, {@code 127.x.x.x}, {@code [::1]}. No DNS
     * look-up: a host name could resolve anywhere, and an empty host ({@code :9090}) is every interface.
     */
    public static boolean isLoopback(String address) {
        String host = address.substring(0, address.lastIndexOf(':')).toLowerCase(Locale.ROOT);
        return host.equals("localhost") || host.equals("[::1]") || host.matches("127(\\.\\d{1,3}){3}");
    }
}
