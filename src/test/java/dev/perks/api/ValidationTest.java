package dev.perks.api;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.perks.error.Problem.FieldError;
import dev.perks.error.ProblemException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValidationTest {

    @ParameterizedTest
    @ValueSource(strings = { "a@b.co", "first.last+tag@example.com", "o'hara@sub.example.org", "x_y-z@a-b.io" })
    void wellFormedEmailsPass(String email) {
        assertDoesNotThrow(() -> new Validation().email("email", email).orThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = { "plain", "a@b", "@b.co", "a@.co", "a@b..co", "a..b@c.co", ".a@b.co", "a b@c.co", "a@b.co ",
            "a@@b.co", "a@-b.co", "é@b.co", "a@b.co\n" })
    void malformedEmailsFail(String email) {
        ProblemException problem = assertThrows(ProblemException.class, () -> new Validation().email("email", email).orThrow());
        assertEquals(List.of(new FieldError("email", "must be a well-formed email address")), problem.problem().errors());
    }

    @Test
    void aLocalPartOverSixtyFourCharactersFails() {
        assertThrows(ProblemException.class, () -> new Validation().email("email", "a".repeat(65) + "@b.co").orThrow());
        assertDoesNotThrow(() -> new Validation().email("email", "a".repeat(64) + "@b.co").orThrow());
    }

    @Test
    void everyProblemIsReportedAtOnceInOrder() {
        ProblemException problem = assertThrows(ProblemException.class, () -> new Validation()
                .required("a", null).length("b", "", 1, 5).range("c", 7, 0, 5).noControlCharacters("d", "x\u0007")
                .orThrow());
        assertEquals(List.of(new FieldError("a", "is required"), new FieldError("b", "must be 1 to 5 characters"),
                new FieldError("c", "must be between 0 and 5"), new FieldError("d", "must not contain control or invisible formatting characters")),
                problem.problem().errors());
        assertEquals(400, problem.problem().status());
    }
}
