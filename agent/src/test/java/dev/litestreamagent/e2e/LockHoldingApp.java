package dev.litestreamagent.e2e;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * A small application on sqlite-jdbc for {@link ScheduledVerificationIT}, driven through stdin:
 * {@code hold} opens a write transaction and keeps it ({@code HELD}), {@code release} commits it
 * ({@code RELEASED}), {@code jmx} prints its database MBean as the agent registered it ({@code JMX ...}),
 * {@code write} commits one row ({@code WROTE}), {@code exit} ends it. Its schema is created at start
 * ({@code READY}). Also the application of {@link UnreachableReplicaExitIT}.
 */
public final class LockHoldingApp {
    private static final String[] ATTRIBUTES = {"LastVerifyOutcome", "LastVerifyReason", "LastVerifySuccessTime",
        "VerifyInSyncCount", "LastUploadTime", "LastUploadAgeSeconds"};

    private LockHoldingApp() {
    }

    public static void main(String[] args) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + args[0]);
                Statement sql = db.createStatement();
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            sql.execute("CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, body TEXT)");
            sql.execute("INSERT INTO notes (body) VALUES ('first')");
            say("READY");
            for (String line = in.readLine(); line != null && !line.equals("exit"); line = in.readLine()) {
                switch (line) {
                    case "hold" -> {
                        sql.execute("BEGIN IMMEDIATE");
                        sql.execute("INSERT INTO notes (body) VALUES ('held')");
                        say("HELD");
                    }
                    case "release" -> {
                        sql.execute("COMMIT");
                        say("RELEASED");
                    }
                    case "write" -> {
                        sql.execute("INSERT INTO notes (body) VALUES ('written')");
                        say("WROTE");
                    }
                    case "jmx" -> say("JMX " + mbean(args[1]));
                    default -> say("UNKNOWN " + line);
                }
            }
        }
    }

    private static String mbean(String alias) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName("dev.litestreamagent:type=Database,name=" + ObjectName.quote(alias));
        StringBuilder out = new StringBuilder();
        for (String attribute : ATTRIBUTES) {
            out.append(attribute).append('=').append(server.getAttribute(name, attribute)).append(';');
        }
        return out.toString();
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
