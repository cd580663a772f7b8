package dev.litestreamagent.exec;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PosixLocksTest {
    private static final PosixLocks TABLE = PosixLocks.parse(String.join("\n",
            "1: POSIX  ADVISORY  READ  4242 08:01:1001 124 124",
            "2: POSIX  ADVISORY  WRITE 4243 08:01:1001 120 120",
            "3: POSIX  ADVISORY  READ  4242 fd:00:1003 1073741826 EOF",
            "4: -> POSIX  ADVISORY  READ  4242 08:01:1005 125 125",
            "5: FLOCK  ADVISORY  WRITE 4242 08:01:1006 0 EOF",
            "6: OFDLCK ADVISORY  READ  -1 08:01:1007 124 124",
            "garbage",
            "7: POSIX ADVISORY READ 4242 x:y:z 124 124",
            ""));

    @Test
    void readLocksOfOneProcessInAByteRange() {
        assertTrue(TABLE.readLockedBy(4242, 1001, 123, 127));
        assertFalse(TABLE.readLockedBy(4243, 1001, 123, 127), "another process");
        assertFalse(TABLE.readLockedBy(4242, 1001, 125, 127), "outside the range");
        assertTrue(TABLE.readLockedBy(4242, 1003, 1073741826, 1073741826), "an EOF end");
        assertFalse(TABLE.readLockedBy(4242, 1005, 123, 127), "a waiter holds nothing");
        assertFalse(TABLE.readLockedBy(4242, 1006, 0, 0), "flock");
        assertFalse(TABLE.readLockedBy(-1, 1007, 123, 127), "an OFD lock has no owner");
    }

    @Test
    void writeLocksOfOtherProcesses() {
        assertTrue(TABLE.writeLockedByOther(4242, 1001, 120));
        assertFalse(TABLE.writeLockedByOther(4243, 1001, 120), "its own");
        assertFalse(TABLE.writeLockedByOther(4242, 1001, 121));
    }
}
