package dev.litestreamagent.examples.springboot;

import java.util.Map;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /notes} (the body is the note) answers {@code {"id": N}} after the commit; {@code GET /notes/count}. */
@RestController
@Profile(NotesApp.SERVICE)
class NotesController {
    private final Notebook notebook;

    NotesController(Notebook notebook) {
        this.notebook = notebook;
    }

    @PostMapping("/notes")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Long> add(@RequestBody String body) {
        return Map.of("id", notebook.add(body));
    }

    @GetMapping("/notes/count")
    Map<String, Long> count() {
        return Map.of("count", notebook.count());
    }
}
