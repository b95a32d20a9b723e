package dev.keel.api.table;

import static dev.keel.api.table.Fixtures.ago;
import static dev.keel.api.table.Fixtures.headers;
import static dev.keel.api.table.Fixtures.json;
import static dev.keel.api.table.Fixtures.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventColumnsTest {

    private final EventColumns columns = new EventColumns();

    @Test
    void columnsMatchKubectl() {
        assertThat(headers(columns, 0)).containsExactly("LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE");
        assertThat(headers(columns, 1)).containsExactly("SUBOBJECT", "SOURCE", "FIRST SEEN", "COUNT", "NAME");
        // the name format sits on the wide NAME column; there is no NAME up front
        assertThat(columns.columns().get(9).format()).isEqualTo("name");
        assertThat(columns.columns().get(0).format()).isEmpty();
    }

    @Test
    void coreEvent() {
        ObjectNode event = json("""
                {metadata:{name:'web-0.17c1'}, type:'Warning', reason:'BackOff',
                 message:'  Back-off restarting failed container web in pod web-0\\n',
                 involvedObject:{kind:'Pod', name:'web-0', fieldPath:'spec.containers{web}'},
                 source:{component:'kubelet', host:'node-1'}, count:12}""");
        event.put("firstTimestamp", ago("2h")).put("lastTimestamp", ago("30s"));

        assertThat(row(columns, event).values()).containsExactly(
                "30s", "Warning", "BackOff", "pod/web-0", "spec.containers{web}", "kubelet, node-1",
                "Back-off restarting failed container web in pod web-0", "120m", 12L, "web-0.17c1");
    }

    @Test
    void newStyleEventUsesEventTimeSeriesAndReportingFields() {
        ObjectNode event = json("""
                {metadata:{name:'e1'}, type:'Normal', reason:'Scheduled', message:'assigned',
                 involvedObject:{kind:'Pod', name:'web-0'}, reportingComponent:'default-scheduler', reportingInstance:'sched-1',
                 source:{}, series:{count:4}}""");
        event.put("eventTime", ago("10m"));
        event.withObjectProperty("series").put("lastObservedTime", ago("1m"));

        Map<String, Object> row = row(columns, event);

        assertThat(row).containsEntry("LAST SEEN", "60s").containsEntry("FIRST SEEN", "10m")
                .containsEntry("COUNT", 4L).containsEntry("SOURCE", "default-scheduler, sched-1");
    }

    @Test
    void singletonWithoutLastTimestamp() {
        ObjectNode event = json("{metadata:{name:'e2'}, involvedObject:{kind:'Node'}, source:{component:'kubelet'}}");
        event.put("firstTimestamp", ago("3m"));

        Map<String, Object> row = row(columns, event);

        // an unnamed object shows just its kind; a singleton counts once; no host leaves no comma
        assertThat(row).containsEntry("LAST SEEN", "3m").containsEntry("FIRST SEEN", "3m").containsEntry("OBJECT", "node")
                .containsEntry("COUNT", 1L).containsEntry("SOURCE", "kubelet");
    }

    @Test
    void noTimesAtAll() {
        assertThat(row(columns, json("{metadata:{name:'e3'}}")))
                .containsEntry("LAST SEEN", "<unknown>").containsEntry("FIRST SEEN", "<unknown>").containsEntry("OBJECT", "");
    }
}
