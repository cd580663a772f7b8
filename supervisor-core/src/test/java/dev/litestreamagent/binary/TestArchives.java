package dev.litestreamagent.binary;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Release-shaped archives built at test time: a ustar tar.gz or a zip holding named files. */
final class TestArchives {
    private TestArchives() {
    }

    /** {@code litestream-v0.3.13-linux-amd64.tar.gz} as released: one file, {@code litestream}, at the top. */
    static byte[] tarGz(Path binary) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("litestream", Files.readAllBytes(binary));
        return tarGz(entries);
    }

    static byte[] tarGz(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes) {
            {
                def.setLevel(Deflater.BEST_SPEED); // a 30 MB binary: keep the test fast
            }
        }) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.write(ustarHeader(e.getKey(), e.getValue().length, '0'));
                out.write(e.getValue());
                out.write(new byte[(512 - e.getValue().length % 512) % 512]);
            }
            out.write(new byte[1024]);
        }
        return bytes.toByteArray();
    }

    static byte[] zip(Path binary) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.setLevel(Deflater.BEST_SPEED);
            zip.putNextEntry(new ZipEntry("litestream"));
            zip.write(Files.readAllBytes(binary));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    private static byte[] ustarHeader(String name, long size, char type) {
        byte[] h = new byte[512];
        put(h, 0, name);
        put(h, 100, "0000755\0");
        put(h, 108, "0000000\0");
        put(h, 116, "0000000\0");
        put(h, 124, String.format("%011o\0", size));
        put(h, 136, String.format("%011o\0", 0));
        h[156] = (byte) type;
        put(h, 257, "ustar\0");
        put(h, 263, "00");
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, String.format("%06o\0 ", sum));
        return h;
    }

    private static void put(byte[] h, int offset, String value) {
        byte[] b = value.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, offset, b.length);
    }
}
