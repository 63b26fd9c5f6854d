package dev.perks.error;

import java.util.regex.Pattern;

/**
 * Turns failures into text that is safe to log and to show on health endpoints: credentials in
 * URLs (raw or percent-encoded, a raw {@code @} in the password included), {@code password=…}
 * pairs of connection strings, JSON fields that name a secret, bearer tokens, JWTs and PEM private
 * keys are replaced by {@code ***}. When in doubt it hides too much rather than too little: a
 * password may hold spaces and separators, and URL user-info may hold {@code /} or a space.
 */
public final class Redaction {

    private static final String HIDDEN = "***";
    // Greedy up to the last '@' on the line that is followed by a host: "postgres://u:p@ss@host" hides
    // "u:p@ss", and user-info holding '/' or a space ("redis://:pa/ss w@host") is hidden whole.
    private static final Pattern URL_CREDENTIALS = Pattern.compile(
            "(?i)([a-z][a-z0-9+.-]*://)[^\"'\\r\\n]*@(?=[a-z0-9\\[][a-z0-9.\\[\\]:-]*(?:[/?#\\s\"'),;]|$))");
    private static final Pattern JSON_SECRET = Pattern.compile(
            "(?i)(\"(?:password|passwd|pwd|secret|token|accessToken|access_token|refreshToken|privateKey)\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"");
    // A quoted value is hidden to its closing quote; an unquoted one word by word, across spaces and
    // separators, until the next "key=" (or the line) ends it: "password=a b;c host=x" hides "a b;c".
    private static final Pattern SECRET_PAIR = Pattern.compile(
            "(?i)\\b(password|passwd|pwd|pass|secret|token)(\\s*[=:]\\s*)(?!\\*\\*\\*)"
                    + "(?:'(?:[^'\\\\]|\\\\.)*'?|\"(?:[^\"\\\\]|\\\\.)*\"?"
                    + "|[^\\s&;,\"']+(?:[\\s&;,]+(?![a-z_][\\w.-]*\\s*[=:])[^\\s&;,\"']+)*)");
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]+");
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*");
    private static final Pattern PEM_PRIVATE_KEY = Pattern.compile(
            "-----BEGIN ([A-Z ]*)PRIVATE KEY-----.*?(-----END \\1PRIVATE KEY-----|$)", Pattern.DOTALL);

    private Redaction() {
    }

    /** The innermost meaningful message of a failure, on one line, without secrets. */
    public static String describe(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t && (t.getMessage() == null || isWrapper(t))) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return redact(message.lines().findFirst().orElse(message));
    }

    /** The whole failure, cause chain and frames, as a stack trace would print it, without secrets. */
    public static String stackTrace(Throwable failure) {
        StringBuilder trace = new StringBuilder();
        Causes.of(failure).forEach(t -> {
            trace.append(trace.length() == 0 ? "" : "\nCaused by: ").append(t.getClass().getName());
            if (t.getMessage() != null) {
                trace.append(": ").append(redact(t.getMessage()));
            }
            for (StackTraceElement frame : t.getStackTrace()) {
                trace.append("\n\tat ").append(frame);
            }
        });
        return trace.toString();
    }

    public static String redact(String text) {
        String redacted = PEM_PRIVATE_KEY.matcher(text).replaceAll("-----BEGIN $1PRIVATE KEY-----" + HIDDEN);
        redacted = URL_CREDENTIALS.matcher(redacted).replaceAll("$1" + HIDDEN + "@");
        redacted = JSON_SECRET.matcher(redacted).replaceAll("$1\"" + HIDDEN + "\"");
        redacted = SECRET_PAIR.matcher(redacted).replaceAll("$1$2" + HIDDEN);
        redacted = BEARER.matcher(redacted).replaceAll("$1" + HIDDEN);
        return JWT.matcher(redacted).replaceAll(HIDDEN);
    }

    private static boolean isWrapper(Throwable t) {
        String name = t.getClass().getName();
        return name.startsWith("java.util.concurrent.CompletionException")
                || name.startsWith("org.flywaydb.core.internal.exception.FlywaySqlException")
                || name.equals("java.lang.RuntimeException");
    }
}
