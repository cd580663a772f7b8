package dev.litestreamagent.supervisor.log;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** The last N output lines (a ring buffer): memory stays bounded however much Litestream prints. */
public final class OutputTail {
    private final int capacity;
    private final ArrayDeque<String> lines;

    public OutputTail(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity: " + capacity + "; expected 1 or more lines");
        }
        this.capacity = capacity;
        this.lines = new ArrayDeque<>(capacity);
    }

    public synchronized void add(String line) {
        if (lines.size() == capacity) {
            lines.removeFirst();
        }
        lines.addLast(line);
    }

    /** Oldest first. */
    public synchronized List<String> snapshot() {
        return new ArrayList<>(lines);
    }
}
