package dev.litestreamagent.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The signature AWS's own documentation gives for its "GET Bucket (List Objects)" example. */
class SigV4Test {

    @Test
    void signsAwsDocumentedListExample() {
        SigV4 signer = new SigV4("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", null, "us-east-1");

        Map<String, String> headers = signer.headers("examplebucket.s3.amazonaws.com", "/", "max-keys=2&prefix=J",
                ZonedDateTime.of(2013, 5, 24, 0, 0, 0, 0, ZoneOffset.UTC));

        assertEquals("20130524T000000Z", headers.get("x-amz-date"));
        assertEquals("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
                + "SignedHeaders=host;x-amz-content-sha256;x-amz-date, "
                + "Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7", headers.get("Authorization"));
    }

    @Test
    void encodesQueryValuesAsSigV4Wants() {
        assertEquals("tenants%2Fa%20b%2Bc~_.-", SigV4.encode("tenants/a b+c~_.-"));
    }
}
