package dev.keel.api.patch;

import static dev.keel.api.patch.Json.node;
import static dev.keel.api.patch.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.status.ApiException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StrategicMergePatchTest {

    private final ObjectPatcher patcher = new DefaultObjectPatcher();

    /** Wraps a pod spec fragment in a deployment's template. */
    private static String deployment(String podSpec) {
        return "{spec: {template: {spec: " + podSpec + "}}}";
    }

    /**
     * Ordering follows Kubernetes: items the patch names come in patch order, and a stored item goes before a
     * patched one only if it preceded it in the stored list, so an item new to the list lands before the stored
     * items that follow it.
     */
    static Stream<Arguments> merges() {
        return Stream.of(
                // --- containers and their lists ---
                arguments("containers merge by name", "apps", "deployments",
                        deployment("{containers: [{name: web, image: nginx:1, args: [a]}, {name: side, image: busybox}]}"),
                        deployment("{containers: [{name: web, image: nginx:2}]}"),
                        deployment("{containers: [{name: web, image: nginx:2, args: [a]}, {name: side, image: busybox}]}")),
                arguments("a new container is added", "apps", "deployments",
                        deployment("{containers: [{name: web, image: nginx}]}"),
                        deployment("{containers: [{name: log, image: fluent}]}"),
                        deployment("{containers: [{name: log, image: fluent}, {name: web, image: nginx}]}")),
                arguments("init containers merge by name", "", "pods",
                        "{spec: {initContainers: [{name: init, image: a}, {name: other, image: b}]}}",
                        "{spec: {initContainers: [{name: init, image: c}]}}",
                        "{spec: {initContainers: [{name: init, image: c}, {name: other, image: b}]}}"),
                arguments("ephemeral containers merge by name", "", "pods",
                        "{spec: {ephemeralContainers: [{name: debug, image: a}]}}",
                        "{spec: {ephemeralContainers: [{name: debug2, image: b}]}}",
                        "{spec: {ephemeralContainers: [{name: debug2, image: b}, {name: debug, image: a}]}}"),
                arguments("env merges by name", "apps", "deployments",
                        deployment("{containers: [{name: web, env: [{name: A, value: '1'}, {name: B, value: '2'}]}]}"),
                        deployment("{containers: [{name: web, env: [{name: B, value: '3'}, {name: C, value: '4'}]}]}"),
                        deployment("{containers: [{name: web, env: [{name: A, value: '1'}, {name: B, value: '3'},"
                                + " {name: C, value: '4'}]}]}")),
                arguments("an env value switches to valueFrom", "apps", "deployments",
                        deployment("{containers: [{name: web, env: [{name: A, value: '1'}]}]}"),
                        deployment("{containers: [{name: web, env: [{name: A, value: null,"
                                + " valueFrom: {fieldRef: {fieldPath: metadata.name}}}]}]}"),
                        deployment("{containers: [{name: web, env: [{name: A, valueFrom: {fieldRef: {fieldPath: metadata.name}}}]}]}")),
                arguments("envFrom is atomic", "apps", "deployments",
                        deployment("{containers: [{name: web, envFrom: [{configMapRef: {name: a}}]}]}"),
                        deployment("{containers: [{name: web, envFrom: [{secretRef: {name: b}}]}]}"),
                        deployment("{containers: [{name: web, envFrom: [{secretRef: {name: b}}]}]}")),
                arguments("ports merge by containerPort", "apps", "deployments",
                        deployment("{containers: [{name: web, ports: [{containerPort: 80, name: http}, {containerPort: 443}]}]}"),
                        deployment("{containers: [{name: web, ports: [{containerPort: 80, name: web}, {containerPort: 9090}]}]}"),
                        deployment("{containers: [{name: web, ports: [{containerPort: 80, name: web}, {containerPort: 9090},"
                                + " {containerPort: 443}]}]}")),
                arguments("volume mounts merge by mountPath", "apps", "deployments",
                        deployment("{containers: [{name: web, volumeMounts: [{mountPath: /data, name: data}]}]}"),
                        deployment("{containers: [{name: web, volumeMounts: [{mountPath: /data, readOnly: true},"
                                + " {mountPath: /cfg, name: cfg}]}]}"),
                        deployment("{containers: [{name: web, volumeMounts: [{mountPath: /data, name: data, readOnly: true},"
                                + " {mountPath: /cfg, name: cfg}]}]}")),
                arguments("volume devices merge by devicePath", "", "pods",
                        "{spec: {containers: [{name: c, volumeDevices: [{devicePath: /dev/a, name: a}]}]}}",
                        "{spec: {containers: [{name: c, volumeDevices: [{devicePath: /dev/b, name: b}]}]}}",
                        "{spec: {containers: [{name: c, volumeDevices: [{devicePath: /dev/b, name: b}, {devicePath: /dev/a, name: a}]}]}}"),
                arguments("container command is atomic", "", "pods",
                        "{spec: {containers: [{name: c, command: [sh, -c, a]}]}}",
                        "{spec: {containers: [{name: c, command: [b]}]}}",
                        "{spec: {containers: [{name: c, command: [b]}]}}"),
                // --- pod spec lists ---
                arguments("volumes merge by name", "apps", "statefulsets",
                        deployment("{volumes: [{name: data, emptyDir: {}}, {name: cfg, configMap: {name: a}}]}"),
                        deployment("{volumes: [{name: cfg, configMap: {name: b}}, {name: tmp, emptyDir: {medium: Memory}}]}"),
                        deployment("{volumes: [{name: data, emptyDir: {}}, {name: cfg, configMap: {name: b}},"
                                + " {name: tmp, emptyDir: {medium: Memory}}]}")),
                arguments("image pull secrets merge by name", "apps", "daemonsets",
                        deployment("{imagePullSecrets: [{name: a}]}"),
                        deployment("{imagePullSecrets: [{name: b}]}"),
                        deployment("{imagePullSecrets: [{name: b}, {name: a}]}")),
                arguments("host aliases merge by ip", "apps", "replicasets",
                        deployment("{hostAliases: [{ip: 10.0.0.1, hostnames: [a]}]}"),
                        deployment("{hostAliases: [{ip: 10.0.0.1, hostnames: [b]}, {ip: 10.0.0.2, hostnames: [c]}]}"),
                        deployment("{hostAliases: [{ip: 10.0.0.1, hostnames: [b]}, {ip: 10.0.0.2, hostnames: [c]}]}")),
                arguments("tolerations are atomic", "batch", "jobs",
                        deployment("{tolerations: [{key: a, operator: Exists}]}"),
                        deployment("{tolerations: [{key: b, operator: Exists}]}"),
                        deployment("{tolerations: [{key: b, operator: Exists}]}")),
                arguments("topology spread constraints merge by topologyKey", "", "pods",
                        "{spec: {topologySpreadConstraints: [{topologyKey: zone, maxSkew: 1}, {topologyKey: host, maxSkew: 1}]}}",
                        "{spec: {topologySpreadConstraints: [{topologyKey: zone, maxSkew: 2}]}}",
                        "{spec: {topologySpreadConstraints: [{topologyKey: zone, maxSkew: 2}, {topologyKey: host, maxSkew: 1}]}}"),
                arguments("scheduling gates merge by name", "", "pods",
                        "{spec: {schedulingGates: [{name: a}]}}",
                        "{spec: {schedulingGates: [{name: b}]}}",
                        "{spec: {schedulingGates: [{name: b}, {name: a}]}}"),
                arguments("resource claims merge by name", "", "pods",
                        "{spec: {resourceClaims: [{name: gpu, resourceClaimName: a}]}}",
                        "{spec: {resourceClaims: [{name: gpu, resourceClaimName: b}, {name: fpga, resourceClaimName: c}]}}",
                        "{spec: {resourceClaims: [{name: gpu, resourceClaimName: b}, {name: fpga, resourceClaimName: c}]}}"),
                arguments("node selector maps merge", "apps", "deployments",
                        deployment("{nodeSelector: {disk: ssd}}"),
                        deployment("{nodeSelector: {zone: a}}"),
                        deployment("{nodeSelector: {disk: ssd, zone: a}}")),
                arguments("stateful set claim templates are atomic", "apps", "statefulsets",
                        "{spec: {volumeClaimTemplates: [{metadata: {name: a}, spec: {accessModes: [ReadWriteOnce]}},"
                                + " {metadata: {name: b}}]}}",
                        "{spec: {volumeClaimTemplates: [{metadata: {name: a}, spec: {accessModes: [ReadOnlyMany]}}]}}",
                        "{spec: {volumeClaimTemplates: [{metadata: {name: a}, spec: {accessModes: [ReadOnlyMany]}}]}}"),
                // --- metadata ---
                arguments("finalizers merge as a set", "", "configmaps",
                        "{metadata: {finalizers: [a, b]}}",
                        "{metadata: {finalizers: [b, c]}}",
                        "{metadata: {finalizers: [a, b, c]}}"),
                arguments("owner references merge by uid", "apps", "replicasets",
                        "{metadata: {ownerReferences: [{uid: u1, name: a, controller: true}]}}",
                        "{metadata: {ownerReferences: [{uid: u1, controller: false}, {uid: u2, name: b}]}}",
                        "{metadata: {ownerReferences: [{uid: u1, name: a, controller: false}, {uid: u2, name: b}]}}"),
                arguments("labels merge and null deletes", "", "configmaps",
                        "{metadata: {labels: {a: '1', b: '2'}}, data: {x: y}}",
                        "{metadata: {labels: {a: null, c: '3'}}}",
                        "{metadata: {labels: {b: '2', c: '3'}}, data: {x: y}}"),
                arguments("namespace spec finalizers are atomic", "", "namespaces",
                        "{spec: {finalizers: [kubernetes, a]}}",
                        "{spec: {finalizers: [b]}}",
                        "{spec: {finalizers: [b]}}"),
                // --- other kinds ---
                arguments("service ports merge by port", "", "services",
                        "{spec: {ports: [{port: 80, targetPort: 8080}, {port: 443, targetPort: 8443}]}}",
                        "{spec: {ports: [{port: 80, targetPort: 9090}]}}",
                        "{spec: {ports: [{port: 80, targetPort: 9090}, {port: 443, targetPort: 8443}]}}"),
                arguments("service selector maps merge", "", "services",
                        "{spec: {selector: {app: a}}}",
                        "{spec: {selector: {tier: web}}}",
                        "{spec: {selector: {app: a, tier: web}}}"),
                arguments("pod conditions merge by type", "", "pods",
                        "{status: {conditions: [{type: Ready, status: 'False'}, {type: PodScheduled, status: 'True'}]}}",
                        "{status: {conditions: [{type: Ready, status: 'True'}]}}",
                        "{status: {conditions: [{type: Ready, status: 'True'}, {type: PodScheduled, status: 'True'}]}}"),
                arguments("pod IPs merge by ip", "", "pods",
                        "{status: {podIPs: [{ip: 10.0.0.1}]}}",
                        "{status: {podIPs: [{ip: 'fd00::1'}]}}",
                        "{status: {podIPs: [{ip: 'fd00::1'}, {ip: 10.0.0.1}]}}"),
                arguments("container statuses are atomic", "", "pods",
                        "{status: {containerStatuses: [{name: a, ready: true}, {name: b, ready: true}]}}",
                        "{status: {containerStatuses: [{name: a, ready: false}]}}",
                        "{status: {containerStatuses: [{name: a, ready: false}]}}"),
                arguments("deployment conditions merge by type", "apps", "deployments",
                        "{status: {conditions: [{type: Available, status: 'True'}]}}",
                        "{status: {conditions: [{type: Progressing, status: 'True'}]}}",
                        "{status: {conditions: [{type: Progressing, status: 'True'}, {type: Available, status: 'True'}]}}"),
                arguments("job conditions merge by type", "batch", "jobs",
                        "{status: {conditions: [{type: Suspended, status: 'True'}]}}",
                        "{status: {conditions: [{type: Complete, status: 'True'}]}}",
                        "{status: {conditions: [{type: Complete, status: 'True'}, {type: Suspended, status: 'True'}]}}"),
                arguments("node addresses merge by type", "", "nodes",
                        "{status: {addresses: [{type: InternalIP, address: 10.0.0.1}, {type: Hostname, address: n1}]}}",
                        "{status: {addresses: [{type: InternalIP, address: 10.0.0.2}]}}",
                        "{status: {addresses: [{type: InternalIP, address: 10.0.0.2}, {type: Hostname, address: n1}]}}"),
                arguments("node pod CIDRs merge as a set", "", "nodes",
                        "{spec: {podCIDRs: [10.0.0.0/24]}}",
                        "{spec: {podCIDRs: ['fd00::/64']}}",
                        "{spec: {podCIDRs: ['fd00::/64', 10.0.0.0/24]}}"),
                arguments("node taints are atomic", "", "nodes",
                        "{spec: {taints: [{key: a, effect: NoSchedule}]}}",
                        "{spec: {taints: [{key: b, effect: NoSchedule}]}}",
                        "{spec: {taints: [{key: b, effect: NoSchedule}]}}"),
                arguments("service account secrets merge by name", "", "serviceaccounts",
                        "{secrets: [{name: a}]}",
                        "{secrets: [{name: b}]}",
                        "{secrets: [{name: b}, {name: a}]}"),
                arguments("lists of kinds without a table entry are replaced", "discovery.k8s.io", "endpointslices",
                        "{endpoints: [{addresses: [10.0.0.1]}]}",
                        "{endpoints: [{addresses: [10.0.0.2]}]}",
                        "{endpoints: [{addresses: [10.0.0.2]}]}"),
                arguments("unknown fields are kept verbatim", "apps", "deployments",
                        deployment("{containers: [{name: web, image: a}]}"),
                        deployment("{containers: [{name: web, futureField: {nested: [1, {x: 2.50}]}}], futureList: [b, a]}"),
                        deployment("{containers: [{name: web, image: a, futureField: {nested: [1, {x: 2.50}]}}],"
                                + " futureList: [b, a]}")),
                // --- directives ---
                arguments("$patch: replace replaces a map", "apps", "deployments",
                        "{spec: {strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 1}}}}",
                        "{spec: {strategy: {$patch: replace, type: Recreate}}}",
                        "{spec: {strategy: {type: Recreate}}}"),
                arguments("$patch: delete removes a map", "apps", "deployments",
                        "{spec: {replicas: 1, strategy: {type: Recreate}}}",
                        "{spec: {strategy: {$patch: delete}}}",
                        "{spec: {replicas: 1}}"),
                arguments("$patch: merge is the default", "", "configmaps",
                        "{data: {a: '1'}}",
                        "{data: {$patch: merge, b: '2'}}",
                        "{data: {a: '1', b: '2'}}"),
                arguments("$patch: replace as a list item replaces the list", "apps", "deployments",
                        deployment("{containers: [{name: a, image: x}, {name: b, image: y}]}"),
                        deployment("{containers: [{name: c, image: z}, {$patch: replace}]}"),
                        deployment("{containers: [{name: c, image: z}]}")),
                arguments("$patch: replace in a scalar list replaces it", "", "configmaps",
                        "{metadata: {finalizers: [a, b]}}",
                        "{metadata: {finalizers: [c, {$patch: replace}]}}",
                        "{metadata: {finalizers: [c]}}"),
                arguments("$patch: delete removes a list item by key", "apps", "deployments",
                        deployment("{containers: [{name: web, env: [{name: A, value: '1'}, {name: B, value: '2'}]}]}"),
                        deployment("{containers: [{name: web, env: [{name: A, $patch: delete}]}]}"),
                        deployment("{containers: [{name: web, env: [{name: B, value: '2'}]}]}")),
                arguments("$patch: merge on a list item merges it", "apps", "deployments",
                        deployment("{containers: [{name: web, image: a, args: [x]}]}"),
                        deployment("{containers: [{name: web, $patch: merge, image: b}]}"),
                        deployment("{containers: [{name: web, image: b, args: [x]}]}")),
                arguments("$setElementOrder orders containers", "apps", "deployments",
                        deployment("{containers: [{name: a, image: x}, {name: b, image: y}]}"),
                        deployment("{$setElementOrder/containers: [{name: b}, {name: a}], containers: [{name: a, image: z}]}"),
                        deployment("{containers: [{name: b, image: y}, {name: a, image: z}]}")),
                arguments("$setElementOrder orders ports and env", "apps", "deployments",
                        deployment("{containers: [{name: web, ports: [{containerPort: 80}, {containerPort: 443}],"
                                + " env: [{name: A, value: '1'}, {name: B, value: '2'}]}]}"),
                        deployment("{containers: [{name: web, $setElementOrder/ports: [{containerPort: 443}, {containerPort: 80}],"
                                + " $setElementOrder/env: [{name: C}, {name: B}, {name: A}], env: [{name: C, value: '3'}]}]}"),
                        deployment("{containers: [{name: web, ports: [{containerPort: 443}, {containerPort: 80}],"
                                + " env: [{name: C, value: '3'}, {name: B, value: '2'}, {name: A, value: '1'}]}]}")),
                arguments("$setElementOrder keeps server-only items in place", "apps", "deployments",
                        deployment("{containers: [{name: a}, {name: injected}, {name: b}]}"),
                        deployment("{$setElementOrder/containers: [{name: a}, {name: b}, {name: c}], containers: [{name: c}]}"),
                        deployment("{containers: [{name: a}, {name: injected}, {name: b}, {name: c}]}")),
                arguments("$setElementOrder orders scalar sets", "", "configmaps",
                        "{metadata: {finalizers: [a, b]}}",
                        "{metadata: {$setElementOrder/finalizers: [c, b, a], finalizers: [c]}}",
                        "{metadata: {finalizers: [c, b, a]}}"),
                arguments("$deleteFromPrimitiveList removes set values", "", "configmaps",
                        "{metadata: {finalizers: [a, b, c]}}",
                        "{metadata: {$deleteFromPrimitiveList/finalizers: [b]}}",
                        "{metadata: {finalizers: [a, c]}}"),
                arguments("$deleteFromPrimitiveList with additions", "", "configmaps",
                        "{metadata: {finalizers: [a, b]}}",
                        "{metadata: {$deleteFromPrimitiveList/finalizers: [a], $setElementOrder/finalizers: [b, d],"
                                + " finalizers: [d]}}",
                        "{metadata: {finalizers: [b, d]}}"),
                arguments("$retainKeys clears the other deployment strategy", "apps", "deployments",
                        "{spec: {strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}}}",
                        "{spec: {strategy: {$retainKeys: [type], type: Recreate, rollingUpdate: null}}}",
                        "{spec: {strategy: {type: Recreate}}}"),
                arguments("$retainKeys switches a volume source", "apps", "deployments",
                        deployment("{volumes: [{name: data, emptyDir: {}}, {name: other, emptyDir: {}}]}"),
                        deployment("{volumes: [{$retainKeys: [configMap, name], name: data, configMap: {name: cm}}]}"),
                        deployment("{volumes: [{name: data, configMap: {name: cm}}, {name: other, emptyDir: {}}]}")),
                arguments("null removes a list", "apps", "deployments",
                        deployment("{containers: [{name: web, args: [a]}]}"),
                        deployment("{containers: [{name: web, args: null}]}"),
                        deployment("{containers: [{name: web}]}")),
                arguments("deleting from a missing list leaves it absent", "apps", "deployments",
                        deployment("{containers: [{name: web}]}"),
                        deployment("{containers: [{name: web, env: [{name: A, $patch: delete}]}]}"),
                        deployment("{containers: [{name: web}]}")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("merges")
    void merges(String name, String group, String plural, String current, String patch, String expected) {
        ObjectNode stored = obj(current);

        ObjectNode result = patcher.apply(PatchType.STRATEGIC_MERGE_PATCH, stored, node(patch), Json.type(group, plural));

        assertThat(result).isEqualTo(obj(expected));
        assertThat(stored).as("the stored object is not modified").isEqualTo(obj(current));
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                arguments("a patch that is not an object", "[1]", "must be a JSON object"),
                arguments("an unknown map directive", "{spec: {$patch: explode}}", "unknown patch directive"),
                arguments("a directive that is not a string", "{spec: {$patch: 1}}", "must be a string"),
                arguments("an item without the merge key", deployment("{containers: [{image: x}]}"),
                        "does not contain the merge key \"name\""),
                arguments("a delete without the merge key", deployment("{containers: [{$patch: delete}]}"),
                        "delete directive does not contain the merge key"),
                arguments("a keyed list item that is not an object", deployment("{containers: [web]}"), "is not an object"),
                arguments("an object in a scalar set", "{metadata: {finalizers: [{a: 1}]}}", "set of scalars"),
                arguments("$setElementOrder that is not a list", deployment("{$setElementOrder/containers: {name: a}}"),
                        "must be a list"),
                arguments("$setElementOrder without keys", deployment("{$setElementOrder/containers: [{image: a}]}"),
                        "must carry the merge key"),
                arguments("$deleteFromPrimitiveList on a keyed list", deployment("{$deleteFromPrimitiveList/containers: [a]}"),
                        "applies to lists of scalars"),
                arguments("$retainKeys that is not a list", "{spec: {strategy: {$retainKeys: type}}}", "must be a list"),
                arguments("$retainKeys missing a patched key", "{spec: {strategy: {$retainKeys: [type], rollingUpdate: {}}}}",
                        "not listed in $retainKeys"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void rejects(String name, String patch, String message) {
        ObjectNode current = obj(deployment("{containers: [{name: web}]}"));

        assertThatThrownBy(() -> patcher.apply(PatchType.STRATEGIC_MERGE_PATCH, current, node(patch), Json.type("apps", "deployments")))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.getMessage()).contains(message);
                });
    }
}
