package dev.perks.auth;

import dev.perks.api.Mailbox;
import dev.perks.api.Validation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * {@code POST /api/auth/login}. Bounded so nobody makes the server hash megabytes. An email the
 * service would not accept at sign-up (see {@link Mailbox}) is a 400 here too: it names no account,
 * so it is neither counted against anyone nor checked against a password.
 */
public record LoginRequest(
        @Schema(required = true, maxLength = 254) String email,
        @Schema(required = true, maxLength = 128) String password) {

    public LoginRequest {
        email = email == null ? null : email.strip();
    }

    public LoginRequest validate() {
        new Validation()
                .required("email", email).length("email", email, 1, 254).noControlCharacters("email", email)
                .email("email", email)
                .required("password", password).length("password", password, 1, 128)
                .orThrow();
        return this;
    }

    /** The mailbox the (validated) email names: the account looked up and the throttle's key. */
    public Mailbox mailbox() {
        return Mailbox.parse(email).orElseThrow();
    }

    @Override
    public String toString() {
        return "LoginRequest[email=" + email + ", password=***]";
    }
}
