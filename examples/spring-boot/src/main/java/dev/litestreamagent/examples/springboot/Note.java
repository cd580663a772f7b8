package dev.litestreamagent.examples.springboot;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One note; the table comes from Flyway's {@code V1__notes.sql}. */
@Entity
@Table(name = "notes")
public class Note {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private String at;

    @Column(nullable = false)
    private String body;

    protected Note() {
        // for JPA
    }

    Note(Instant at, String body) {
        this.at = at.toString();
        this.body = body;
    }

    Long getId() {
        return id;
    }
}
