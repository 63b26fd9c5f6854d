package dev.perks.auth;

import dev.perks.api.Validation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /api/auth/login}. Bounded so nobody makes the server hash megabytes. */
public record LoginRequest(
        @Schema(required = true, maxLength = 254) String email,
        @Schema(required = true, maxLength = 128) String password) {

    public LoginRequest {
        email = email == null ? null : email.strip();
    }

    public LoginRequest validate() {
        new Validation()
                .required("email", email).length("email", email, 1, 254).noControlCharacters("email", email)
                .required("password", password).length("password", password, 1, 128)
                .orThrow();
        return this;
    }

    @Override
    public String toString() {
        return "LoginRequest[email=" + email + ", password=***]";
    }
}
