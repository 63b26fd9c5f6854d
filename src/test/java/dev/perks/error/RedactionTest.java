package dev.perks.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RedactionTest {

    private static final String SECRET = "Hunter2xyz";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "raw URL|connect to postgres://app:Hunter2xyz@db:5432/perks failed|connect to postgres://***@db:5432/perks failed",
            "raw @ in the password|postgres://app:Hunter2xyz@x@db/perks|postgres://***@db/perks",
            "percent-encoded|redis://:Hunter2xyz%40x%2F@cache:6379|redis://***@cache:6379",
            "key=value|host=db user=app password=Hunter2xyz dbname=perks|host=db user=app password=*** dbname=perks",
            "key: value|pwd: Hunter2xyz;|pwd: ***;",
            "JSON|{\"email\":\"a@b.co\",\"password\":\"Hunter2xyz\"}|{\"email\":\"a@b.co\",\"password\":\"***\"}",
            "JSON with escapes|{\"password\" : \"Hun\\\"ter2xyz\"}|{\"password\" : \"***\"}",
            "bearer token|Authorization: Bearer Hunter2xyz.abc|Authorization: Bearer ***",
    })
    void hidesTheSecret(String encoding, String text, String expected) {
        String redacted = Redaction.redact(text);

        assertEquals(expected, redacted);
        assertFalse(redacted.contains(SECRET), encoding + ": " + redacted);
    }

    @Test
    void hidesJwtsAndPrivateKeys() {
        String jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlSHVudGVyMnh5eg";
        assertEquals("token ***", Redaction.redact("token " + jwt));
        String pem = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----";
        assertEquals("key -----BEGIN PRIVATE KEY-----***", Redaction.redact("key " + pem));
    }

    @Test
    void theStackTraceOfAnUnexpectedFailureCarriesNoSecret() {
        Exception failure = new IllegalStateException("wrapped", new SQLException(
                "FATAL: password authentication failed for postgres://app:Hunter2xyz@db/perks (password=Hunter2xyz)"));

        String trace = Redaction.stackTrace(failure);

        assertFalse(trace.contains(SECRET), trace);
        assertTrue(trace.contains("Caused by: java.sql.SQLException: FATAL: password authentication failed"), trace);
        assertTrue(trace.contains("\tat dev.perks.error.RedactionTest"), "frames are kept: " + trace);
    }
}
