package dev.keel.api.table;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.resource.BuiltinResources;
import dev.keel.api.resource.ResourceType;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TableRendererTest {

    static List<TableColumns> allColumns() {
        return List.of(new PodColumns(), new DeploymentColumns(), new ReplicaSetColumns(), new StatefulSetColumns(),
                new DaemonSetColumns(), new JobColumns(), new ServiceColumns(), new EndpointsColumns(),
                new EndpointSliceColumns(), new NamespaceColumns(), new NodeColumns(), new ConfigMapColumns(),
                new SecretColumns(), new ServiceAccountColumns(), new EventColumns(), new PersistentVolumeClaimColumns(),
                new LeaseColumns(), new PriorityClassColumns(), new ResourceQuotaColumns(), new LimitRangeColumns(),
                new CronJobColumns(), new PodDisruptionBudgetColumns(), new ReplicationControllerColumns(),
                new MutatingWebhookConfigurationColumns(), new ValidatingWebhookConfigurationColumns(),
                new ValidatingAdmissionPolicyColumns(),
                new ValidatingAdmissionPolicyBindingColumns(),
                new CustomResourceDefinitionColumns());
    }

    @Test
    void everyBuiltinKindHasItsOwnColumns() {
        Set<String> served = BuiltinResources.registry().all().stream().map(ResourceType::kind).collect(Collectors.toSet());
        Set<String> covered = allColumns().stream().map(TableColumns::kind).collect(Collectors.toSet());

        assertThat(covered).hasSize(allColumns().size()).containsExactlyInAnyOrderElementsOf(served);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allColumns")
    void sparseObjectsStillFillEveryColumn(TableColumns columns) {
        for (String object : List.of("{}", "{metadata:null, spec:null, status:null}",
                "{metadata:{name:'x', labels:null}, spec:{template:{spec:{containers:null}}}, status:{conditions:[{}]}}")) {
            List<Object> cells = columns.cells(Fixtures.json(object), Fixtures.NOW);

            assertThat(cells).hasSameSizeAs(columns.columns()).doesNotContainNull();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allColumns")
    void definitionsAreWellFormed(TableColumns columns) {
        assertThat(columns.columns()).allSatisfy(c -> {
            // "date": kube-apiserver's default table (CRDs: CREATED AT) types its timestamp column so.
            assertThat(c.type()).isIn("string", "integer", "boolean", "date");
            assertThat(c.priority()).isIn(0, 1);
            assertThat(c.description()).isNotBlank();
        });
        assertThat(columns.columns().stream().filter(c -> c.format().equals("name"))).hasSize(1);
    }

    @Test
    void cellsBecomePlainJsonValues() {
        TableRenderer renderer = new TableRenderer(allColumns(), Clock.fixed(Fixtures.NOW, ZoneOffset.UTC));
        ObjectNode configMap = Fixtures.json("{kind:'ConfigMap', metadata:{name:'settings'}, data:{a:'1'}}");
        configMap.withObjectProperty("metadata").put("creationTimestamp", Fixtures.ago("5m"));

        ObjectNode table = renderer.render("ConfigMap", "v1", List.of(configMap), "42", null, null, true);

        JsonNode cells = table.at("/rows/0/cells");
        assertThat(cells.get(0).isTextual()).isTrue();
        assertThat(cells.get(1).isIntegralNumber()).isTrue();
        assertThat(cells.toString()).isEqualTo("[\"settings\",1,\"5m\"]");
        assertThat(table.at("/columnDefinitions/1/name").asText()).isEqualTo("Data");
        assertThat(table.at("/rows/0/object/kind").asText()).isEqualTo("PartialObjectMetadata");
    }

    @Test
    void unknownKindsFallBackToNameAndAge() {
        TableRenderer renderer = new TableRenderer(allColumns(), Clock.fixed(Fixtures.NOW, ZoneOffset.UTC));

        ObjectNode table = renderer.render("Widget", null, List.of(Fixtures.json("{metadata:{name:'w'}}")), null, null,
                "None", true);

        assertThat(table.at("/rows/0/cells").toString()).isEqualTo("[\"w\",\"<unknown>\"]");
        assertThat(table.at("/rows/0/object").isMissingNode()).isTrue();
    }
}
