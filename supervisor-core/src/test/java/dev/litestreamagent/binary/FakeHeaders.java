package dev.litestreamagent.binary;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Just enough of an executable header for the architecture check. */
final class FakeHeaders {
    private FakeHeaders() {
    }

    /** A 64-bit little-endian ELF header with the given e_machine (0x3e x86-64, 0xb7 AArch64). */
    static byte[] elf(int machine) {
        ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1});
        b.putShort(16, (short) 2).putShort(18, (short) machine);
        return b.array();
    }

    /** A 64-bit Mach-O header with the given cputype (0x01000007 x86_64, 0x0100000c arm64). */
    static byte[] machO(int cpuType) {
        ByteBuffer b = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, 0xfeedfacf).putInt(4, cpuType);
        return b.array();
    }

    /** A universal binary listing the given cputypes. */
    static byte[] fat(int... cpuTypes) {
        ByteBuffer b = ByteBuffer.allocate(8 + 20 * cpuTypes.length).order(ByteOrder.BIG_ENDIAN);
        b.putInt(0xcafebabe).putInt(cpuTypes.length);
        for (int i = 0; i < cpuTypes.length; i++) {
            b.putInt(8 + 20 * i, cpuTypes[i]);
        }
        return b.array();
    }
}
