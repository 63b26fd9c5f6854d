package dev.perks.error;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Unreadable bodies → 400 problem+json naming the offending field where there is one. Jackson's
 * own messages are never passed on: they quote the input and name Java types. (Field rules are
 * checked by the request records themselves, through {@code Validation}.)
 */
public class InputProblemMapper {

    @ServerExceptionMapper
    public Response unreadable(JsonParseException e) {
        return ProblemMapper.respond(ProblemType.MALFORMED_JSON.problem());
    }

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return ProblemMapper.respond(mapping(e));
    }

    @ServerExceptionMapper
    public Response unmappable(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping) {
            return ProblemMapper.respond(mapping(mapping));
        }
        return ProblemMapper.respond(ProblemType.MALFORMED_JSON.problem());
    }

    private static Problem mapping(JsonMappingException e) {
        String field = path(e);
        if (field.isEmpty()) {
            String detail = e instanceof MismatchedInputException && String.valueOf(e.getOriginalMessage()).contains("end-of-input")
                    ? "A JSON body is required." : "The request body must be a JSON object of the documented shape.";
            return ProblemType.MALFORMED_JSON.problem(detail);
        }
        String message;
        if (e instanceof UnrecognizedPropertyException) {
            message = "is not a known field";
        } else if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            message = "must be " + describe(mismatch.getTargetType())
                    + (e instanceof InvalidFormatException ? "" : " of the right JSON type");
        } else {
            message = "has the wrong type";
        }
        return ProblemType.VALIDATION.problem().withErrors(List.of(new Problem.FieldError(field, message)));
    }

    private static String describe(Class<?> type) {
        if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            StringBuilder names = new StringBuilder("one of");
            for (int i = 0; i < constants.length; i++) {
                names.append(i == 0 ? " " : ", ").append(constants[i].toString().toLowerCase(java.util.Locale.ROOT));
            }
            return names.toString();
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        return "a valid value";
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
