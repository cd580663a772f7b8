package dev.litestreamagent.replica;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An S3 (or S3-compatible) replica: one signed ListObjectsV2 of the replica's path, asking for one
 * key. Empty only on a well-formed answer listing nothing. Endpoint, region, path style and
 * credentials are chosen as Litestream 0.3 chooses them; where it would do more (look up the bucket's
 * region, credentials from a profile or an instance role, skip TLS checks) this look gives up.
 */
final class S3ReplicaLook {
    private static final String DEFAULT_REGION = "us-east-1"; // Litestream's for a custom endpoint
    private static final int MAX_BODY = 64 * 1024;
    private static final Pattern KEY_COUNT = Pattern.compile("<KeyCount>\\s*(\\d+)\\s*</KeyCount>");

    private final URI base; // scheme and authority
    private final String path; // URI-encoded request path
    private final String prefix;
    private final SigV4 signer;

    private S3ReplicaLook(URI base, String path, String prefix, SigV4 signer) {
        this.base = base;
        this.path = path;
        this.prefix = prefix;
        this.signer = signer;
    }

    static S3ReplicaLook from(ReplicaOptionValues options, Map<String, String> environment) throws IOException {
        String bucket = options.require("bucket");
        Optional<String> endpoint = options.get("endpoint");
        String region = options.get("region").orElse(null);
        if (region == null && !endpoint.isPresent()) {
            throw new IOException("no region and no endpoint: Litestream would look the bucket's region up");
        }
        if (options.flag("skip-verify", false)) {
            throw new IOException("skip-verify is set");
        }
        boolean pathStyle = options.flag("force-path-style", endpoint.isPresent());
        URI server = endpoint.map(URI::create).orElse(URI.create("https://s3." + region + ".amazonaws.com"));
        if (server.getHost() == null || !("http".equals(server.getScheme()) || "https".equals(server.getScheme()))
                || !(server.getRawPath() == null || server.getRawPath().isEmpty() || server.getRawPath().equals("/"))) {
            throw new IOException("the endpoint is not a plain http(s)://host[:port]");
        }
        String authority = server.getRawAuthority();
        URI base = URI.create(server.getScheme() + "://" + (pathStyle ? authority : bucket + "." + authority));
        String requestPath = pathStyle ? "/" + SigV4.encode(bucket) : "/";
        return new S3ReplicaLook(base, requestPath, keyPrefix(options.get("path").orElse("")),
                new SigV4Credentials(options, environment).signer(region == null ? DEFAULT_REGION : region));
    }

    /** Where Litestream keeps the replica: {@code <path>/generations/}, {@code <path>/ltx/}; the listing covers both. */
    private static String keyPrefix(String path) throws IOException {
        if (path.isEmpty()) {
            return "";
        }
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        // Go's path.Join cleans these; rather than clean them the same way, leave it to Litestream
        if (trimmed.isEmpty() || trimmed.contains("//") || ("/" + trimmed + "/").matches(".*/\\.{1,2}/.*")) {
            throw new IOException("the replica path is not in clean form");
        }
        return trimmed + "/";
    }

    boolean isEmpty(Duration timeout) throws IOException {
        String query = "list-type=2&max-keys=1&prefix=" + SigV4.encode(prefix);
        Map<String, String> headers = signer.headers(base.getRawAuthority(), path, query, ZonedDateTime.now());
        HttpURLConnection connection = (HttpURLConnection) new URL(base + path + "?" + query).openConnection();
        try {
            int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            connection.setConnectTimeout(millis);
            connection.setReadTimeout(millis);
            connection.setInstanceFollowRedirects(false); // a redirect means another region: Litestream knows better
            connection.setUseCaches(false);
            headers.forEach(connection::setRequestProperty);
            int status = connection.getResponseCode();
            if (status != 200) {
                throw new IOException("ListObjectsV2 answered HTTP " + status);
            }
            String body = read(connection.getInputStream());
            Matcher count = KEY_COUNT.matcher(body);
            if (!body.contains("<ListBucketResult") || !count.find()) {
                throw new IOException("ListObjectsV2 answered with no key count");
            }
            return Integer.parseInt(count.group(1)) == 0 && !body.contains("<Contents>");
        } finally {
            connection.disconnect();
        }
    }

    private static String read(InputStream in) throws IOException {
        try (InputStream body = in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (int n = body.read(buffer); n >= 0 && out.size() < MAX_BODY; n = body.read(buffer)) {
                out.write(buffer, 0, n);
            }
            return new String(out.toByteArray(), StandardCharsets.UTF_8);
        }
    }
}
