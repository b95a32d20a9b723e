package dev.keel.api.admission.cel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.api.testing.ApiServerTest;
import dev.keel.api.testing.TestApiClient.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ValidatingAdmissionPolicy and its binding against the in-process API and a real etcd: Deny, Warn, params from a
 * ConfigMap, matchConditions, failurePolicy on errors, bad policies and bindings, the configuration kinds exempt.
 * Every binding selects only this test's namespace, so other tests sharing the server are not affected.
 */
class ValidatingAdmissionPolicyTest extends ApiServerTest {

    private static final String POLICIES = "/apis/admissionregistration.k8s.io/v1/validatingadmissionpolicies";
    private static final String BINDINGS = "/apis/admissionregistration.k8s.io/v1/validatingadmissionpolicybindings";

    private final List<String> created = new ArrayList<>();
    private String namespace;

    @BeforeEach
    void namespace() {
        namespace = createNamespace("vap");
    }

    @AfterEach
    void deletePoliciesAndBindings() {
        for (String path : created) {
            api().delete(path);
        }
    }

    private String deployments(String ns) {
        return "/apis/apps/v1/namespaces/" + ns + "/deployments";
    }

    private static String deployment(String name, int replicas) {
        return "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{"
                + "\"replicas\":" + replicas + ",\"selector\":{\"matchLabels\":{\"app\":\"web\"}},\"template\":{\"metadata\":"
                + "{\"labels\":{\"app\":\"web\"}},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"nginx\"}]}}}}";
    }

    private Response create(String collection, String name, String body) {
        Response response = api().post(collection, body);
        if (response.status() == 201) {
            created.add(collection + "/" + name);
        }
        return response;
    }

    private Response policy(String name, String spec) {
        return create(POLICIES, name, "{\"apiVersion\":\"admissionregistration.k8s.io/v1\",\"kind\":\"ValidatingAdmissionPolicy\","
                + "\"metadata\":{\"name\":\"" + name + "\"},\"spec\":" + spec + "}");
    }

    private static String deploymentsPolicy(String extra) {
        return "{\"matchConstraints\":{\"resourceRules\":[{\"apiGroups\":[\"apps\"],\"apiVersions\":[\"v1\"],"
                + "\"operations\":[\"CREATE\",\"UPDATE\"],\"resources\":[\"deployments\"]}]}" + extra + "}";
    }

    /** A binding of {@code policy} to the namespaces named (this test's by default). */
    private Response binding(String name, String policy, String actions, String extra, String... namespaces) {
        List<String> names = namespaces.length == 0 ? List.of(namespace) : List.of(namespaces);
        String values = String.join(",", names.stream().map(n -> "\"" + n + "\"").toList());
        return create(BINDINGS, name, "{\"apiVersion\":\"admissionregistration.k8s.io/v1\",\"kind\":"
                + "\"ValidatingAdmissionPolicyBinding\",\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{\"policyName\":\""
                + policy + "\",\"validationActions\":" + actions + ",\"matchResources\":{\"namespaceSelector\":{"
                + "\"matchExpressions\":[{\"key\":\"kubernetes.io/metadata.name\",\"operator\":\"In\",\"values\":[" + values
                + "]}]}}" + extra + "}}");
    }

    /** Policies reach admission through a watch: wait until a dry run sees the policy take effect. */
    private Response converge(String collection, String body, Predicate<Response> effective) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        Response response = api().post(collection + "?dryRun=All", body);
        while (!effective.test(response) && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            response = api().post(collection + "?dryRun=All", body);
        }
        return response;
    }

    @Test
    void denyRefusesMoreThanFiveReplicasWithKubernetesWordsAndStoresNothing() {
        String name = "max-replicas-" + namespace;
        assertThat(policy(name, deploymentsPolicy(",\"validations\":[{\"expression\":\"object.spec.replicas <= 5\"}]"))
                .status()).isEqualTo(201);
        assertThat(binding(name + "-b", name, "[\"Deny\"]", "").status()).isEqualTo(201);
        converge(deployments(namespace), deployment("probe", 6), r -> r.status() == 422);

        Response six = api().post(deployments(namespace), deployment("web", 6));
        Response five = api().post(deployments(namespace), deployment("small", 5));

        String message = "ValidatingAdmissionPolicy '" + name + "' with binding '" + name
                + "-b' denied request: failed expression: object.spec.replicas <= 5";
        assertThat(six.status()).isEqualTo(422);
        assertThat(six.json().path("reason").asText()).isEqualTo("Invalid");
        assertThat(six.json().path("message").asText()).isEqualTo("deployments.apps \"web\" is forbidden: " + message);
        assertThat(six.json().path("details").path("kind").asText()).isEqualTo("deployments");
        assertThat(six.json().path("details").path("group").asText()).isEqualTo("apps");
        assertThat(six.json().path("details").path("causes").get(0).path("message").asText()).isEqualTo(message);
        assertThat(api().get(deployments(namespace) + "/web").status()).isEqualTo(404);
        assertThat(five.status()).isEqualTo(201);
        // An update is checked too.
        Response scaled = api().patch(deployments(namespace) + "/small", "application/merge-patch+json",
                "{\"spec\":{\"replicas\":9}}");
        assertThat(scaled.status()).isEqualTo(422);
        assertThat(api().get(deployments(namespace) + "/small").json().path("spec").path("replicas").asInt()).isEqualTo(5);
    }

    @Test
    void aValidationReasonChoosesTheStatus() {
        String name = "forbid-" + namespace;
        policy(name, deploymentsPolicy(",\"validations\":[{\"expression\":\"object.spec.replicas <= 5\","
                + "\"reason\":\"Forbidden\",\"message\":\"too many replicas\"}]"));
        binding(name, name, "[\"Deny\"]", "");

        Response six = converge(deployments(namespace), deployment("web", 6), r -> r.status() != 201);

        assertThat(six.status()).isEqualTo(403);
        assertThat(six.json().path("reason").asText()).isEqualTo("Forbidden");
        assertThat(six.json().path("message").asText()).endsWith("denied request: too many replicas");
    }

    @Test
    void warnAdmitsWithAWarningHeader() {
        String name = "warn-" + namespace;
        policy(name, deploymentsPolicy(",\"validations\":[{\"expression\":\"object.spec.replicas <= 5\","
                + "\"messageExpression\":\"'replicas ' + string(object.spec.replicas) + ' is more than 5'\"}]"));
        binding(name + "-b", name, "[\"Warn\", \"Audit\"]", "");
        converge(deployments(namespace), deployment("probe", 6), r -> r.header("Warning") != null);

        Response six = api().post(deployments(namespace), deployment("web", 6));

        assertThat(six.status()).isEqualTo(201);
        assertThat(six.headers().get("Warning")).containsExactly("299 - \"Validation failed for ValidatingAdmissionPolicy '"
                + name + "' with binding '" + name + "-b': replicas 6 is more than 5\"");
    }

    @Test
    void paramsComeFromAConfigMap() {
        String name = "param-" + namespace;
        policy(name, deploymentsPolicy(",\"paramKind\":{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\"},"
                + "\"validations\":[{\"expression\":\"object.spec.replicas <= int(params.data.maxReplicas)\","
                + "\"messageExpression\":\"'at most ' + params.data.maxReplicas + ' replicas in ' + request.namespace\"}]"));
        binding(name, name, "[\"Deny\"]", ",\"paramRef\":{\"name\":\"limits\",\"parameterNotFoundAction\":\"Deny\"}");

        Response withoutParam = converge(deployments(namespace), deployment("web", 1), r -> r.status() != 201);
        assertThat(withoutParam.json().path("message").asText()).endsWith("ValidatingAdmissionPolicy '" + name
                + "' with binding '" + name + "' denied request: failed to configure binding: no params found for policy "
                + "binding with `Deny` parameterNotFoundAction");

        api().post("/api/v1/namespaces/" + namespace + "/configmaps",
                "{\"metadata\":{\"name\":\"limits\"},\"data\":{\"maxReplicas\":\"3\"}}");
        Response four = api().post(deployments(namespace), deployment("four", 4));
        Response three = api().post(deployments(namespace), deployment("three", 3));

        assertThat(four.status()).isEqualTo(422);
        assertThat(four.json().path("message").asText()).endsWith("denied request: at most 3 replicas in " + namespace);
        assertThat(three.status()).isEqualTo(201);
    }

    @Test
    void aMissingParamIsSkippedUnderAllow() {
        String name = "allow-" + namespace;
        policy(name, deploymentsPolicy(",\"paramKind\":{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\"},"
                + "\"validations\":[{\"expression\":\"object.spec.replicas <= int(params.data.maxReplicas)\"}]"));
        binding(name, name, "[\"Deny\"]", ",\"paramRef\":{\"selector\":{\"matchLabels\":{\"limits\":\"yes\"}},"
                + "\"parameterNotFoundAction\":\"Allow\"}");
        api().post("/api/v1/namespaces/" + namespace + "/configmaps",
                "{\"metadata\":{\"name\":\"l\",\"labels\":{\"limits\":\"yes\"}},\"data\":{\"maxReplicas\":\"2\"}}");
        converge(deployments(namespace), deployment("probe", 3), r -> r.status() == 422);
        api().delete("/api/v1/namespaces/" + namespace + "/configmaps/l");

        assertThat(api().post(deployments(namespace), deployment("web", 3)).status()).isEqualTo(201);
    }

    @Test
    void matchConditionsExcludeANamespace() {
        String other = createNamespace("vap-other");
        String name = "cond-" + namespace;
        policy(name, deploymentsPolicy(",\"matchConditions\":[{\"name\":\"not-other\",\"expression\":"
                + "\"request.namespace != '" + other + "'\"}],\"validations\":[{\"expression\":\"object.spec.replicas <= 5\"}]"));
        binding(name, name, "[\"Deny\"]", "", namespace, other);
        converge(deployments(namespace), deployment("probe", 6), r -> r.status() == 422);

        assertThat(api().post(deployments(namespace), deployment("web", 6)).status()).isEqualTo(422);
        assertThat(api().post(deployments(other), deployment("web", 6)).status()).isEqualTo(201);
    }

    @Test
    void anExpressionErrorFailsUnderFailAndIsIgnoredUnderIgnore() {
        String fail = "fail-" + namespace;
        policy(fail, deploymentsPolicy(",\"failurePolicy\":\"Fail\",\"validations\":[{\"expression\":\"object.spec.nope > 1\"}]"));
        binding(fail, fail, "[\"Deny\"]", "");
        Response failed = converge(deployments(namespace), deployment("web", 1), r -> r.status() != 201);

        assertThat(failed.status()).isEqualTo(422);
        assertThat(failed.json().path("message").asText()).contains("ValidatingAdmissionPolicy '" + fail
                + "' with binding '" + fail + "' denied request: expression 'object.spec.nope > 1' resulted in error: ");

        api().patch(POLICIES + "/" + fail, "application/merge-patch+json", "{\"spec\":{\"failurePolicy\":\"Ignore\"}}");
        Response ignored = converge(deployments(namespace), deployment("web", 1), r -> r.status() == 201);

        assertThat(ignored.status()).isEqualTo(201);
        assertThat(api().post(deployments(namespace), deployment("web", 1)).status()).isEqualTo(201);
    }

    @Test
    void variablesAreComposited() {
        String name = "vars-" + namespace;
        policy(name, deploymentsPolicy(",\"variables\":[{\"name\":\"replicas\",\"expression\":\"object.spec.replicas\"},"
                + "{\"name\":\"tooMany\",\"expression\":\"variables.replicas > 5\"}],"
                + "\"validations\":[{\"expression\":\"!variables.tooMany\"}]"));
        binding(name, name, "[\"Deny\"]", "");

        Response six = converge(deployments(namespace), deployment("web", 6), r -> r.status() == 422);

        assertThat(six.json().path("message").asText()).endsWith("failed expression: !variables.tooMany");
        assertThat(api().post(deployments(namespace), deployment("web", 5)).status()).isEqualTo(201);
    }

    @Test
    void aPolicyWhoseExpressionDoesNotCompileIsRefused() {
        String name = "bad-" + namespace;
        Response bad = policy(name, deploymentsPolicy(",\"validations\":[{\"expression\":\"object.spec.replicas <= \"},"
                + "{\"expression\":\"object.spec.replicas\"},{\"expression\":\"true\",\"messageExpression\":\"1\"}]"));

        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().path("reason").asText()).isEqualTo("Invalid");
        List<String> fields = new ArrayList<>();
        bad.json().path("details").path("causes").forEach(c -> fields.add(c.path("field").asText()));
        assertThat(fields).containsExactly("spec.validations[0].expression", "spec.validations[2].messageExpression");
        assertThat(bad.json().path("details").path("causes").get(0).path("message").asText())
                .startsWith("Invalid value: \"object.spec.replicas <= \": compilation failed: ERROR: <input>:1:");
        assertThat(bad.json().path("details").path("causes").get(1).path("message").asText())
                .isEqualTo("Invalid value: \"1\": must evaluate to string");
        assertThat(api().get(POLICIES + "/" + name).status()).isEqualTo(404);
    }

    @Test
    void policyFieldsAreChecked() {
        Response empty = policy("empty-" + namespace, "{}");
        Response badValues = policy("values-" + namespace, "{\"failurePolicy\":\"Maybe\",\"paramKind\":{\"apiVersion\":\"v1\"},"
                + "\"matchConstraints\":{\"resourceRules\":[{\"apiGroups\":[\"apps\"],\"apiVersions\":[\"v1\"],"
                + "\"operations\":[\"MAKE\"],\"resources\":[\"deployments\"]}],\"matchPolicy\":\"Fuzzy\"},"
                + "\"variables\":[{\"name\":\"1x\",\"expression\":\"1\"}],"
                + "\"validations\":[{\"expression\":\"true\",\"reason\":\"Teapot\"}]}");

        assertThat(empty.status()).isEqualTo(422);
        assertThat(empty.body()).contains("spec.matchConstraints").contains("validations or auditAnnotations must contain at least one item");
        assertThat(badValues.status()).isEqualTo(422);
        assertThat(badValues.body())
                .contains("Unsupported value: \\\"Maybe\\\": supported values: \\\"Fail\\\", \\\"Ignore\\\"")
                .contains("spec.paramKind.kind")
                .contains("spec.matchConstraints.resourceRules[0].operations[0]")
                .contains("spec.matchConstraints.matchPolicy")
                .contains("name is not a valid CEL identifier")
                .contains("spec.validations[0].reason");
    }

    @Test
    void bindingFieldsAreChecked() {
        Response noActions = binding("none-" + namespace, "p", "[]", "");
        Response denyAndWarn = binding("both-" + namespace, "p", "[\"Deny\",\"Warn\",\"Deny\",\"Shout\"]", "");
        Response nameAndSelector = binding("ref-" + namespace, "p", "[\"Deny\"]", ",\"paramRef\":{\"name\":\"x\","
                + "\"selector\":{},\"parameterNotFoundAction\":\"Maybe\"}");

        assertThat(noActions.status()).isEqualTo(422);
        assertThat(noActions.body()).contains("spec.validationActions: Required value: at least one validation action is required");
        assertThat(denyAndWarn.body()).contains("must not contain both Deny and Warn")
                .contains("spec.validationActions[2]: Duplicate value: \\\"Deny\\\"")
                .contains("spec.validationActions[3]: Unsupported value: \\\"Shout\\\"");
        assertThat(nameAndSelector.body()).contains("spec.paramRef.name: Forbidden: name and selector are mutually exclusive")
                .contains("spec.paramRef.parameterNotFoundAction: Unsupported value: \\\"Maybe\\\"");
    }

    @Test
    void theConfigurationKindsAreNotSubjectToPolicies() {
        String name = "all-" + namespace;
        String label = "vap-test-" + namespace;
        policy(name, "{\"matchConstraints\":{\"resourceRules\":[{\"apiGroups\":[\"*\"],\"apiVersions\":[\"*\"],"
                + "\"operations\":[\"*\"],\"resources\":[\"*\"]}],\"objectSelector\":{\"matchLabels\":{\"" + label
                + "\":\"x\"}}},\"validations\":[{\"expression\":\"false\"}]}");
        create(BINDINGS, name, "{\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{\"policyName\":\"" + name
                + "\",\"validationActions\":[\"Deny\"]}}");
        converge("/api/v1/namespaces/" + namespace + "/configmaps",
                "{\"metadata\":{\"name\":\"c\",\"labels\":{\"" + label + "\":\"x\"}}}", r -> r.status() == 422);

        Response binding = create(BINDINGS, name + "-2", "{\"metadata\":{\"name\":\"" + name + "-2\",\"labels\":{\"" + label
                + "\":\"x\"}},\"spec\":{\"policyName\":\"" + name + "\",\"validationActions\":[\"Deny\"]}}");

        assertThat(binding.status()).isEqualTo(201);
        assertThat(api().get(BINDINGS + "/" + name + "-2").json().path("metadata").path("labels").path(label).asText())
                .isEqualTo("x");
    }

    @Test
    void tablesShowKubectlsColumns() {
        String name = "cols-" + namespace;
        policy(name, deploymentsPolicy(",\"paramKind\":{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\"},"
                + "\"validations\":[{\"expression\":\"true\"}]"));
        binding(name, name, "[\"Audit\"]", ",\"paramRef\":{\"name\":\"limits\",\"parameterNotFoundAction\":\"Allow\"}");
        String table = "application/json;as=Table;v=v1;g=meta.k8s.io";

        Response policies = api().get(POLICIES + "/" + name, table);
        Response bindings = api().get(BINDINGS + "/" + name, table);

        assertThat(policies.json().path("columnDefinitions").findValuesAsText("name"))
                .containsExactly("Name", "Validations", "ParamKind", "Age");
        assertThat(policies.json().path("rows").get(0).path("cells").get(1).asInt()).isEqualTo(1);
        assertThat(policies.json().path("rows").get(0).path("cells").get(2).asText()).isEqualTo("v1/ConfigMap");
        assertThat(bindings.json().path("columnDefinitions").findValuesAsText("name"))
                .containsExactly("Name", "PolicyName", "ParamRef", "Age");
        assertThat(bindings.json().path("rows").get(0).path("cells").get(2).asText()).isEqualTo("*/limits");
        Response protobuf = api().get(POLICIES + "/" + name, "application/vnd.kubernetes.protobuf");
        assertThat(protobuf.status()).isEqualTo(200);
        assertThat(protobuf.header("Content-Type")).startsWith("application/vnd.kubernetes.protobuf");
    }
}
