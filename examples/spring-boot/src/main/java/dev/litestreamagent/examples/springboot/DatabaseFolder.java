package dev.litestreamagent.examples.springboot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;

/** SQLite creates the database file but not its folder; Flyway opens it before any bean of ours runs. */
final class DatabaseFolder implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {
    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        String url = event.getEnvironment().getRequiredProperty("spring.datasource.url");
        Path parent = Path.of(url.replaceFirst("^jdbc:sqlite:(file:)?", "").replaceFirst("\\?.*$", ""))
                .toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the database folder " + parent, e);
        }
    }
}
