package dev.perks.auth;

import io.smallrye.jwt.util.KeyUtils;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * Checks the RS256 keys before the service reports ready, so an unusable key is a start-up error
 * with one line naming the variable, not a 500 at the first sign-in: each key must parse as SmallRye
 * JWT reads it, be RSA of at least {@link #MIN_RSA_BITS} bits, and the two must form a pair
 * (something signed with the private key verifies with the public one).
 */
public final class JwtKeys {

    static final int MIN_RSA_BITS = 2048;
    private static final byte[] PROBE = "perks-service key pair check".getBytes(StandardCharsets.UTF_8);

    private JwtKeys() {
    }

    /** Every problem with the configured keys, each naming its variable; empty when they are usable. */
    public static List<String> problems(Config config) {
        List<String> problems = new ArrayList<>();
        Key<PrivateKey> signing = read(config, "JWT_PRIVATE_KEY", JwtKeyConfigSourceFactory.SIGN_KEY, "private",
                KeyUtils::decodePrivateKey, problems);
        Key<PublicKey> verifying = read(config, "JWT_PUBLIC_KEY", JwtKeyConfigSourceFactory.VERIFY_KEY, "public",
                KeyUtils::decodePublicKey, problems);
        if (signing != null && verifying != null && !formPair(signing.key(), verifying.key())) {
            problems.add(signing.variable() + " and " + verifying.variable()
                    + " do not form a key pair: a token signed with the one does not verify with the other");
        }
        return problems;
    }

    private record Key<K>(K key, String variable) {
    }

    private interface Decoder<K> {
        K decode(String pem) throws GeneralSecurityException;
    }

    private static <K extends java.security.Key> Key<K> read(Config config, String variable, String property, String kind,
            Decoder<K> decoder, List<String> problems) {
        Optional<String> inline = value(config, property);
        Optional<String> location = value(config, property + ".location");
        if (inline.isEmpty() && location.isEmpty()) {
            return null; // missing: the configuration check names it
        }
        String name = value(config, variable).isPresent() ? variable : inline.isPresent() ? property : property + ".location";
        String pem;
        if (inline.isPresent()) {
            pem = inline.get();
        } else {
            Path path = Path.of(location.get().replaceFirst("^file:", ""));
            try {
                pem = Files.readString(path);
            } catch (NoSuchFileException e) {
                problems.add(name + ": no such file " + path);
                return null;
            } catch (IOException | RuntimeException e) {
                problems.add(name + ": cannot read " + path + " (" + e.getClass().getSimpleName() + ")");
                return null;
            }
        }
        K key;
        try {
            key = decoder.decode(pem);
        } catch (GeneralSecurityException | RuntimeException e) {
            // The exception text could quote key material: never pass it on.
            problems.add(name + ": not a PEM " + kind + " RSA key (" + ("private".equals(kind) ? "PKCS#8 'BEGIN PRIVATE KEY'"
                    : "'BEGIN PUBLIC KEY'") + " expected)");
            return null;
        }
        if (!(key instanceof RSAKey rsa)) {
            problems.add(name + ": not an RSA key (RS256 needs RSA)");
            return null;
        }
        int bits = rsa.getModulus().bitLength();
        if (bits < MIN_RSA_BITS) {
            problems.add(name + ": RSA key of " + bits + " bits; at least " + MIN_RSA_BITS + " are required");
            return null;
        }
        return new Key<>(key, name);
    }

    private static boolean formPair(PrivateKey signing, PublicKey verifying) {
        try {
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(signing);
            signer.update(PROBE);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(verifying);
            verifier.update(PROBE);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static Optional<String> value(Config config, String name) {
        return config.getOptionalValue(name, String.class).filter(v -> !v.isBlank());
    }
}
