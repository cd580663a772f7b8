package dev.litestreamagent.examples.springboot;

import java.time.Instant;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Adds notes, one transaction each, and acknowledges each on stdout once its commit has returned. */
@Component
class Notebook {
    private final NoteRepository notes;
    private final TransactionTemplate transactions;

    Notebook(NoteRepository notes, TransactionTemplate transactions) {
        this.notes = notes;
        this.transactions = transactions;
    }

    long add(String body) {
        Long id = transactions.execute(status -> notes.save(new Note(Instant.now(), body)).getId());
        // Only now is the row committed: a reader of stdout may count on every ACKed id.
        System.out.println("ACK " + id);
        System.out.flush();
        return id;
    }

    long count() {
        return notes.count();
    }
}
