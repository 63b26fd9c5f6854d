package dev.perks.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every manifest the build writes (target/kubernetes/*.yml) against the Kubernetes API schema,
 * offline and strict, as the API server would judge it on {@code kubectl apply}: an unknown field,
 * a missing required field or a wrong JSON type fails. The schema is the one the official
 * Kubernetes Java client's models are generated from (Kubernetes' OpenAPI document); each model's
 * {@code validateJsonElement} checks one object and its children. A kind the schema does not know
 * (a ServiceMonitor, whose CRD may be missing) fails too.
 */
class KubernetesSchemaIT {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String MODELS = "io.kubernetes.client.openapi.models.";

    @Test
    void everyGeneratedManifestIsValidKubernetes() throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(Path.of("target/kubernetes"))) {
            files = listing.filter(f -> f.toString().endsWith(".yml")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "./mvnw package writes target/kubernetes/*.yml");
        List<String> invalid = new ArrayList<>();
        int validated = 0;
        for (Path file : files) {
            for (JsonNode document : documents(file)) {
                String name = file.getFileName() + ": " + document.path("kind").asText() + " "
                        + document.path("metadata").path("name").asText();
                try {
                    if (isServiceMonitor(document)) {
                        validateServiceMonitor(document);
                    } else {
                        validate(document);
                    }
                    validated++;
                } catch (IllegalArgumentException e) {
                    invalid.add(name + ": " + e.getMessage());
                }
            }
        }
        assertTrue(invalid.isEmpty(), String.join("\n", invalid));
        assertTrue(validated >= 4, "Service, Deployment, PodDisruptionBudget and Job at least: " + validated);
    }

    @Test
    void theSchemaIsStrict() throws IOException {
        ObjectNode deployment = (ObjectNode) documents(Path.of("target/kubernetes/kubernetes.yml")).stream()
                .filter(d -> d.path("kind").asText().equals("Deployment")).findFirst().orElseThrow();
        validate(deployment);

        ObjectNode unknownField = deployment.deepCopy();
        ((ObjectNode) unknownField.at("/spec/template/spec/containers/0")).put("imagePullPolicyy", "Always");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> validate(unknownField)).getMessage()
                .contains("imagePullPolicyy"));

        ObjectNode misplaced = deployment.deepCopy();
        ((ObjectNode) misplaced.at("/spec/template/spec")).putObject("seccompProfile").put("type", "RuntimeDefault");
        assertThrows(IllegalArgumentException.class, () -> validate(misplaced), "seccompProfile belongs in a securityContext");

        ObjectNode wrongType = deployment.deepCopy();
        ((ObjectNode) wrongType.at("/spec/template/spec/containers/0")).putObject("image");
        assertThrows(IllegalArgumentException.class, () -> validate(wrongType));

        ObjectNode missingRequired = deployment.deepCopy();
        ((ObjectNode) missingRequired.at("/spec/template/spec/containers/0")).remove("name");
        assertThrows(IllegalArgumentException.class, () -> validate(missingRequired));

        ObjectNode serviceMonitor = YAML.createObjectNode().put("apiVersion", "monitoring.coreos.com/v1").put("kind", "ServiceMonitor");
        assertThrows(IllegalArgumentException.class, () -> validate(serviceMonitor), "not a built-in kind");
    }

    private static boolean isServiceMonitor(JsonNode document) {
        return document.path("apiVersion").asText().equals("monitoring.coreos.com/v1")
                && document.path("kind").asText().equals("ServiceMonitor");
    }

    /**
     * Only with -Dperks.kubernetes.service-monitor=true. Not a built-in kind: its schema is the
     * Prometheus Operator's CRD, which no package here ships, so its fields are checked against the
     * few this build writes, and its metadata against the Kubernetes ObjectMeta schema.
     */
    private static void validateServiceMonitor(JsonNode document) {
        if (!Boolean.getBoolean("perks.kubernetes.service-monitor")) {
            throw new IllegalArgumentException("a ServiceMonitor without -Dperks.kubernetes.service-monitor=true");
        }
        onlyFields(document, "apiVersion", "kind", "metadata", "spec");
        onlyFields(document.path("spec"), "selector", "endpoints");
        onlyFields(document.path("spec").path("selector"), "matchLabels");
        for (JsonNode endpoint : document.path("spec").path("endpoints")) {
            onlyFields(endpoint, "scheme", "targetPort", "path", "interval", "honorLabels");
        }
        invokeValidator(MODELS + "V1ObjectMeta", document.path("metadata"));
    }

    private static void onlyFields(JsonNode node, String... allowed) {
        List<String> known = List.of(allowed);
        node.fieldNames().forEachRemaining(field -> {
            if (!known.contains(field)) {
                throw new IllegalArgumentException("unknown field " + field + " in " + node);
            }
        });
    }

    /** Throws IllegalArgumentException saying what is wrong. */
    private static void validate(JsonNode document) {
        String apiVersion = document.path("apiVersion").asText();
        String kind = document.path("kind").asText();
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        String model = MODELS + Character.toUpperCase(version.charAt(0)) + version.substring(1) + kind;
        Class<?> type;
        try {
            type = Class.forName(model);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("no Kubernetes API schema for " + apiVersion + " " + kind);
        }
        invokeValidator(model, document);
        String expectedApiVersion = apiVersionOf(type);
        assertEquals(expectedApiVersion, apiVersion, kind + " is served under " + expectedApiVersion);
    }

    private static void invokeValidator(String model, JsonNode node) {
        JsonElement json = JsonParser.parseString(node.toString());
        try {
            Method validate = Class.forName(model).getMethod("validateJsonElement", JsonElement.class);
            validate.invoke(null, json);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IllegalArgumentException invalid) {
                throw invalid;
            }
            throw new IllegalArgumentException(e.getCause());
        } catch (ReflectiveOperationException e) {
            fail(e);
        }
    }

    /** The group the API serves a model under, from the Java client's own mapping. */
    private static String apiVersionOf(Class<?> type) {
        String simple = type.getSimpleName();
        return switch (simple) {
            case "V1Deployment", "V1StatefulSet", "V1DaemonSet", "V1ReplicaSet" -> "apps/v1";
            case "V1Job", "V1CronJob" -> "batch/v1";
            case "V1PodDisruptionBudget" -> "policy/v1";
            case "V1Ingress", "V1NetworkPolicy" -> "networking.k8s.io/v1";
            case "V1Role", "V1RoleBinding", "V1ClusterRole", "V1ClusterRoleBinding" -> "rbac.authorization.k8s.io/v1";
            case "V2HorizontalPodAutoscaler" -> "autoscaling/v2";
            default -> "v1";
        };
    }

    private static List<JsonNode> documents(Path file) throws IOException {
        try (var values = YAML.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile())) {
            return values.readAll().stream().filter(d -> d != null && !d.isNull() && !d.isEmpty()).toList();
        }
    }
}
