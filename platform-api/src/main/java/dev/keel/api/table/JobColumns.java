package dev.keel.api.table;

import static dev.keel.api.table.JsonFields.items;
import static dev.keel.api.table.JsonFields.number;
import static dev.keel.api.table.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/** NAME STATUS COMPLETIONS DURATION AGE, and CONTAINERS IMAGES SELECTOR with {@code -o wide}. */
@Component
public class JobColumns implements TableColumns {

    private static final List<ColumnDefinition> COLUMNS = List.of(
            ColumnDefinition.nameColumn(),
            ColumnDefinition.string("Status", "Complete, Failed, Terminating, Suspended, FailureTarget or Running."),
            ColumnDefinition.string("Completions", "Succeeded pods out of the completions wanted."),
            ColumnDefinition.string("Duration", "How long the job ran, or has been running."),
            ColumnDefinition.ageColumn(),
            TemplateCells.CONTAINERS,
            TemplateCells.IMAGES,
            TemplateCells.SELECTOR);

    @Override
    public String kind() {
        return "Job";
    }

    @Override
    public List<ColumnDefinition> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(JsonNode job, Instant now) {
        return List.of(
                JsonFields.name(job),
                status(job),
                completions(job),
                duration(job.path("status"), now),
                JsonFields.age(job, now),
                TemplateCells.containers(job),
                TemplateCells.images(job),
                TemplateCells.selector(job));
    }

    // terminal conditions first: a finished job that is being deleted still reads Complete or Failed
    private static String status(JsonNode job) {
        List<JsonNode> conditions = items(job.path("status").path("conditions"));
        if (condition(conditions, "Complete")) {
            return "Complete";
        }
        if (condition(conditions, "Failed")) {
            return "Failed";
        }
        if (JsonFields.deleting(job)) {
            return "Terminating";
        }
        if (condition(conditions, "Suspended")) {
            return "Suspended";
        }
        if (condition(conditions, "FailureTarget")) {
            return "FailureTarget";
        }
        return "Running";
    }

    private static boolean condition(List<JsonNode> conditions, String type) {
        return conditions.stream()
                .filter(c -> type.equals(text(c.path("type"))))
                .findFirst()
                .map(c -> "True".equals(text(c.path("status"))))
                .orElse(false);
    }

    /** "3/5"; a job without completions needs one success, shown with its parallelism when above one. */
    private static String completions(JsonNode job) {
        JsonNode spec = job.path("spec");
        long succeeded = number(job.path("status").path("succeeded"));
        if (spec.path("completions").isNumber()) {
            return succeeded + "/" + spec.path("completions").asLong();
        }
        long parallelism = number(spec.path("parallelism"));
        return parallelism > 1 ? succeeded + "/1 of " + parallelism : succeeded + "/1";
    }

    private static String duration(JsonNode status, Instant now) {
        Instant start = JsonFields.instant(status.path("startTime"));
        if (start == null) {
            return "";
        }
        Instant end = JsonFields.instant(status.path("completionTime"));
        return Durations.human(Duration.between(start, end == null ? now : end));
    }
}
