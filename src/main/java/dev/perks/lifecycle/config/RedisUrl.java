package dev.perks.lifecycle.config;

import java.net.URI;
import java.net.URISyntaxException;

/** Validation and redaction of {@code redis://} and {@code rediss://} URLs. */
public final class RedisUrl {

    private RedisUrl() {
    }

    public static boolean isValid(String url) {
        return problem(url) == null;
    }

    /** Why the URL cannot be used, or {@code null} when it can. Never echoes the URL itself. */
    public static String problem(String url) {
        try {
            URI uri = new URI(url.trim());
            if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme())) {
                return "REDIS_URL must start with redis:// or rediss://";
            }
            if (uri.getHost() == null || uri.getHost().isEmpty()) {
                return "REDIS_URL has no host";
            }
            return null;
        } catch (URISyntaxException e) {
            return "REDIS_URL is not a valid URL";
        }
    }

    /** The URL with any password replaced by {@code ***}. */
    public static String redact(String url) {
        try {
            URI uri = new URI(url.trim());
            String userInfo = uri.getRawUserInfo();
            if (userInfo == null) {
                return uri.toString();
            }
            int colon = userInfo.indexOf(':');
            String redacted = colon < 0 ? "***" : userInfo.substring(0, colon) + ":***";
            return new URI(uri.getScheme(), redacted, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
        } catch (URISyntaxException e) {
            return "<invalid>";
        }
    }
}
