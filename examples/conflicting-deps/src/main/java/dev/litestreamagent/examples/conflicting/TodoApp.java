package dev.litestreamagent.examples.conflicting;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.Yaml;

/**
 * A to-do list that brings its own, older copies of the libraries the agent also uses (slf4j 1.7
 * bound to logback 1.2 with its own {@code logback.xml}, snakeyaml 1.33, sqlite-jdbc 3.46): run
 * under the agent it must behave exactly as without it.
 *
 * <pre>
 * java -jar conflicting-deps.jar [--url jdbc:sqlite:data/todo.db] [--events 20] [--interval-ms 10]
 * </pre>
 */
public final class TodoApp {
    private static final Logger LOG = LoggerFactory.getLogger(TodoApp.class);
    private static final String[] LIBRARIES = {
        "org.slf4j/slf4j-api", "ch.qos.logback/logback-classic", "org.yaml/snakeyaml", "org.xerial/sqlite-jdbc"};

    private TodoApp() {
    }

    public static void main(String[] args) throws Exception {
        String url = "jdbc:sqlite:data/todo.db";
        int events = 20;
        long intervalMs = 10;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--url":
                    url = args[++i];
                    break;
                case "--events":
                    events = Integer.parseInt(args[++i]);
                    break;
                case "--interval-ms":
                    intervalMs = Long.parseLong(args[++i]);
                    break;
                default:
                    System.err.println("conflicting-deps: unknown argument " + args[i]
                            + "; expected --url URL, --events N or --interval-ms MS");
                    System.exit(2);
            }
        }
        LOG.info("libraries: {}; logging through {}", versions(), LoggerFactory.getILoggerFactory().getClass().getName());
        List<String> items = readList();
        int rows = addItems(url, items, events, intervalMs);
        System.out.println("conflicting-deps: added " + events + " items to " + url + "; it now holds " + rows);
    }

    /** The packaged versions, to show in the log which copies the application runs with. */
    private static String versions() throws IOException {
        List<String> found = new ArrayList<>();
        for (String library : LIBRARIES) {
            Properties pom = new Properties();
            try (InputStream in = TodoApp.class.getResourceAsStream("/META-INF/maven/" + library + "/pom.properties")) {
                if (in != null) {
                    pom.load(in);
                }
            }
            found.add(library.substring(library.indexOf('/') + 1) + " " + pom.getProperty("version", "?"));
        }
        return String.join(", ", found);
    }

    /** The item names come from a YAML resource, read with the application's own snakeyaml. */
    @SuppressWarnings("unchecked")
    private static List<String> readList() throws IOException {
        try (InputStream in = TodoApp.class.getResourceAsStream("/todo-app.yml")) {
            Map<String, Object> list = new Yaml().load(in);
            List<String> items = (List<String>) list.get("items");
            LOG.info("to-do list '{}' with items {}", list.get("title"), items);
            return items;
        }
    }

    private static int addItems(String url, List<String> items, int count, long intervalMs)
            throws SQLException, InterruptedException {
        createParent(url);
        try (Connection db = DriverManager.getConnection(url)) {
            LOG.info("sqlite-jdbc driver {} (SQLite {})", db.getMetaData().getDriverVersion(),
                    db.getMetaData().getDatabaseProductVersion());
            try (Statement s = db.createStatement()) {
                // What any application sharing its database with Litestream should set.
                s.execute("PRAGMA busy_timeout = 5000");
                s.execute("PRAGMA journal_mode = WAL");
                s.execute("CREATE TABLE IF NOT EXISTS todo (id INTEGER PRIMARY KEY, item TEXT NOT NULL, done INTEGER NOT NULL)");
            }
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO todo (item, done) VALUES (?, 0)")) {
                for (int i = 0; i < count; i++) {
                    insert.setString(1, items.get(i % items.size()) + " #" + (i + 1));
                    insert.executeUpdate();
                    if (intervalMs > 0) {
                        Thread.sleep(intervalMs);
                    }
                }
            }
            int rows = count(db);
            LOG.info("added {} items; the list holds {}", count, rows);
            return rows;
        }
    }

    private static int count(Connection db) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM todo")) {
            return r.next() ? r.getInt(1) : 0;
        }
    }

    /** SQLite creates the file but not its folder. */
    private static void createParent(String url) {
        String path = url.replaceFirst("^jdbc:sqlite:(file:)?", "").replaceFirst("\\?.*$", "");
        Path parent = Paths.get(path).toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + parent, e);
        }
    }
}
