package dev.perks.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    private static List<HasMetadata> resources;

    @BeforeAll
    static void read() throws Exception {
        try (InputStream yaml = Files.newInputStream(Path.of("target/kubernetes/kubernetes.yml"))) {
            resources = Serialization.unmarshal(yaml);
        }
    }

    @Test
    void probesAreOnTheManagementPortAndNeverKillAPodForASlowDatabase() {
        Container service = container(deployment().getSpec().getTemplate().getSpec(), "perks-service");
        assertProbe(service.getStartupProbe(), "/q/health/started");
        assertProbe(service.getLivenessProbe(), "/q/health/live");
        assertProbe(service.getReadinessProbe(), "/q/health/ready");
        // Startup means booted; 60 s of failures are allowed for a slow node, never for the database.
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
        assertTrue(pod.getSecurityContext().getRunAsNonRoot());
        assertEquals(185L, pod.getSecurityContext().getRunAsUser());
        assertHardened(service);
        assertTrue(pod.getVolumes().stream().anyMatch(v -> v.getName().equals("tmp") && v.getEmptyDir() != null));
        assertTrue(service.getVolumeMounts().stream().anyMatch(m -> m.getMountPath().equals("/tmp")), "a writable /tmp");
        assertEquals(new Quantity("192Mi"), service.getResources().getRequests().get("memory"));
        assertEquals(new Quantity("384Mi"), service.getResources().getLimits().get("memory"));
        assertNotNull(service.getResources().getRequests().get("cpu"));
        assertTrue(service.getEnvFrom().stream().anyMatch(e -> e.getSecretRef() != null
                && e.getSecretRef().getName().equals("perks-service")), "configuration from the Secret");
        assertTrue(pod.getInitContainers() == null || pod.getInitContainers().isEmpty(), "pods wait for nothing");
    }

    @Test
    void aDisruptionBudgetAndAMigrationJobAreIncluded() {
        PodDisruptionBudget budget = only(PodDisruptionBudget.class);
        assertEquals(1, budget.getSpec().getMinAvailable().getIntVal());
        assertEquals("perks-service", budget.getSpec().getSelector().getMatchLabels().get("app.kubernetes.io/name"));

        Job job = only(Job.class);
        PodSpec pod = job.getSpec().getTemplate().getSpec();
        Container migrate = container(pod, "migrate");
        assertEquals(List.of("migrate"), migrate.getArgs());
        assertEquals(container(deployment().getSpec().getTemplate().getSpec(), "perks-service").getImage(), migrate.getImage());
        assertEquals("Never", pod.getRestartPolicy());
        assertTrue(pod.getSecurityContext().getRunAsNonRoot());
        assertHardened(migrate);
        assertTrue(migrate.getStartupProbe() == null && migrate.getLivenessProbe() == null, "a Job has no probes");
        assertEquals(1, pod.getVolumes().stream().filter(v -> v.getName().equals("tmp")).count());
        assertTrue(migrate.getEnvFrom().stream().anyMatch(e -> e.getSecretRef().getName().equals("perks-service")));
    }

    private static void assertProbe(Probe probe, String path) {
        assertNotNull(probe, path);
        assertEquals(path, probe.getHttpGet().getPath());
        assertEquals(9000, probe.getHttpGet().getPort().getIntVal());
    }

    private static void assertHardened(Container container) {
        assertFalse(container.getSecurityContext().getAllowPrivilegeEscalation());
        assertTrue(container.getSecurityContext().getReadOnlyRootFilesystem());
        assertEquals(List.of("ALL"), container.getSecurityContext().getCapabilities().getDrop());
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
