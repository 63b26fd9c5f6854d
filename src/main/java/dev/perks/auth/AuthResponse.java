package dev.perks.auth;

import dev.perks.user.User;

/** What register and login answer: a bearer token, its lifetime in seconds, and the account. */
public record AuthResponse(String accessToken, String tokenType, long expiresIn, User user) {

    @Override
    public String toString() {
        return "AuthResponse[accessToken=***, expiresIn=" + expiresIn + ", user=" + user.getId() + "]";
    }
}
