package dev.litestreamagent.examples.springboot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A Spring Boot application that knows nothing of Litestream: it writes {@code --notes=N} notes
 * to SQLite through {@link JdbcTemplate} and exits.
 *
 * <pre>
 * java -jar spring-boot-example.jar [--spring.datasource.url=jdbc:sqlite:data/notes.db] [--notes=20]
 * </pre>
 */
@SpringBootApplication
public class NotesApp implements CommandLineRunner {
    private static final Logger LOG = LoggerFactory.getLogger(NotesApp.class);

    private final JdbcTemplate jdbc;
    private final String url;
    private final int notes;

    public NotesApp(JdbcTemplate jdbc, @Value("${spring.datasource.url}") String url, @Value("${notes}") int notes) {
        this.jdbc = jdbc;
        this.url = url;
        this.notes = notes;
    }

    public static void main(String[] args) {
        System.exit(SpringApplication.exit(SpringApplication.run(NotesApp.class, args)));
    }

    @Override
    public void run(String... args) throws IOException {
        createParent();
        jdbc.execute("CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, at TEXT NOT NULL, body TEXT NOT NULL)");
        Integer before = jdbc.queryForObject("SELECT count(*) FROM notes", Integer.class);
        for (int i = 1; i <= notes; i++) {
            jdbc.update("INSERT INTO notes (at, body) VALUES (?, ?)", Instant.now().toString(), "note " + (before + i));
        }
        Integer rows = jdbc.queryForObject("SELECT count(*) FROM notes", Integer.class);
        LOG.info("wrote {} notes to {}; it now holds {}", notes, url, rows);
    }

    /** SQLite creates the file but not its folder; the pool connects lazily, so this runs first. */
    private void createParent() throws IOException {
        String path = url.replaceFirst("^jdbc:sqlite:(file:)?", "").replaceFirst("\\?.*$", "");
        Files.createDirectories(Path.of(path).toAbsolutePath().getParent());
    }
}
