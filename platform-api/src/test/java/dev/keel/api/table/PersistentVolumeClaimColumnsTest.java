package dev.keel.api.table;

import static dev.keel.api.table.Fixtures.ago;
import static dev.keel.api.table.Fixtures.headers;
import static dev.keel.api.table.Fixtures.json;
import static dev.keel.api.table.Fixtures.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PersistentVolumeClaimColumnsTest {

    private final PersistentVolumeClaimColumns columns = new PersistentVolumeClaimColumns();

    @Test
    void columnsMatchKubectl() {
        assertThat(headers(columns, 0)).containsExactly(
                "NAME", "STATUS", "VOLUME", "CAPACITY", "ACCESS MODES", "STORAGECLASS", "VOLUMEATTRIBUTESCLASS", "AGE");
        assertThat(headers(columns, 1)).containsExactly("VOLUMEMODE");
    }

    @Test
    void boundClaim() {
        ObjectNode claim = json("""
                {metadata:{name:'data-db-0'},
                 spec:{accessModes:['ReadWriteOnce'], resources:{requests:{storage:'5Gi'}}, storageClassName:'fast',
                       volumeName:'pvc-1234', volumeMode:'Filesystem', volumeAttributesClassName:'gold'},
                 status:{phase:'Bound', accessModes:['ReadWriteOnce'], capacity:{storage:'8Gi'}}}""");
        claim.withObjectProperty("metadata").put("creationTimestamp", ago("26h"));

        assertThat(row(columns, claim).values()).containsExactly(
                "data-db-0", "Bound", "pvc-1234", "8Gi", "RWO", "fast", "gold", "26h", "Filesystem");
    }

    @Test
    void pendingClaimHidesRequestedSize() {
        ObjectNode claim = json("""
                {metadata:{name:'data'}, spec:{accessModes:['ReadWriteOnce'], resources:{requests:{storage:'5Gi'}}},
                 status:{phase:'Pending'}}""");

        assertThat(row(columns, claim).values()).containsExactly(
                "data", "Pending", "", "", "", "", "<unset>", "<unknown>", "<unset>");
    }

    @Test
    void terminatingWhileDeleted() {
        ObjectNode claim = json("{metadata:{name:'data', deletionTimestamp:'" + ago("2s") + "'}, status:{phase:'Bound'}}");

        assertThat(row(columns, claim).get("STATUS")).isEqualTo("Terminating");
    }

    @Test
    void betaAnnotationTakesPrecedenceOverClassName() {
        ObjectNode claim = json("""
                {metadata:{name:'data', annotations:{'volume.beta.kubernetes.io/storage-class':'legacy'}},
                 spec:{storageClassName:'fast'}}""");

        assertThat(row(columns, claim).get("STORAGECLASS")).isEqualTo("legacy");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ['ReadWriteOnce']                                       | RWO
            ['ReadWriteMany','ReadOnlyMany','ReadWriteOnce']        | RWO,ROX,RWX
            ['ReadWriteOncePod']                                    | RWOP
            ['ReadOnlyMany','ReadOnlyMany']                         | ROX
            []                                                      | ''
            """)
    void accessModesAreAbbreviatedInFixedOrder(String modes, String expected) {
        ObjectNode claim = json("{metadata:{name:'data'}, spec:{volumeName:'pv-1'}, status:{phase:'Bound', capacity:{storage:'1Gi'}}}");
        claim.withObjectProperty("status").set("accessModes", json("{m:" + modes + "}").get("m"));

        assertThat(row(columns, claim).get("ACCESS MODES")).isEqualTo(expected);
    }
}
