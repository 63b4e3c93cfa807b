package io.storepulse.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storepulse.model.Topics;
import io.storepulse.model.kafka.KafkaAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** What the rendered deployment must be, whatever the overlay: asserted on kustomize's output. */
class DeploymentInvariantsTest {

    static final List<String> OVERLAYS = Manifests.OVERLAYS;
    private static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet");

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyContainerHasHealthProbesResourcesAndANonRootReadOnlyContext(String overlay) throws Exception {
        List<ObjectNode> workloads = workloads(overlay);
        assertThat(workloads).extracting(Manifests::name).containsExactlyInAnyOrder(
                "Deployment producer-app", "Deployment serving-api", "StatefulSet processor-app");
        for (ObjectNode workload : workloads) {
            JsonNode pod = workload.path("spec").path("template").path("spec");
            String name = Manifests.name(workload);
            assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).as(name).isTrue();
            assertThat(pod.path("securityContext").path("runAsUser").asInt(0)).as(name).isPositive();
            for (JsonNode container : pod.path("containers")) {
                int port = container.path("ports").get(0).path("containerPort").asInt();
                assertThat(container.path("ports").get(0).path("name").asText()).isEqualTo("http");
                assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).as(name)
                        .isEqualTo("/q/health/live");
                assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).as(name)
                        .isEqualTo("/q/health/ready");
                assertThat(container.path("startupProbe").path("httpGet").path("path").asText()).as(name)
                        .startsWith("/q/health/");
                for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
                    assertThat(container.path(probe).path("httpGet").path("port").asText()).as(name + " " + probe)
                            .isIn("http", Integer.toString(port));
                }
                for (String bound : List.of("requests", "limits")) {
                    assertThat(container.path("resources").path(bound).has("cpu")).as(name + " " + bound).isTrue();
                    assertThat(container.path("resources").path(bound).has("memory")).as(name + " " + bound).isTrue();
                }
                assertThat(container.path("securityContext").path("readOnlyRootFilesystem").asBoolean()).as(name)
                        .isTrue();
                assertThat(container.path("securityContext").path("allowPrivilegeEscalation").asBoolean(true))
                        .as(name).isFalse();
                assertThat(mounts(container)).as(name + " writes /tmp").contains("/tmp");
                // The port the app listens on is the one named in the pod, the scrape annotation and its own setting.
                assertThat(workload.path("spec").path("template").path("metadata").path("annotations")
                        .path("prometheus.io/port").asText()).as(name).isEqualTo(Integer.toString(port));
                assertThat(env(container).get(portVariable(name))).as(name).isEqualTo(Integer.toString(port));
            }
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void theProcessorKeepsItsStateAndItsNameAndStopsCleanly(String overlay) throws Exception {
        List<ObjectNode> objects = Manifests.render(Manifests.overlay(overlay));
        ObjectNode processor = one(objects, "StatefulSet", "processor-app");
        JsonNode pod = processor.path("spec").path("template").path("spec");
        JsonNode container = pod.path("containers").get(0);
        Map<String, String> env = env(container);

        String stateDir = env.get("KAFKA_STREAMS_STATE_DIR");
        String claim = processor.path("spec").path("volumeClaimTemplates").get(0).path("metadata").path("name").asText();
        assertThat(container.path("volumeMounts")).anyMatch(m -> m.path("name").asText().equals(claim)
                && m.path("mountPath").asText().equals(stateDir));
        assertThat(env.get("KAFKA_STREAMS_NUM_STANDBY_REPLICAS")).isEqualTo("1");

        String headless = processor.path("spec").path("serviceName").asText();
        ObjectNode service = one(objects, "Service", headless);
        assertThat(service.path("spec").path("clusterIP").asText()).isEqualTo("None");
        assertThat(service.path("spec").path("publishNotReadyAddresses").asBoolean()).isTrue();
        assertThat(env.get("PROCESSOR_ADVERTISED_HOST")).isEqualTo("$(POD_NAME)." + headless + ".$(POD_NAMESPACE).svc.cluster.local");

        Duration shutdown = Duration.parse("PT" + env.get("STOREPULSE_SHUTDOWN_TIMEOUT").toUpperCase());
        assertThat(pod.path("terminationGracePeriodSeconds").asLong()).isGreaterThan(shutdown.toSeconds() + 10);
        // A restoring processor is not live-checked until it is ready: the startup probe waits for RUNNING.
        assertThat(container.path("startupProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/ready");
        JsonNode startup = container.path("startupProbe");
        assertThat(startup.path("periodSeconds").asLong() * startup.path("failureThreshold").asLong())
                .isGreaterThanOrEqualTo(Duration.ofMinutes(30).toSeconds());
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyWorkloadHasADisruptionBudgetAndTheStatelessOnesAnAutoscaler(String overlay) throws Exception {
        List<ObjectNode> objects = Manifests.render(Manifests.overlay(overlay));
        for (ObjectNode workload : Manifests.ofKind(objects, "Deployment")) {
            String name = workload.path("metadata").path("name").asText();
            JsonNode hpa = one(objects, "HorizontalPodAutoscaler", name).path("spec");
            assertThat(hpa.path("scaleTargetRef").path("name").asText()).isEqualTo(name);
            assertThat(hpa.path("metrics").get(0).path("resource").path("name").asText()).isEqualTo("cpu");
        }
        for (String name : List.of("producer-app", "serving-api", "processor-app")) {
            JsonNode pdb = one(objects, "PodDisruptionBudget", name).path("spec");
            assertThat(pdb.path("maxUnavailable").asInt()).as(name).isEqualTo(1);
            assertThat(pdb.path("selector").path("matchLabels").path("app.kubernetes.io/name").asText()).isEqualTo(name);
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void kedaScalesTheProcessorOnItsInputsLagAndNeverBeyondTheirPartitions(String overlay) throws Exception {
        List<ObjectNode> objects = Manifests.render(Manifests.overlay(overlay));
        JsonNode scaled = one(objects, "ScaledObject", "processor-app").path("spec");
        assertThat(scaled.path("scaleTargetRef").path("kind").asText()).isEqualTo("StatefulSet");
        Set<String> topics = new TreeSet<>();
        for (JsonNode trigger : scaled.path("triggers")) {
            assertThat(trigger.path("type").asText()).isEqualTo("kafka");
            assertThat(trigger.path("metadata").path("consumerGroup").asText())
                    .isEqualTo(KafkaAccess.ProcessorIds.APPLICATION_ID);
            topics.add(trigger.path("metadata").path("topic").asText());
        }
        assertThat(topics).containsExactlyInAnyOrderElementsOf(Topics.INPUTS);
        for (String input : Topics.INPUTS) {
            assertThat(scaled.path("maxReplicaCount").asInt()).as(input)
                    .isLessThanOrEqualTo(topic(objects, input).path("spec").path("partitions").asInt());
        }
        assertThat(scaled.path("minReplicaCount").asInt()).isPositive();
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyContractTopicHasAKafkaTopicWithTheContractsSettings(String overlay) throws Exception {
        List<ObjectNode> objects = Manifests.render(Manifests.overlay(overlay));
        Set<String> contract = new TreeSet<>(List.of(Topics.LATE_EVENTS, Topics.SESSION_AGGREGATIONS,
                Topics.FRAUD_ALERTS, Topics.REVENUE_AGGREGATIONS, Topics.USER_FEATURES, Topics.GROUND_TRUTH_FRAUD));
        for (String input : Topics.INPUTS) {
            contract.add(input);
            contract.add(Topics.deadLetterOf(input));
        }
        Set<String> declared = new TreeSet<>();
        Manifests.ofKind(objects, "KafkaTopic").forEach(t -> declared.add(topicName(t)));
        assertThat(declared).isEqualTo(contract);
        boolean local = overlay.equals("local");
        for (String name : contract) {
            JsonNode spec = topic(objects, name).path("spec");
            assertThat(spec.path("replicas").asInt()).as(name).isEqualTo(local ? 1 : 3);
            assertThat(spec.path("config").path("min.insync.replicas").asText()).as(name).isEqualTo(local ? "1" : "2");
        }
        assertThat(topic(objects, Topics.USER_FEATURES).path("spec").path("config").path("cleanup.policy").asText())
                .isEqualTo("compact");
        for (String input : Topics.INPUTS) {
            assertThat(topic(objects, input).path("spec").path("config").path("retention.ms").asLong())
                    .isEqualTo(Duration.ofDays(7).toMillis());
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void eachKafkaUserHasExactlyTheAclsOfItsAppsAccess(String overlay) throws Exception {
        List<ObjectNode> users = Manifests.ofKind(Manifests.render(Manifests.overlay(overlay)), "KafkaUser");
        assertThat(users).extracting(u -> u.path("metadata").path("name").asText()).containsExactlyInAnyOrder(
                java.util.Arrays.stream(KafkaAccess.values()).map(KafkaAccess::principal).toArray(String[]::new));
        for (KafkaAccess access : KafkaAccess.values()) {
            ObjectNode user = users.stream()
                    .filter(u -> u.path("metadata").path("name").asText().equals(access.principal())).findFirst()
                    .orElseThrow();
            assertThat(user.path("spec").path("authentication").path("type").asText()).isEqualTo("scram-sha-512");
            assertThat(acls(user)).as(access.principal()).isEqualTo(expected(access));
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void noSecretIsCommittedAndEverySecretReferencedIsDocumented(String overlay) throws Exception {
        List<ObjectNode> objects = Manifests.render(Manifests.overlay(overlay));
        assertThat(Manifests.ofKind(objects, "Secret")).isEmpty();
        String runbook = Files.readString(Manifests.REPOSITORY.resolve("docs/RUNBOOK.md"), StandardCharsets.UTF_8);
        Set<String> created = new TreeSet<>();
        Manifests.ofKind(objects, "KafkaUser").forEach(u -> created.add(u.path("metadata").path("name").asText()));
        for (String[] reference : secretReferences(objects)) {
            String secret = reference[0];
            assertThat(runbook).as("docs/RUNBOOK.md names secret " + secret).contains("`" + secret + "`");
            if (!created.contains(secret)) {
                assertThat(runbook).as("docs/RUNBOOK.md names key " + reference[1] + " of " + secret)
                        .contains("`" + reference[1] + "`");
            }
        }
        assertThat(secretReferences(objects)).extracting(r -> r[0]).contains("storepulse-api-key",
                "storepulse-archive-s3", "storepulse-cluster-ca-cert", "storepulse-processor");
    }

    @Test
    void theDashboardsAndRulesShippedAreTheFilesOfDashboards() throws Exception {
        List<ObjectNode> objects = Manifests.render(Manifests.overlay("production"));
        Path dashboards = Manifests.REPOSITORY.resolve("dashboards");
        JsonNode grafana = one(objects, "ConfigMap", "storepulse-grafana-dashboards").path("data");
        Set<String> files = new TreeSet<>();
        try (var list = Files.list(dashboards.resolve("grafana"))) {
            list.filter(p -> p.toString().endsWith(".json")).forEach(p -> files.add(p.getFileName().toString()));
        }
        assertThat(grafana.properties()).extracting(Map.Entry::getKey).containsExactlyInAnyOrderElementsOf(files);
        for (String file : files) {
            assertThat(grafana.path(file).asText())
                    .isEqualTo(Files.readString(dashboards.resolve("grafana").resolve(file), StandardCharsets.UTF_8));
        }
        assertThat(one(objects, "ConfigMap", "storepulse-alert-rules").path("data").path("alerts.yml").asText())
                .isEqualTo(Files.readString(dashboards.resolve("prometheus/alerts.yml"), StandardCharsets.UTF_8));
    }

    @Test
    void onlyServingApiIsOpenToIngressFromOutsideTheNamespace() throws Exception {
        List<ObjectNode> policies = Manifests.ofKind(Manifests.render(Manifests.overlay("production")), "NetworkPolicy");
        assertThat(policies).anyMatch(p -> p.path("spec").path("podSelector").isEmpty()
                && p.path("spec").path("ingress").isMissingNode());
        for (ObjectNode policy : policies) {
            for (JsonNode rule : policy.path("spec").path("ingress")) {
                boolean fromAnywhere = rule.path("from").isMissingNode();
                boolean fromOtherNamespaces = rule.path("from").findValues("namespaceSelector").stream()
                        .anyMatch(selector -> selector.isEmpty());
                if (fromAnywhere || fromOtherNamespaces) {
                    assertThat(policy.path("spec").path("podSelector").path("matchLabels")
                            .path("app.kubernetes.io/name").asText()).as(Manifests.name(policy)).isEqualTo("serving-api");
                }
            }
        }
    }

    private static Set<String> acls(JsonNode user) {
        Set<String> acls = new TreeSet<>();
        for (JsonNode acl : user.path("spec").path("authorization").path("acls")) {
            Set<String> operations = new TreeSet<>();
            acl.path("operations").forEach(op -> operations.add(op.asText()));
            JsonNode resource = acl.path("resource");
            acls.add(resource.path("type").asText() + " " + resource.path("name").asText() + " "
                    + resource.path("patternType").asText("literal") + " " + operations);
            assertThat(acl.path("type").asText("allow")).isEqualTo("allow");
            assertThat(acl.path("host").asText("*")).isEqualTo("*");
        }
        return acls;
    }

    private static Set<String> expected(KafkaAccess access) {
        Set<String> acls = new TreeSet<>();
        for (KafkaAccess.Grant grant : access.grants()) {
            Set<String> operations = new TreeSet<>();
            grant.operations().forEach(op -> operations.add(op.strimziName()));
            acls.add(grant.type().strimziName() + " " + grant.name() + " " + (grant.prefix() ? "prefix" : "literal")
                    + " " + operations);
        }
        return acls;
    }

    /** (secret, key) of every secretKeyRef, and (secret, key) of every item of a secret volume. */
    private static List<String[]> secretReferences(List<ObjectNode> objects) {
        List<String[]> references = new ArrayList<>();
        for (ObjectNode object : objects) {
            for (JsonNode ref : object.findValues("secretKeyRef")) {
                references.add(new String[] {ref.path("name").asText(), ref.path("key").asText()});
            }
            for (JsonNode ref : object.findValues("secretTargetRef")) {
                ref.forEach(r -> references.add(new String[] {r.path("name").asText(), r.path("key").asText()}));
            }
            for (JsonNode volume : object.findValues("secret")) {
                if (volume.has("secretName")) {
                    volume.path("items").forEach(item -> references.add(
                            new String[] {volume.path("secretName").asText(), item.path("key").asText()}));
                }
            }
        }
        return references;
    }

    private static List<ObjectNode> workloads(String overlay) throws Exception {
        return Manifests.render(Manifests.overlay(overlay)).stream()
                .filter(o -> WORKLOADS.contains(o.path("kind").asText())).toList();
    }

    private static ObjectNode one(List<ObjectNode> objects, String kind, String name) {
        List<ObjectNode> found = Manifests.ofKind(objects, kind).stream()
                .filter(o -> o.path("metadata").path("name").asText().equals(name)).toList();
        assertThat(found).as(kind + " " + name).hasSize(1);
        return found.get(0);
    }

    private static JsonNode topic(List<ObjectNode> objects, String name) {
        return Manifests.ofKind(objects, "KafkaTopic").stream().filter(t -> topicName(t).equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no KafkaTopic for " + name));
    }

    private static String topicName(JsonNode topic) {
        return topic.path("spec").path("topicName").asText(topic.path("metadata").path("name").asText());
    }

    private static Map<String, String> env(JsonNode container) {
        Map<String, String> env = new HashMap<>();
        container.path("env").forEach(e -> env.put(e.path("name").asText(), e.path("value").asText(null)));
        return env;
    }

    private static Set<String> mounts(JsonNode container) {
        Set<String> mounts = new TreeSet<>();
        container.path("volumeMounts").forEach(m -> mounts.add(m.path("mountPath").asText()));
        return mounts;
    }

    private static String portVariable(String workload) {
        return switch (workload) {
            case "Deployment producer-app" -> "PRODUCER_PORT";
            case "Deployment serving-api" -> "SERVING_PORT";
            default -> "PROCESSOR_PORT";
        };
    }
}
