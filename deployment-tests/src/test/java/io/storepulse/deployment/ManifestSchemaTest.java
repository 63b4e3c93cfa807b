package io.storepulse.deployment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every overlay renders, and every object it renders is valid against the Kubernetes, Strimzi and KEDA schemas. */
class ManifestSchemaTest {

    static final List<String> OVERLAYS = Manifests.OVERLAYS;
    private static ApiSchema schema;

    @BeforeAll
    static void loadSchemas() throws Exception {
        schema = new ApiSchema();
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyRenderedObjectIsValid(String overlay) throws Exception {
        List<ObjectNode> objects = Manifests.render(Manifests.overlay(overlay));
        assertThat(objects).hasSizeGreaterThan(30);
        List<String> errors = new ArrayList<>();
        objects.forEach(object -> errors.addAll(schema.check(object)));
        assertThat(errors).isEmpty();
    }

    /** The check itself: a manifest with an unknown field and wrong types in each kind of schema is refused. */
    @Test
    void aBrokenManifestFailsNamingEachWrongField() throws Exception {
        // kustomize takes only relative paths to a base, so the broken overlay lies in this module's target/.
        Path dir = Manifests.REPOSITORY.resolve("deployment-tests/target/broken-overlay");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources:
                  - %s
                patches:
                  - target: {kind: StatefulSet, name: processor-app}
                    patch: |-
                      - op: add
                        path: /spec/template/spec/containers/0/livenessprobe
                        value: {httpGet: {path: /q/health/live, port: http}}
                  - target: {kind: Deployment, name: serving-api}
                    patch: |-
                      - op: replace
                        path: /spec/replicas
                        value: "two"
                  - target: {kind: KafkaTopic, name: user-features}
                    patch: |-
                      - op: replace
                        path: /spec/partitions
                        value: "8"
                      - op: add
                        path: /spec/partitionCount
                        value: 8
                  - target: {kind: ScaledObject}
                    patch: |-
                      - op: add
                        path: /spec/maxReplicas
                        value: 4
                  - target: {kind: KafkaUser, name: storepulse-serving}
                    patch: |-
                      - op: replace
                        path: /spec/authorization/acls/0/operations/0
                        value: Reed
                """.formatted(dir.relativize(Manifests.REPOSITORY.resolve("kubernetes/base"))));
        List<String> errors = new ArrayList<>();
        for (ObjectNode object : Manifests.render(dir)) {
            errors.addAll(schema.check(object));
        }
        assertThat(errors).anyMatch(e -> e.equals("StatefulSet processor-app: unknown field spec.template.spec.containers[0].livenessprobe"))
                .anyMatch(e -> e.startsWith("Deployment serving-api: spec.replicas: Cannot coerce String value (\"two\")"))
                .anyMatch(e -> e.equals("KafkaTopic user-features: spec.partitions must be an integer"))
                .anyMatch(e -> e.equals("KafkaTopic user-features: unknown field spec.partitionCount"))
                .anyMatch(e -> e.equals("ScaledObject processor-app: unknown field spec.maxReplicas"))
                .anyMatch(e -> e.startsWith("KafkaUser storepulse-serving: spec.authorization.acls[0].operations[0]"
                        + " is \"Reed\""))
                .hasSize(6);
    }

    @Test
    void aKindWithoutASchemaIsRefused() throws Exception {
        ObjectNode ingress = (ObjectNode) Manifests.YAML.readTree("""
                apiVersion: networking.k8s.io/v1beta1
                kind: Ingress
                metadata: {name: old}
                """);
        assertThat(schema.check(ingress)).containsExactly(
                "Ingress old: no schema for networking.k8s.io/v1beta1/Ingress (not a kind this deployment is checked against)");
    }
}
