package dev.perks.auth;

import static dev.perks.lifecycle.config.EnvironmentSources.value;

import dev.perks.lifecycle.config.EnvironmentSources;
import io.quarkus.runtime.LaunchMode;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Where the JWT keys come from. {@code JWT_PRIVATE_KEY} / {@code JWT_PUBLIC_KEY} hold either PEM
 * text (literal {@code \n} escapes, as some platforms store multi-line secrets, are accepted) or a
 * file path; they become SmallRye JWT's own properties, which still win when set directly.
 *
 * <p>Under {@code quarkus:dev} and in the test suite, when no key is configured at all, a fresh RSA
 * key pair is generated once per process on first use, so no key is ever committed and tokens never
 * outlive a dev session. The packaged artifact has no such fallback whatever its profile: the entry
 * point refuses to start without both keys.
 */
public class JwtKeyConfigSourceFactory implements ConfigSourceFactory {

    static final String SIGN_KEY = "smallrye.jwt.sign.key";
    static final String VERIFY_KEY = "mp.jwt.verify.publickey";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        Map<String, String> properties = new HashMap<>();
        value(context, "JWT_PRIVATE_KEY").ifPresent(key -> put(properties, SIGN_KEY, key));
        value(context, "JWT_PUBLIC_KEY").ifPresent(key -> put(properties, VERIFY_KEY, key));
        boolean nothingConfigured = properties.isEmpty() && value(context, SIGN_KEY).isEmpty()
                && value(context, SIGN_KEY + ".location").isEmpty() && value(context, VERIFY_KEY).isEmpty()
                && value(context, VERIFY_KEY + ".location").isEmpty();
        if (nothingConfigured && LaunchMode.current().isDevOrTest()) {
            return List.of(new GeneratedKeys());
        }
        return List.of(new io.smallrye.config.common.MapBackedConfigSource("JWT keys (JWT_PRIVATE_KEY, JWT_PUBLIC_KEY)",
                properties, EnvironmentSources.ORDINAL) {
        });
    }

    private static void put(Map<String, String> properties, String property, String key) {
        if (key.contains("-----BEGIN")) {
            properties.put(property, key.replace("\\n", "\n"));
        } else {
            properties.put(property + ".location", key.trim());
        }
    }

    /** A per-process RSA key pair, generated on first read (about 0.1 s) rather than at every config build. */
    static final class GeneratedKeys implements ConfigSource {

        private volatile KeyPair keys;

        @Override
        public Set<String> getPropertyNames() {
            return Set.of(SIGN_KEY, VERIFY_KEY);
        }

        @Override
        public String getValue(String propertyName) {
            if (SIGN_KEY.equals(propertyName)) {
                return pem("PRIVATE KEY", keys().getPrivate().getEncoded());
            }
            if (VERIFY_KEY.equals(propertyName)) {
                return pem("PUBLIC KEY", keys().getPublic().getEncoded());
            }
            return null;
        }

        @Override
        public String getName() {
            return "JWT keys generated for this dev/test process";
        }

        @Override
        public int getOrdinal() {
            return EnvironmentSources.ORDINAL;
        }

        private KeyPair keys() {
            KeyPair current = keys;
            if (current == null) {
                synchronized (this) {
                    if (keys == null) {
                        keys = generate();
                    }
                    current = keys;
                }
            }
            return current;
        }

        private static KeyPair generate() {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                return generator.generateKeyPair();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("RSA is not available in this JVM", e);
            }
        }

        private static String pem(String type, byte[] der) {
            return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(der)
                    + "\n-----END " + type + "-----\n";
        }
    }
}
