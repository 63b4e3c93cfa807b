package io.storepulse.deployment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks rendered objects against the Kubernetes API offline. Built-in kinds are read into fabric8's model classes
 * (generated from the Kubernetes OpenAPI schema) with no type coercion; a field the schema does not have lands in a
 * class's {@code additionalProperties}, which is reported as unknown. Custom resources (Strimzi, KEDA) are checked
 * against their CRDs' {@code openAPIV3Schema}, vendored under {@code src/test/resources/crds/} from the projects'
 * own repositories: type, enum, required, minimum, unknown fields.
 */
final class ApiSchema {

    private static final Map<String, Class<?>> BUILT_IN = Map.ofEntries(
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("apps/v1/StatefulSet", StatefulSet.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class));
    private static final List<String> CRD_FILES = List.of("strimzi-kafkatopic.yaml", "strimzi-kafkauser.yaml",
            "keda.sh_scaledobjects.yaml", "keda.sh_triggerauthentications.yaml");

    private final ObjectMapper strict = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    private final Map<String, JsonNode> crds = new HashMap<>();

    ApiSchema() throws IOException {
        for (LogicalType type : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            strict.coercionConfigFor(type).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
        strict.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        for (String file : CRD_FILES) {
            try (InputStream in = ApiSchema.class.getResourceAsStream("/crds/" + file)) {
                JsonNode crd = Manifests.YAML.readTree(in);
                String group = crd.path("spec").path("group").asText();
                String kind = crd.path("spec").path("names").path("kind").asText();
                for (JsonNode version : crd.path("spec").path("versions")) {
                    if (version.path("served").asBoolean()) {
                        crds.put(group + "/" + version.path("name").asText() + "/" + kind,
                                version.path("schema").path("openAPIV3Schema"));
                    }
                }
            }
        }
    }

    /** What is wrong with {@code object}, each naming the object and the field; empty when it is valid. */
    List<String> check(JsonNode object) {
        List<String> errors = new ArrayList<>();
        String key = object.path("apiVersion").asText() + "/" + object.path("kind").asText();
        String name = Manifests.name(object);
        Class<?> type = BUILT_IN.get(key);
        JsonNode schema = crds.get(key);
        if (type != null) {
            try {
                unknown(strict.treeToValue(object, type), "", name, errors);
            } catch (JsonProcessingException e) {
                errors.add(name + ": " + describe(e));
            }
        } else if (schema != null) {
            try {
                unknown(strict.treeToValue(object.path("metadata"), ObjectMeta.class), "metadata", name, errors);
            } catch (JsonProcessingException e) {
                errors.add(name + ": metadata: " + describe(e));
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!field.getKey().equals("metadata")) {
                    check(field.getValue(), schema.path("properties").path(field.getKey()), field.getKey(),
                            name, errors);
                }
            }
        } else {
            errors.add(name + ": no schema for " + key + " (not a kind this deployment is checked against)");
        }
        return errors;
    }

    private static void check(JsonNode value, JsonNode schema, String path, String name, List<String> errors) {
        if (schema.isMissingNode()) {
            errors.add(name + ": unknown field " + path);
            return;
        }
        if (schema.path("x-kubernetes-int-or-string").asBoolean()) {
            if (!value.isIntegralNumber() && !value.isTextual()) {
                errors.add(name + ": " + path + " must be an integer or a string");
            }
            return;
        }
        String type = schema.path("type").asText("");
        switch (type) {
            case "object" -> {
                if (!value.isObject()) {
                    errors.add(name + ": " + path + " must be an object");
                    return;
                }
                JsonNode properties = schema.path("properties");
                JsonNode additional = schema.path("additionalProperties");
                boolean open = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean()
                        || additional.isBoolean() && additional.asBoolean();
                for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    String at = path + "." + field.getKey();
                    if (properties.has(field.getKey())) {
                        check(field.getValue(), properties.get(field.getKey()), at, name, errors);
                    } else if (additional.isObject()) {
                        check(field.getValue(), additional, at, name, errors);
                    } else if (!open) {
                        errors.add(name + ": unknown field " + at);
                    }
                }
                for (JsonNode required : schema.path("required")) {
                    if (!value.has(required.asText())) {
                        errors.add(name + ": " + path + "." + required.asText() + " is required");
                    }
                }
            }
            case "array" -> {
                if (!value.isArray()) {
                    errors.add(name + ": " + path + " must be an array");
                    return;
                }
                for (int i = 0; i < value.size(); i++) {
                    check(value.get(i), schema.path("items"), path + "[" + i + "]", name, errors);
                }
            }
            case "string" -> {
                if (!value.isTextual()) {
                    errors.add(name + ": " + path + " must be a string");
                } else if (schema.has("enum") && !contains(schema.get("enum"), value)) {
                    errors.add(name + ": " + path + " is " + value + ", not one of " + schema.get("enum"));
                }
            }
            case "integer", "number" -> {
                if (type.equals("integer") ? !value.isIntegralNumber() : !value.isNumber()) {
                    errors.add(name + ": " + path + " must be " + (type.equals("integer") ? "an integer" : "a number"));
                } else if (schema.has("minimum") && value.asDouble() < schema.get("minimum").asDouble()) {
                    errors.add(name + ": " + path + " is below its minimum " + schema.get("minimum"));
                }
            }
            case "boolean" -> {
                if (!value.isBoolean()) {
                    errors.add(name + ": " + path + " must be a boolean");
                }
            }
            default -> {
                // No type: anything goes (x-kubernetes-preserve-unknown-fields without a type).
            }
        }
    }

    /** Jackson's message with the field path it failed at, e.g. {@code spec.replicas: Cannot coerce ...}. */
    private static String describe(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            StringBuilder path = new StringBuilder();
            for (JsonMappingException.Reference ref : mapping.getPath()) {
                if (ref.getFieldName() != null) {
                    path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
                } else {
                    path.append('[').append(ref.getIndex()).append(']');
                }
            }
            return path + ": " + e.getOriginalMessage();
        }
        return e.getOriginalMessage();
    }

    private static boolean contains(JsonNode values, JsonNode value) {
        for (JsonNode candidate : values) {
            if (candidate.equals(value)) {
                return true;
            }
        }
        return false;
    }

    /** Reports every non-empty {@code additionalProperties} map in a fabric8 model object graph. */
    private static void unknown(Object model, String path, String name, List<String> errors) {
        if (model == null || model instanceof String || model instanceof Number || model instanceof Boolean
                || model instanceof Enum<?>) {
            return;
        }
        if (model instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                unknown(list.get(i), path + "[" + i + "]", name, errors);
            }
            return;
        }
        if (model instanceof Map<?, ?> map) {
            map.forEach((key, value) -> unknown(value, path + "." + key, name, errors));
            return;
        }
        if (!model.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method getter : model.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(model);
            } catch (ReflectiveOperationException e) {
                continue;
            }
            String field = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
            if (field.equals("additionalProperties") && value instanceof Map<?, ?> extra) {
                extra.keySet().forEach(key -> errors.add(name + ": unknown field " + join(path, key.toString())));
            } else {
                unknown(value, join(path, field), name, errors);
            }
        }
    }

    private static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }
}
