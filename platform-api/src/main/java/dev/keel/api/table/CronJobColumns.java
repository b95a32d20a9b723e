package dev.keel.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/** NAME SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE, and CONTAINERS IMAGES SELECTOR with {@code -o wide}. */
@Component
public class CronJobColumns implements TableColumns {

    private static final List<ColumnDefinition> COLUMNS = List.of(
            ColumnDefinition.nameColumn(),
            ColumnDefinition.string("Schedule", "The schedule in Cron format."),
            ColumnDefinition.string("Timezone", "The time zone name for the given schedule."),
            new ColumnDefinition("Suspend", "boolean", "", "Whether subsequent executions are suspended.", 0),
            ColumnDefinition.integer("Active", "The number of currently running jobs."),
            ColumnDefinition.string("Last Schedule", "Information when was the last time the job was successfully scheduled."),
            ColumnDefinition.ageColumn(),
            TemplateCells.CONTAINERS,
            TemplateCells.IMAGES,
            TemplateCells.SELECTOR);

    @Override
    public String kind() {
        return "CronJob";
    }

    @Override
    public List<ColumnDefinition> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(JsonNode cronJob, Instant now) {
        JsonNode spec = cronJob.path("spec");
        JsonNode status = cronJob.path("status");
        Instant lastSchedule = JsonFields.instant(status.path("lastScheduleTime"));
        JsonNode jobSpec = spec.path("jobTemplate").path("spec");
        JsonNode podSpec = jobSpec.path("template").path("spec");
        return List.of(
                JsonFields.name(cronJob),
                JsonFields.text(spec.path("schedule")),
                JsonFields.textOr(spec.path("timeZone"), JsonFields.NONE),
                spec.path("suspend").isBoolean() ? (spec.path("suspend").asBoolean() ? "True" : "False") : JsonFields.UNSET,
                (long) JsonFields.size(status.path("active")),
                lastSchedule == null ? JsonFields.NONE : Durations.since(lastSchedule, now),
                JsonFields.age(cronJob, now),
                JsonFields.join(podSpec.path("containers"), c -> JsonFields.text(c.path("name"))),
                JsonFields.join(podSpec.path("containers"), c -> JsonFields.text(c.path("image"))),
                LabelText.selector(jobSpec.path("selector")));
    }
}
