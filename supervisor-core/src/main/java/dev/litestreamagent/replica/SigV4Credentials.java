package dev.litestreamagent.replica;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * The credentials Litestream 0.3 would sign with: the replica's {@code access-key-id} and
 * {@code secret-access-key} when either is set, else {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}
 * (which {@code LITESTREAM_*} ones fill in when unset) and {@code AWS_SESSION_TOKEN}. Anything the AWS SDK
 * would look up further (profiles, instance roles) is beyond this look.
 */
final class SigV4Credentials {
    private final ReplicaOptionValues options;
    private final Map<String, String> environment;

    SigV4Credentials(ReplicaOptionValues options, Map<String, String> environment) {
        this.options = options;
        this.environment = environment;
    }

    SigV4 signer(String region) throws IOException {
        Optional<String> key = options.get("access-key-id");
        Optional<String> secret = options.get("secret-access-key");
        if (key.isPresent() || secret.isPresent()) {
            return new SigV4(options.require("access-key-id"), options.require("secret-access-key"), null, region);
        }
        String envKey = variable("AWS_ACCESS_KEY_ID", "LITESTREAM_ACCESS_KEY_ID");
        String envSecret = variable("AWS_SECRET_ACCESS_KEY", "LITESTREAM_SECRET_ACCESS_KEY");
        if (envKey == null || envSecret == null) {
            throw new IOException("no credentials in the replica options or AWS_*/LITESTREAM_* variables");
        }
        String token = environment.get("AWS_SESSION_TOKEN");
        return new SigV4(envKey, envSecret, token == null || token.isEmpty() ? null : token, region);
    }

    private String variable(String name, String fallback) {
        String value = environment.containsKey(name) ? environment.get(name) : environment.get(fallback);
        return value == null || value.isEmpty() ? null : value;
    }
}
