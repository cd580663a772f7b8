package dev.litestreamagent.binary;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The OS and CPU an executable was built for, read from its ELF or Mach-O header, so that a wrong
 * download says "built for linux/arm64" instead of failing later with "exec format error".
 */
final class ExecutableHeader {
    private static final int HEADER_BYTES = 4096;

    private final String format;
    private final String os;
    private final Set<String> archs;

    private ExecutableHeader(String format, String os, Set<String> archs) {
        this.format = format;
        this.os = os;
        this.archs = archs;
    }

    /** Empty for anything that is neither ELF nor Mach-O (a shell script, say): nothing to compare. */
    static Optional<ExecutableHeader> read(Path file) throws IOException {
        byte[] bytes = new byte[HEADER_BYTES];
        int n;
        // A FileInputStream, not Files.newInputStream: that one loads the NIO channel classes, a cold CLI's cost.
        try (InputStream in = new FileInputStream(file.toFile())) {
            n = in.readNBytes(bytes, 0, bytes.length);
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes, 0, n);
        if (n >= 20 && bytes[0] == 0x7f && bytes[1] == 'E' && bytes[2] == 'L' && bytes[3] == 'F') {
            // e_ident[EI_DATA] (offset 5) gives the byte order of e_machine (offset 18).
            buf.order(bytes[5] == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            return Optional.of(new ExecutableHeader("ELF", Platform.LINUX, Set.of(elfArch(buf.getShort(18) & 0xffff))));
        }
        if (n < 8) {
            return Optional.empty();
        }
        int magic = buf.order(ByteOrder.BIG_ENDIAN).getInt(0);
        if (magic == 0xcffaedfe || magic == 0xcefaedfe) {
            return Optional.of(machO(buf.order(ByteOrder.LITTLE_ENDIAN).getInt(4)));
        }
        if (magic == 0xfeedfacf || magic == 0xfeedface) {
            return Optional.of(machO(buf.getInt(4)));
        }
        int count = buf.getInt(4);
        // 0xcafebabe is also a Java class file; a universal binary has only a handful of slices.
        if (magic == 0xcafebabe && count > 0 && count < 16 && n >= 8 + count * 20) {
            Set<String> archs = new LinkedHashSet<>();
            for (int i = 0; i < count; i++) {
                archs.add(machArch(buf.getInt(8 + i * 20)));
            }
            return Optional.of(new ExecutableHeader("Mach-O universal", Platform.DARWIN, archs));
        }
        return Optional.empty();
    }

    private static ExecutableHeader machO(int cpuType) {
        return new ExecutableHeader("Mach-O", Platform.DARWIN, Set.of(machArch(cpuType)));
    }

    private static String elfArch(int machine) {
        switch (machine) {
            case 0x3e: return Platform.AMD64;
            case 0xb7: return Platform.ARM64;
            case 0x03: return "386";
            case 0x28: return "arm";
            case 0xf3: return "riscv64";
            case 0x15: return "ppc64";
            case 0x16: return "s390x";
            default: return "e_machine 0x" + Integer.toHexString(machine);
        }
    }

    private static String machArch(int cpuType) {
        switch (cpuType) {
            case 0x01000007: return Platform.AMD64;
            case 0x0100000c: return Platform.ARM64;
            case 0x07: return "386";
            case 0x0c: return "arm";
            default: return "cputype 0x" + Integer.toHexString(cpuType);
        }
    }

    boolean runsOn(Platform platform) {
        return os.equals(platform.os()) && archs.contains(platform.arch());
    }

    /** {@code linux/arm64 (ELF)}. */
    String describe() {
        return os + "/" + String.join("+", archs) + " (" + format + ")";
    }
}
