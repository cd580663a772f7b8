package dev.litestreamagent.replica;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 for one S3 GET without a body, with the JDK's SHA-256 and HMAC: the
 * headers to send, {@code Authorization} included.
 */
final class SigV4 {
    static final String EMPTY_PAYLOAD_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private final String accessKeyId;
    private final String secretAccessKey;
    private final String sessionToken; // null without one
    private final String region;

    SigV4(String accessKeyId, String secretAccessKey, String sessionToken, String region) {
        this.accessKeyId = accessKeyId;
        this.secretAccessKey = secretAccessKey;
        this.sessionToken = sessionToken;
        this.region = region;
    }

    /**
     * @param host the Host header as sent ({@code name[:port]})
     * @param path the request path, already URI-encoded
     * @param query the canonical query string: parameters sorted, names and values {@link #encode}d
     */
    Map<String, String> headers(String host, String path, String query, ZonedDateTime now) {
        String timestamp = now.withZoneSameInstant(ZoneOffset.UTC).format(STAMP);
        String scope = timestamp.substring(0, 8) + "/" + region + "/s3/aws4_request";
        Map<String, String> signed = new TreeMap<>();
        signed.put("host", host);
        signed.put("x-amz-content-sha256", EMPTY_PAYLOAD_SHA256);
        signed.put("x-amz-date", timestamp);
        if (sessionToken != null) {
            signed.put("x-amz-security-token", sessionToken);
        }
        StringBuilder canonical = new StringBuilder("GET\n").append(path).append('\n').append(query).append('\n');
        signed.forEach((name, value) -> canonical.append(name).append(':').append(value.trim()).append('\n'));
        String signedNames = String.join(";", signed.keySet());
        canonical.append('\n').append(signedNames).append('\n').append(EMPTY_PAYLOAD_SHA256);
        String toSign = "AWS4-HMAC-SHA256\n" + timestamp + "\n" + scope + "\n" + hex(sha256(canonical.toString()));
        byte[] key = hmac(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), timestamp.substring(0, 8));
        key = hmac(hmac(hmac(key, region), "s3"), "aws4_request");
        Map<String, String> headers = new LinkedHashMap<>(signed);
        headers.remove("host"); // the HTTP client sends it from the URL
        headers.put("Authorization", "AWS4-HMAC-SHA256 Credential=" + accessKeyId + "/" + scope
                + ", SignedHeaders=" + signedNames + ", Signature=" + hex(hmac(key, toSign)));
        return headers;
    }

    /** URI encoding as SigV4 wants it: every byte but {@code A-Za-z0-9-_.~} as {@code %XX}, also '/'. */
    static String encode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 missing from this JDK", e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 missing from this JDK", e);
        }
    }

    private static String hex(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            out.append(String.format("%02x", b & 0xff));
        }
        return out.toString();
    }
}
