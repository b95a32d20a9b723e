package dev.keel.reconciler.namespace;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes everything inside a namespace: every namespaced resource the API's discovery lists that can be listed
 * and deleted, so kinds added to platform-api later are covered without a change here.
 */
public class NamespaceContent {

    private static final Logger log = LoggerFactory.getLogger(NamespaceContent.class);

    private final KubernetesClient client;

    public NamespaceContent(KubernetesClient client) {
        this.client = client;
    }

    /** A namespaced resource from discovery, named as Kubernetes' conditions name it (plural.group). */
    record Resource(ResourceDefinitionContext context, String label) {
    }

    /** Issues a delete for every object not yet being deleted, then reports what is left. */
    public ContentReport delete(String namespace) {
        List<String> discoveryFailures = new ArrayList<>();
        List<Resource> resources = discover(discoveryFailures);
        SortedMap<String, String> deleteFailures = new TreeMap<>();
        SortedMap<String, Integer> remaining = new TreeMap<>();
        SortedMap<String, Integer> finalizers = new TreeMap<>();
        for (Resource resource : resources) {
            try {
                List<GenericKubernetesResource> items = list(resource, namespace);
                for (GenericKubernetesResource item : items) {
                    if (item.getMetadata().getDeletionTimestamp() == null) {
                        client.genericKubernetesResources(resource.context()).inNamespace(namespace)
                                .withName(item.getMetadata().getName())
                                .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
                    }
                }
                if (items.isEmpty()) {
                    continue;
                }
                List<GenericKubernetesResource> left = list(resource, namespace);
                if (!left.isEmpty()) {
                    remaining.put(resource.label(), left.size());
                    for (GenericKubernetesResource item : left) {
                        List<String> held = item.getMetadata().getFinalizers();
                        if (held != null) {
                            held.forEach(finalizer -> finalizers.merge(finalizer, 1, Integer::sum));
                        }
                    }
                }
            } catch (KubernetesClientException e) {
                log.info("Could not delete {} in terminating namespace {}: {}", resource.label(), namespace, e.getMessage());
                deleteFailures.put(resource.label(), e.getMessage());
            }
        }
        return new ContentReport(discoveryFailures, deleteFailures, remaining, finalizers);
    }

    private List<GenericKubernetesResource> list(Resource resource, String namespace) {
        return client.genericKubernetesResources(resource.context()).inNamespace(namespace).list().getItems();
    }

    /** Every namespaced resource (no subresources) of the preferred version of every group that supports list and delete. */
    List<Resource> discover(List<String> failures) {
        List<String> groupVersions = new ArrayList<>();
        groupVersions.add("v1");
        try {
            for (APIGroup group : client.getApiGroups().getGroups()) {
                groupVersions.add(group.getPreferredVersion().getGroupVersion());
            }
        } catch (KubernetesClientException e) {
            failures.add("apis: " + e.getMessage());
        }
        List<Resource> resources = new ArrayList<>();
        for (String groupVersion : groupVersions) {
            try {
                for (APIResource resource : client.getApiResources(groupVersion).getResources()) {
                    if (deletable(resource)) {
                        resources.add(resource(groupVersion, resource));
                    }
                }
            } catch (KubernetesClientException e) {
                failures.add(groupVersion + ": " + e.getMessage());
            }
        }
        return resources;
    }

    private static boolean deletable(APIResource resource) {
        return Boolean.TRUE.equals(resource.getNamespaced()) && !resource.getName().contains("/")
                && resource.getVerbs() != null && resource.getVerbs().contains("list")
                && resource.getVerbs().contains("delete");
    }

    private static Resource resource(String groupVersion, APIResource resource) {
        int slash = groupVersion.indexOf('/');
        String group = slash < 0 ? "" : groupVersion.substring(0, slash);
        String version = slash < 0 ? groupVersion : groupVersion.substring(slash + 1);
        ResourceDefinitionContext context = new ResourceDefinitionContext.Builder()
                .withGroup(group)
                .withVersion(version)
                .withPlural(resource.getName())
                .withKind(resource.getKind())
                .withNamespaced(true)
                .build();
        return new Resource(context, resource.getName() + "." + group);
    }
}
