package dev.litestreamagent.examples.springboot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A Spring Boot application that knows nothing of Litestream: notes in SQLite through JPA
 * (Hibernate's community SQLite dialect), HikariCP and a Flyway migration. Every note it commits
 * is printed as {@code ACK <id>} once the commit has returned.
 *
 * <pre>
 * java -jar spring-boot-example.jar [--spring.datasource.url=jdbc:sqlite:data/notes.db] [--notes=20]
 * java -jar spring-boot-example.jar --spring.profiles.active=service [--server.port=8080]
 *      [--writers=4] [--rate=50] [--drain-ms=300]
 * </pre>
 *
 * The first writes {@code --notes} notes and exits. The second is a web service
 * ({@code POST /notes}, {@code GET /notes/count}) whose writer threads commit {@code --rate} notes
 * a second each until it is stopped, and go on for {@code --drain-ms} while its context closes.
 */
@SpringBootApplication
public class NotesApp {
    static final String SERVICE = "service";

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(NotesApp.class);
        app.addListeners(new DatabaseFolder());
        ConfigurableApplicationContext context = app.run(args);
        if (!context.getEnvironment().matchesProfiles(SERVICE)) {
            System.exit(SpringApplication.exit(context));
        }
    }
}
