package dev.perks.auth;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code POST /api/auth/login}. Bounded so nobody makes the server hash megabytes. */
public record LoginRequest(
        @NotBlank(message = "is required") @Size(max = 254, message = "must be at most 254 characters") String email,
        @NotBlank(message = "is required") @Size(max = 128, message = "must be at most 128 characters") String password) {

    public LoginRequest {
        email = email == null ? null : email.trim();
    }

    @Override
    public String toString() {
        return "LoginRequest[email=" + email + ", password=***]";
    }
}
