package dev.perks.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The manifests the build writes (target/kubernetes/kubernetes.yml), read as Kubernetes objects,
 * hold what a cluster operator needs to deploy them as they are. No cluster runs here to dry-run
 * them, so each property is asserted.
 */
class KubernetesManifestsIT {

    private static final int DRAIN_DELAY_SECONDS = 5;
    private static final int SHUTDOWN_TIMEOUT_SECONDS = 30;
    private static final String NAME_LABEL = "app.kubernetes.io/name";
    private static List<HasMetadata> resources;
    private static Properties properties;
    private static String projectVersion;

    @BeforeAll
    static void read() throws Exception {
        try (InputStream yaml = Files.newInputStream(Path.of("target/kubernetes/kubernetes.yml"))) {
            resources = Serialization.unmarshal(yaml);
        }
        properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("src/main/resources/application.properties"))) {
            properties.load(reader);
        }
        projectVersion = projectVersion();
    }

    @Test
    void probesAreOnTheManagementPortAndNeverKillAPodForASlowDatabase() {
        Container service = container(deployment().getSpec().getTemplate().getSpec(), "perks-service");
        assertProbe(service.getStartupProbe(), "/q/health/started");
        assertProbe(service.getLivenessProbe(), "/q/health/live");
        assertProbe(service.getReadinessProbe(), "/q/health/ready");
        // Startup means booted, never migrated: the started check does not wait for the schema, so a
        // slow or absent database never restarts a pod; 60 s of failures are allowed for a slow node.
        assertFalse(service.getStartupProbe().getHttpGet().getPath().contains("ready"));
        assertTrue(service.getStartupProbe().getFailureThreshold() * service.getStartupProbe().getPeriodSeconds() >= 30);
        assertTrue(service.getLivenessProbe().getTimeoutSeconds() >= 1);
        assertTrue(service.getPorts().stream().anyMatch(p -> p.getContainerPort() == 9000));
    }

    @Test
    void theDeploymentIsBoundedHardenedAndDrainsCleanly() {
        PodSpec pod = deployment().getSpec().getTemplate().getSpec();
        Container service = container(pod, "perks-service");
        assertEquals(2, deployment().getSpec().getReplicas());
        assertTrue(pod.getTerminationGracePeriodSeconds() > DRAIN_DELAY_SECONDS + SHUTDOWN_TIMEOUT_SECONDS);
        assertHardened(pod);
        assertHardened(service);
        assertTrue(pod.getVolumes().stream().anyMatch(v -> v.getName().equals("tmp") && v.getEmptyDir() != null));
        assertTrue(service.getVolumeMounts().stream().anyMatch(m -> m.getMountPath().equals("/tmp")), "a writable /tmp");
        assertEquals(new Quantity("192Mi"), service.getResources().getRequests().get("memory"));
        assertEquals(new Quantity("384Mi"), service.getResources().getLimits().get("memory"));
        assertNotNull(service.getResources().getRequests().get("cpu"));
        assertTrue(service.getEnvFrom().stream().anyMatch(e -> e.getSecretRef() != null
                && e.getSecretRef().getName().equals("perks-service")), "configuration from the Secret");
        assertTrue(pod.getInitContainers() == null || pod.getInitContainers().isEmpty(), "pods wait for nothing");
        assertProcessorCountFollowsTheCpuRequest(service);
    }

    @Test
    void replicasSpreadOverNodes() {
        List<TopologySpreadConstraint> spread = deployment().getSpec().getTemplate().getSpec().getTopologySpreadConstraints();
        assertEquals(1, spread.size());
        assertEquals("kubernetes.io/hostname", spread.get(0).getTopologyKey());
        assertEquals(1, spread.get(0).getMaxSkew());
        assertEquals(Map.of(NAME_LABEL, "perks-service"), spread.get(0).getLabelSelector().getMatchLabels());
    }

    @Test
    void theImageIsTheOneTheBuildNamesAndPushes() {
        String image = properties.getProperty("quarkus.container-image.registry") + "/"
                + properties.getProperty("quarkus.container-image.group") + "/"
                + properties.getProperty("quarkus.container-image.name") + ":" + projectVersion;
        Container service = container(deployment().getSpec().getTemplate().getSpec(), "perks-service");
        assertEquals(image, service.getImage(), "tag = project version");
        assertEquals("IfNotPresent", service.getImagePullPolicy());
        Container migrate = container(only(Job.class).getSpec().getTemplate().getSpec(), "migrate");
        assertEquals(image, migrate.getImage(), "the migrate Job in src/main/kubernetes names the service's image");
        assertEquals("IfNotPresent", migrate.getImagePullPolicy());
    }

    @Test
    void upgradesApply() {
        // Selectors are immutable: a version in them would fail the next release's apply.
        LabelSelector selector = deployment().getSpec().getSelector();
        assertEquals(Map.of(NAME_LABEL, "perks-service"), selector.getMatchLabels());
        assertEquals(Map.of(NAME_LABEL, "perks-service"), only(Service.class).getSpec().getSelector());
        // No build timestamp: re-applying an unchanged build rolls nothing.
        for (HasMetadata resource : resources) {
            Map<String, String> annotations = resource.getMetadata().getAnnotations();
            assertTrue(annotations == null || !annotations.containsKey("app.quarkus.io/build-timestamp"),
                    resource.getKind());
        }
        Map<String, String> podAnnotations = deployment().getSpec().getTemplate().getMetadata().getAnnotations();
        assertTrue(podAnnotations == null || !podAnnotations.containsKey("app.quarkus.io/build-timestamp"));
        // A Job's template is immutable: each release names a new Job.
        Job job = only(Job.class);
        assertEquals("perks-service-migrate-" + projectVersion.toLowerCase().replaceAll("[^a-z0-9]+", "-"),
                job.getMetadata().getName(), "the migrate Job's name carries the project version");
    }

    @Test
    void aServiceMonitorOnlyWhenAskedForAndOnlyForThisService() {
        List<GenericKubernetesResource> monitors = resources.stream().filter(r -> r.getKind().equals("ServiceMonitor"))
                .map(GenericKubernetesResource.class::cast).toList();
        // kubectl apply fails on a cluster without the Prometheus Operator's CRDs.
        if (!Boolean.getBoolean("perks.kubernetes.service-monitor")) {
            assertTrue(monitors.isEmpty(), "only with -Dperks.kubernetes.service-monitor=true");
            return;
        }
        assertEquals(1, monitors.size());
        GenericKubernetesResource monitor = monitors.get(0);
        assertEquals("monitoring.coreos.com/v1", monitor.getApiVersion());
        assertEquals(Map.of(NAME_LABEL, "perks-service"), monitor.get("spec", "selector", "matchLabels"),
                "this Service alone, never every Service of the namespace");
        List<Map<String, Object>> endpoints = monitor.get("spec", "endpoints");
        assertEquals(1, endpoints.size());
        assertEquals("/q/metrics", endpoints.get(0).get("path"));
        assertEquals(9000, ((Number) endpoints.get(0).get("targetPort")).intValue());
    }

    @Test
    void aDisruptionBudgetAndAMigrationJobAreIncluded() {
        PodDisruptionBudget budget = only(PodDisruptionBudget.class);
        assertEquals(1, budget.getSpec().getMinAvailable().getIntVal());
        assertEquals(Map.of(NAME_LABEL, "perks-service"), budget.getSpec().getSelector().getMatchLabels());
        // Pods that serve nothing (every pod unready in a database outage) never block a node drain.
        assertEquals("AlwaysAllow", budget.getSpec().getUnhealthyPodEvictionPolicy());

        Job job = only(Job.class);
        PodSpec pod = job.getSpec().getTemplate().getSpec();
        Container migrate = container(pod, "migrate");
        assertEquals(List.of("migrate"), migrate.getArgs());
        assertEquals(container(deployment().getSpec().getTemplate().getSpec(), "perks-service").getImage(), migrate.getImage());
        assertEquals("Never", pod.getRestartPolicy());
        assertHardened(pod);
        assertHardened(migrate);
        assertTrue(migrate.getStartupProbe() == null && migrate.getLivenessProbe() == null
                && migrate.getReadinessProbe() == null, "a Job has no probes");
        assertTrue(migrate.getPorts() == null || migrate.getPorts().isEmpty());
        assertProcessorCountFollowsTheCpuRequest(migrate);
        // Never counted by the Service, the budget or the spread constraint.
        assertFalse("perks-service".equals(job.getSpec().getTemplate().getMetadata().getLabels().get(NAME_LABEL)));
        assertTrue(job.getSpec().getTtlSecondsAfterFinished() > 0);
        assertEquals(1, pod.getVolumes().stream().filter(v -> v.getName().equals("tmp")).count());
        assertTrue(migrate.getEnvFrom().stream().anyMatch(e -> e.getSecretRef().getName().equals("perks-service")));
    }

    private static void assertProbe(Probe probe, String path) {
        assertNotNull(probe, path);
        assertEquals(path, probe.getHttpGet().getPath());
        assertEquals(9000, probe.getHttpGet().getPort().getIntVal());
    }

    /** The restricted Pod Security Standard, and no API token. */
    private static void assertHardened(PodSpec pod) {
        assertTrue(pod.getSecurityContext().getRunAsNonRoot());
        assertEquals(185L, pod.getSecurityContext().getRunAsUser());
        assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType());
        assertFalse(pod.getAutomountServiceAccountToken());
    }

    private static void assertHardened(Container container) {
        assertFalse(container.getSecurityContext().getAllowPrivilegeEscalation());
        assertTrue(container.getSecurityContext().getReadOnlyRootFilesystem());
        assertEquals(List.of("ALL"), container.getSecurityContext().getCapabilities().getDrop());
        assertEquals("RuntimeDefault", container.getSecurityContext().getSeccompProfile().getType());
    }

    private static void assertProcessorCountFollowsTheCpuRequest(Container container) {
        EnvVar count = container.getEnv().stream().filter(e -> e.getName().equals("JAVA_ACTIVE_PROCESSOR_COUNT"))
                .findFirst().orElseThrow(() -> new AssertionError("JAVA_ACTIVE_PROCESSOR_COUNT in " + container.getName()));
        assertEquals("requests.cpu", count.getValueFrom().getResourceFieldRef().getResource());
        assertEquals(new Quantity("1"), count.getValueFrom().getResourceFieldRef().getDivisor());
        assertNotNull(container.getResources().getRequests().get("cpu"));
    }

    /** pom.xml's own version (the first <version> after the project's artifactId). */
    private static String projectVersion() throws IOException {
        Matcher version = Pattern.compile("<artifactId>perks-service</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(Path.of("pom.xml")));
        assertTrue(version.find());
        return version.group(1);
    }

    private static Deployment deployment() {
        return only(Deployment.class);
    }

    private static <T extends HasMetadata> T only(Class<T> kind) {
        List<T> matching = resources.stream().filter(kind::isInstance).map(kind::cast).toList();
        assertEquals(1, matching.size(), kind.getSimpleName());
        return matching.get(0);
    }

    private static Container container(PodSpec pod, String name) {
        return pod.getContainers().stream().filter(c -> c.getName().equals(name)).findFirst().orElseThrow();
    }
}
