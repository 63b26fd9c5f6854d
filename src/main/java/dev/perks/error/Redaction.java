package dev.perks.error;

import java.util.regex.Pattern;

/** Turns failures into one-line descriptions that are safe to log and to show on health endpoints. */
public final class Redaction {

    // user:password@ in any URL-looking text, and password=... pairs in connection strings.
    private static final Pattern URL_CREDENTIALS = Pattern.compile("(?i)([a-z][a-z0-9+.-]*://)[^/@\\s]*@");
    private static final Pattern PASSWORD_PAIR = Pattern.compile("(?i)(password|pwd|pass)\\s*=\\s*[^&;\\s]*");

    private Redaction() {
    }

    /** The innermost meaningful message of a failure, without credentials. */
    public static String describe(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t && (t.getMessage() == null || isWrapper(t))) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return redact(message.lines().findFirst().orElse(message));
    }

    public static String redact(String text) {
        String withoutUrls = URL_CREDENTIALS.matcher(text).replaceAll("$1***@");
        return PASSWORD_PAIR.matcher(withoutUrls).replaceAll("$1=***");
    }

    private static boolean isWrapper(Throwable t) {
        String name = t.getClass().getName();
        return name.startsWith("java.util.concurrent.CompletionException")
                || name.startsWith("org.flywaydb.core.internal.exception.FlywaySqlException")
                || name.equals("java.lang.RuntimeException");
    }
}
