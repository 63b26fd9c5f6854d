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
            "space in the password|host=db password=Hunter2xyz and more dbname=perks|host=db password=*** dbname=perks",
            "separators in the password|url?user=app&password=Hunter2xyz;a,b&ssl=true|url?user=app&password=***&ssl=true",
            "quoted password|host=db password='Hun ter;2xyz Hunter2xyz' user=app|host=db password=*** user=app",
            "double-quoted secret|secret: \"Hunter2xyz with spaces\" then|secret: *** then",
            "slash in URL user-info|postgres://app:Hunter2xyz/x@db:5432/perks|postgres://***@db:5432/perks",
            "space in URL user-info|redis://:Hunter2xyz and more@cache:6379 refused|redis://***@cache:6379 refused",
            "slash and @ in URL user-info|postgresql://u:a/b@Hunter2xyz@db/perks?ssl=true|postgresql://***@db/perks?ssl=true",
    })
    void hidesTheSecret(String encoding, String text, String expected) {
        String redacted = Redaction.redact(text);

        assertEquals(expected, redacted);
        assertFalse(redacted.contains(SECRET), encoding + ": " + redacted);
    }

    /** Each way a secret can sit in a failure, through each way a failure becomes text: log lines, health detail, traces. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "space in the password|FATAL: bad login password=Hunter2xyz and more dbname=perks",
            "separators in the password|url?user=app&password=Hunter2xyz;a,b&ssl=true",
            "quoted password|host=db password='Hun ter;2xyz Hunter2xyz' user=app",
            "slash in URL user-info|Connection refused: postgres://app:Hunter2xyz/x@db:5432/perks",
            "space in URL user-info|Connection refused: redis://:Hunter2xyz and more@cache:6379",
            "slash and @ in URL user-info|postgresql://u:a/b@Hunter2xyz@db/perks?ssl=true",
    })
    void everyLoggingPathHidesTheSecret(String encoding, String message) {
        Exception direct = new IllegalStateException(message);
        Exception wrapped = new java.util.concurrent.CompletionException(new RuntimeException(new SQLException(message)));
        for (String rendered : new String[] {
                Redaction.redact(message), // what any log line built from text goes through
                Redaction.describe(direct), Redaction.describe(wrapped), // dependency warnings, health detail, CLI output
                Redaction.stackTrace(direct), Redaction.stackTrace(wrapped) }) { // the 500 handler's log line
            assertFalse(rendered.contains(SECRET), encoding + ": " + rendered);
            assertFalse(rendered.contains("more"), encoding + ": the rest of the secret is hidden too: " + rendered);
        }
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
