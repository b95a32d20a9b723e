package dev.keel.api.admission;

import dev.keel.api.resource.ResourceType;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;

/**
 * One write on its way to storage.
 *
 * @param object      the object to be stored; mutating plugins change it in place. Null for DELETE.
 * @param oldObject   the stored object for UPDATE and DELETE, null for CREATE
 * @param subresource e.g. {@code status}, or null for the main resource
 * @param dryRun      true when nothing may be persisted (no allocations kept)
 * @param rollbacks   undo steps, run when the write fails
 * @param commits     steps run once the write is stored
 */
public record AdmissionRequest(Operation operation, ResourceType type, String subresource, HasMetadata object,
        HasMetadata oldObject, boolean dryRun, List<Runnable> rollbacks, List<Runnable> commits) {

    public AdmissionRequest(Operation operation, ResourceType type, String subresource, HasMetadata object,
            HasMetadata oldObject, boolean dryRun) {
        this(operation, type, subresource, object, oldObject, dryRun, new ArrayList<>(), new ArrayList<>());
    }

    public boolean isKind(String kind) {
        return type.kind().equals(kind) && subresource == null;
    }

    /** Registers an undo (e.g. releasing an allocated port) to run if the write does not reach storage. */
    public void onFailure(Runnable rollback) {
        rollbacks.add(rollback);
    }

    /** Registers work (e.g. releasing a port the object no longer uses) to run once the write is stored. */
    public void onSuccess(Runnable commit) {
        commits.add(commit);
    }

    /** The write did not happen: undo what admission took, forget what it meant to do afterwards. */
    public void rollback() {
        for (int i = rollbacks.size() - 1; i >= 0; i--) {
            rollbacks.get(i).run();
        }
        rollbacks.clear();
        commits.clear();
    }

    /** The write is stored: run what waited for it. */
    public void commit() {
        rollbacks.clear();
        for (Runnable commit : commits) {
            commit.run();
        }
        commits.clear();
    }
}
