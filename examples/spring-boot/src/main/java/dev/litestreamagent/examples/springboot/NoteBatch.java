package dev.litestreamagent.examples.springboot;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.CommandLineRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** The command-line run: {@code --notes} notes, then the application exits. */
@Component
@Profile("!" + NotesApp.SERVICE)
class NoteBatch implements CommandLineRunner {
    private static final Logger LOG = LoggerFactory.getLogger(NoteBatch.class);

    private final Notebook notebook;
    private final String url;
    private final int notes;

    NoteBatch(Notebook notebook, @Value("${spring.datasource.url}") String url, @Value("${notes}") int notes) {
        this.notebook = notebook;
        this.url = url;
        this.notes = notes;
    }

    @Override
    public void run(String... args) {
        long before = notebook.count();
        for (int i = 1; i <= notes; i++) {
            notebook.add("note " + (before + i));
        }
        LOG.info("wrote {} notes to {}; it now holds {}", notes, url, notebook.count());
    }
}
