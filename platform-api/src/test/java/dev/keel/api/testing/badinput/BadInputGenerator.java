package dev.keel.api.testing.badinput;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Generates malformed and borderline requests, deterministically from a seed, each with what kube-apiserver
 * answers to it. The same seed and count give the same sequence.
 */
public final class BadInputGenerator {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String FIXTURE = "fx";
    /** Another object's uid: a PUT carrying it must conflict. */
    private static final String FOREIGN_UID = "6f0c3f0e-1b1e-4c43-9d38-9a1b2c3d4e5f";
    private static final List<String> NON_OBJECTS = List.of("null", "1", "[]", "\"text\"", "true", "[{}]", "-0.5e3");
    private static final List<String> TRAILERS = List.of(" x", "}", "{}", " []", "\n{\"a\":1}", " null", "1", ",");

    private final long seed;
    private final List<KindTemplate> kinds = KindTemplate.all();
    private final List<Family> families = List.of(
            new Family("create/wrong-type", 12, this::createWrongType),
            new Family("create/null-leaf", 3, this::createNullLeaf),
            new Family("create/null-in-map", 4, this::createNullInMap),
            new Family("create/null-in-list", 4, this::createNullInList),
            new Family("create/trailing-text", 3, r -> trailingText(r, "POST")),
            new Family("create/non-object", 3, r -> nonObject(r, "POST")),
            new Family("create/empty-object", 1, this::createEmptyObject),
            new Family("create/huge-string", 2, this::createHugeString),
            new Family("create/control-characters", 3, this::createControlCharacters),
            new Family("create/invalid-name", 3, this::createInvalidName),
            new Family("create/invalid-label", 3, this::createInvalidLabel),
            new Family("create/bad-base64", 2, this::createBadBase64),
            new Family("create/owner-reference", 3, this::createOwnerReference),
            new Family("create/unknown-field", 3, this::createUnknownField),
            new Family("create/duplicate-field", 3, this::createDuplicateField),
            new Family("create/content-type", 2, this::createContentType),
            new Family("create/type-meta", 2, this::createTypeMeta),
            new Family("create/system-fields", 2, this::createSystemFields),
            new Family("update/empty-object", 2, this::putEmptyObject),
            new Family("update/non-object", 2, r -> nonObject(r, "PUT")),
            new Family("update/trailing-text", 2, r -> trailingText(r, "PUT")),
            new Family("update/wrong-type", 5, this::putWrongType),
            new Family("update/foreign-uid", 2, this::putForeignUid),
            new Family("update/resource-version", 2, this::putResourceVersion),
            new Family("update/name-mismatch", 1, this::putNameMismatch),
            new Family("update/system-fields", 2, this::putSystemFields),
            new Family("patch/wrong-type", 5, this::patchWrongType),
            new Family("patch/non-object", 3, this::patchNonObject),
            new Family("patch/json-patch", 3, this::patchJsonPatch),
            new Family("patch/system-fields", 4, this::patchSystemFields),
            new Family("patch/apply", 3, this::patchApply),
            new Family("patch/content-type", 1, this::patchContentType),
            new Family("patch/unknown-field", 2, this::patchUnknownField),
            new Family("patch/owner-reference", 2, this::patchOwnerReference),
            new Family("delete/options", 4, this::deleteOptions),
            new Family("list/parameters", 6, this::listParameters),
            new Family("watch/parameters", 3, this::watchParameters),
            new Family("http/protocol", 2, this::protocol),
            new Family("http/public-endpoints", 2, this::publicEndpoints));
    private final int totalWeight = families.stream().mapToInt(Family::weight).sum();

    private int index;
    private String family;
    private KindTemplate kind;

    public BadInputGenerator(long seed) {
        this.seed = seed;
    }

    /** The first {@code count} requests of this seed's sequence. */
    public List<BadRequest> generate(int count) {
        Random random = new Random(seed);
        List<BadRequest> requests = new ArrayList<>(count);
        for (index = 0; index < count; index++) {
            int pick = random.nextInt(totalWeight);
            Family chosen = null;
            for (Family candidate : families) {
                pick -= candidate.weight();
                if (pick < 0) {
                    chosen = candidate;
                    break;
                }
            }
            family = chosen.name();
            kind = kinds.get(random.nextInt(kinds.size()));
            requests.add(chosen.make().apply(random));
        }
        return requests;
    }

    /** The kinds the generator covers (the runner creates one fixture of each). */
    static List<KindTemplate> kinds() {
        return KindTemplate.all();
    }

    static String fixtureName() {
        return FIXTURE;
    }

    private record Family(String name, int weight, Function<Random, BadRequest> make) {
    }

    // ---- building blocks

    private String newName() {
        return "b" + index;
    }

    private BadRequest create(String body, String contentType, String query, Expectation expectation) {
        return new BadRequest(index, family, kind.kind(), "POST", kind.collectionPath() + query, contentType, List.of(),
                body, false, false, Target.NEW, newName(), expectation);
    }

    private BadRequest create(JsonNode body, Expectation expectation) {
        return create(body.toString(), "application/json", "", expectation);
    }

    private BadRequest onFixture(String method, String body, String contentType, String query, Expectation expectation) {
        return new BadRequest(index, family, kind.kind(), method, kind.objectPath(BadRequest.NAME) + query, contentType,
                List.of(), body, false, false, Target.FIXTURE, null, expectation);
    }

    private ObjectNode newObject() {
        return kind.object(BadRequest.NAME);
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** Leaves whose JSON type the generator may change: not apiVersion/kind, not number-or-string fields. */
    private List<JsonTrees.Leaf> typedLeaves(ObjectNode object) {
        return JsonTrees.leaves(object).stream()
                .filter(leaf -> !leaf.pointer().equals("/apiVersion") && !leaf.pointer().equals("/kind"))
                .filter(leaf -> java.util.Arrays.stream(leaf.pointer().split("/")).noneMatch(KindTemplate.NUMBER_OR_STRING::contains))
                .toList();
    }

    /** A value of another JSON type than {@code value}, and the Go type word kube-apiserver's message uses for it. */
    private static JsonNode otherType(Random random, JsonNode value) {
        List<JsonNode> candidates = new ArrayList<>(List.of(IntNode.valueOf(123), BooleanNode.TRUE, NODES.objectNode(),
                NODES.arrayNode().add("x"), TextNode.valueOf("x"), NODES.numberNode(1.5)));
        candidates.removeIf(candidate -> candidate.getNodeType() == value.getNodeType());
        return pick(random, candidates);
    }

    // ---- create

    private BadRequest createWrongType(Random random) {
        ObjectNode object = newObject();
        List<JsonTrees.Leaf> leaves = typedLeaves(object);
        JsonTrees.Leaf leaf = pick(random, leaves);
        JsonNode replacement = otherType(random, leaf.value());
        JsonTrees.set(object, leaf.pointer(), replacement);
        Expectation expectation = Expectation.of(400);
        if (leaf.value().isTextual() && replacement.isNumber()) {
            // kube-apiserver: json: cannot unmarshal number into Go struct field X.<path> of type string
            expectation = expectation.message(leaf.fieldName());
        }
        return create(object, expectation);
    }

    private BadRequest createNullLeaf(Random random) {
        ObjectNode object = newObject();
        JsonTrees.Leaf leaf = pick(random, typedLeaves(object));
        JsonTrees.set(object, leaf.pointer(), NullNode.instance);
        // Go decodes null as the zero value: accepted, or invalid when the field is required.
        return create(object, Expectation.of(201, 400, 422));
    }

    private BadRequest createNullInMap(Random random) {
        ObjectNode object = newObject();
        String map = pick(random, kind.mapFields());
        JsonTrees.object(object, map).putNull("nulled");
        // Kubernetes stores "" for a null string in a map (labels and selectors accept ""); never a null.
        return create(object, Expectation.of(201, 400, 422));
    }

    private BadRequest createNullInList(Random random) {
        ObjectNode object = newObject();
        if (kind.listFields().isEmpty()) {
            ((ObjectNode) object.path("metadata")).putArray("finalizers").addNull();
            return create(object, Expectation.of(201, 400, 422));
        }
        String list = pick(random, kind.listFields());
        ArrayNode array = JsonTrees.array(object, list);
        if (random.nextBoolean() || array.isEmpty()) {
            array.addNull();
        } else {
            array.set(0, NullNode.instance);
        }
        // A null struct item is a zero value that validation refuses (containers: [null] is 422 in Kubernetes);
        // a null string item is "".
        boolean structItems = list.endsWith("containers") || list.endsWith("env") || list.endsWith("ports")
                || list.endsWith("subsets") || list.endsWith("addresses");
        return create(object, structItems ? Expectation.of(400, 422) : Expectation.of(201, 400, 422));
    }

    private BadRequest trailingText(Random random, String method) {
        String body = (method.equals("POST") ? newObject() : kind.object(BadRequest.NAME)).toString() + pick(random, TRAILERS);
        return method.equals("POST")
                ? create(body, "application/json", "", Expectation.of(400))
                : onFixture("PUT", body, "application/json", "", Expectation.of(400));
    }

    private BadRequest nonObject(Random random, String method) {
        String body = pick(random, NON_OBJECTS);
        // kube-apiserver decodes "null" into an empty object: a create then lacks its name (422).
        Expectation expected = body.equals("null") && method.equals("POST") ? Expectation.of(400, 422) : Expectation.of(400);
        return method.equals("POST")
                ? create(body, "application/json", "", expected)
                : onFixture("PUT", body, "application/json", "", expected);
    }

    private BadRequest createEmptyObject(Random random) {
        return create("{}", "application/json", "", Expectation.of(400, 422));
    }

    private BadRequest createHugeString(Random random) {
        ObjectNode object = newObject();
        String huge = "h".repeat(300_000 + random.nextInt(1000));
        int where = random.nextInt(4);
        if (where == 0) {
            ((ObjectNode) object.path("metadata")).put("name", huge);
            return create(object, Expectation.of(400, 422));
        }
        if (where == 1) {
            ((ObjectNode) object.path("metadata").path("labels")).put("big", huge.substring(0, 64 + random.nextInt(200)));
            return create(object, Expectation.of(422));
        }
        if (where == 2) {
            ((ObjectNode) object.path("metadata").path("annotations")).put("big", huge);
            // Annotations may total 256 KiB.
            return create(object, Expectation.of(422));
        }
        // Values without a limit of their own: Kubernetes stores them.
        switch (kind.kind()) {
            case "ConfigMap" -> JsonTrees.object(object, "/data").put("big", huge);
            case "Secret" -> JsonTrees.object(object, "/stringData").put("big", huge);
            case "Pod" -> JsonTrees.set(object, "/spec/containers/0/command/1", TextNode.valueOf(huge));
            case "Deployment" -> JsonTrees.set(object, "/spec/template/spec/containers/0/env/0/value", TextNode.valueOf(huge));
            default -> ((ObjectNode) object.path("metadata").path("annotations")).put("modest", huge.substring(0, 100_000));
        }
        return create(object, Expectation.of(201));
    }

    private BadRequest createControlCharacters(Random random) {
        ObjectNode object = newObject();
        String control = pick(random, List.of("\u0000", "\u0007", "\u001b[31m", "\u007f", "\ud800", "\u2028", "\ufeff"));
        int where = random.nextInt(3);
        if (where == 0) {
            ((ObjectNode) object.path("metadata")).put("name", "a" + control + "b");
            return create(object, Expectation.of(400, 422));
        }
        if (where == 1) {
            ((ObjectNode) object.path("metadata").path("labels")).put("ctl", "a" + control + "b");
            return create(object, Expectation.of(422));
        }
        ((ObjectNode) object.path("metadata").path("annotations")).put("ctl", "a" + control + "b");
        if (kind.kind().equals("ConfigMap")) {
            JsonTrees.object(object, "/data").put("ctl", control + "x" + control);
        }
        // Kubernetes stores any string in annotations and data.
        return create(object, Expectation.of(201));
    }

    private BadRequest createInvalidName(Random random) {
        ObjectNode object = newObject();
        String name = pick(random, List.of("UPPER", "a_b", "-a", "a-", "a".repeat(254), "a b", "..", ".", "a/b", "a%b",
                "a:b", "ä", "a\tb"));
        ((ObjectNode) object.path("metadata")).put("name", name);
        return new BadRequest(index, family, kind.kind(), "POST", kind.collectionPath(), "application/json", List.of(),
                object.toString(), false, false, Target.NONE, null, Expectation.of(400, 422));
    }

    private BadRequest createInvalidLabel(Random random) {
        ObjectNode object = newObject();
        boolean key = random.nextBoolean();
        ObjectNode map = (ObjectNode) object.path("metadata").path(random.nextInt(4) == 0 && key ? "annotations" : "labels");
        if (key) {
            map.put(pick(random, List.of("-a", "a/b/c", "a".repeat(64), "", "ex ample", "k8s.io/", "/a", "a..b/c", "UPPER.io/a_")), "v");
        } else {
            map.put("k", pick(random, List.of("-a", "a".repeat(64), "a b", "ä", "a/b", "a_", ".a")));
        }
        return create(object, Expectation.of(422));
    }

    private BadRequest createBadBase64(Random random) {
        ObjectNode object = newObject();
        String bad = pick(random, List.of("not base64!", "YQ", "Y", "====", "YW=J", "%%%", "YWJj*"));
        boolean secret = random.nextBoolean();
        kind = kinds.stream().filter(k -> k.kind().equals(secret ? "Secret" : "ConfigMap")).findFirst().orElseThrow();
        object = newObject();
        JsonTrees.object(object, secret ? "/data" : "/binaryData").put("bad", bad);
        // json: illegal base64 data at input byte N
        return create(object, Expectation.of(400));
    }

    private BadRequest createOwnerReference(Random random) {
        ObjectNode object = newObject();
        ObjectNode valid = NODES.objectNode().put("apiVersion", "v1").put("kind", "ConfigMap").put("name", "owner")
                .put("uid", "0f4e9c2a-5c55-4c7a-9c3e-7e1f1a2b3c4d");
        ArrayNode references = ((ObjectNode) object.path("metadata")).putArray("ownerReferences");
        int variant = random.nextInt(9);
        Expectation expected = Expectation.of(422);
        switch (variant) {
            case 0 -> references.add(NODES.objectNode());
            case 1 -> references.add(valid.deepCopy().without("uid"));
            case 2 -> references.add(valid.deepCopy().without("name"));
            case 3 -> references.add(valid.deepCopy().without("kind"));
            case 4 -> references.add(valid.deepCopy().without("apiVersion"));
            case 5 -> references.add(valid.deepCopy().put("controller", true)).add(valid.deepCopy().put("name", "o2")
                    .put("uid", "1f4e9c2a-5c55-4c7a-9c3e-7e1f1a2b3c4d").put("controller", true));
            case 6 -> {
                references.add(valid.deepCopy().put("controller", "yes"));
                expected = Expectation.of(400);
            }
            case 7 -> {
                ((ObjectNode) object.path("metadata")).put("ownerReferences", "junk");
                expected = Expectation.of(400);
            }
            default -> references.add(valid.deepCopy().put("apiVersion", "a/b/c"));
        }
        return create(object, expected);
    }

    private BadRequest createUnknownField(Random random) {
        ObjectNode object = newObject();
        String where = pick(random, List.of("", "/metadata", kind.kind().equals("ConfigMap") || kind.kind().equals("Secret")
                || kind.kind().equals("ServiceAccount") || kind.kind().equals("Namespace") || kind.kind().equals("Endpoints")
                ? "" : "/spec"));
        ((ObjectNode) object.at(where)).put("surprise", 1);
        String field = (where.isEmpty() ? "" : where.substring(1).replace('/', '.') + ".") + "surprise";
        return fieldValidation(random, object.toString(), "unknown field \"" + field + "\"");
    }

    private BadRequest createDuplicateField(Random random) {
        ObjectNode object = newObject();
        String json = object.toString();
        String duplicated;
        String field;
        if (random.nextBoolean()) {
            // The first "metadata" loses to the real one, which follows.
            duplicated = "{\"metadata\":{\"name\":\"loser\"}," + json.substring(1);
            field = "metadata";
        } else {
            duplicated = json.replaceFirst("\"name\":\"" + BadRequest.NAME + "\"",
                    "\"name\":\"loser\",\"name\":\"" + BadRequest.NAME + "\"");
            field = "metadata.name";
        }
        return fieldValidation(random, duplicated, "duplicate field \"" + field + "\"");
    }

    /** The same body under each fieldValidation directive. */
    private BadRequest fieldValidation(Random random, String body, String message) {
        int directive = random.nextInt(5);
        return switch (directive) {
            case 0 -> create(body, "application/json", "?fieldValidation=Strict", Expectation.of(400).message(message));
            case 1 -> create(body, "application/json", "?fieldValidation=Warn", Expectation.of(201).warning(true).message(message));
            case 2 -> create(body, "application/json", "?fieldValidation=Ignore", Expectation.of(201).warning(false));
            case 3 -> create(body, "application/json", "?fieldValidation=Bogus", Expectation.of(400));
            default -> create(body, "application/json", "", Expectation.of(201).warning(true).message(message));
        };
    }

    private BadRequest createContentType(Random random) {
        String contentType = pick(random, List.of("*/*", "text/plain", "application/xml", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x", "application/merge-patch+json", "application/json-patch+json",
                "application/apply-patch+yaml", "image/png", "application/*", "garbage"));
        return create(newObject().toString(), contentType, "", Expectation.of(415));
    }

    private BadRequest createTypeMeta(Random random) {
        ObjectNode object = newObject();
        switch (random.nextInt(5)) {
            case 0 -> object.put("kind", kind.kind().equals("Pod") ? "ConfigMap" : "Pod");
            case 1 -> object.put("apiVersion", "v2");
            case 2 -> object.put("apiVersion", "nope.example.com/v1");
            case 3 -> object.put("kind", 5);
            default -> ((ObjectNode) object.path("metadata")).put("namespace", kind.namespaced() ? "other-namespace" : "x");
        }
        boolean clusterNamespace = !kind.namespaced() && object.path("metadata").has("namespace");
        // A cluster-scoped object's namespace is cleared by Kubernetes.
        return create(object, clusterNamespace ? Expectation.of(201) : Expectation.of(400));
    }

    private BadRequest createSystemFields(Random random) {
        ObjectNode object = newObject();
        ObjectNode metadata = (ObjectNode) object.path("metadata");
        switch (random.nextInt(5)) {
            case 0 -> {
                metadata.put("creationTimestamp", "not a time");
                return create(object, Expectation.of(400));
            }
            case 1 -> metadata.put("uid", FOREIGN_UID);
            case 2 -> metadata.put("creationTimestamp", "2001-01-01T00:00:00Z");
            case 3 -> metadata.put("generation", 42);
            default -> metadata.put("selfLink", "/junk");
        }
        // Kubernetes sets uid, creationTimestamp and generation itself on create.
        return create(object, Expectation.of(201));
    }

    // ---- update

    private BadRequest putEmptyObject(Random random) {
        // The name on the URL does not match the (missing) name in the body.
        return onFixture("PUT", pick(random, List.of("{}", "{\"metadata\":{}}", "{\"apiVersion\":\"" + kind.apiVersion() + "\"}")),
                "application/json", "", Expectation.of(400));
    }

    private BadRequest putWrongType(Random random) {
        ObjectNode object = kind.object(BadRequest.NAME);
        JsonTrees.Leaf leaf = pick(random, typedLeaves(object).stream().filter(l -> !l.pointer().equals("/metadata/name")).toList());
        JsonNode replacement = otherType(random, leaf.value());
        JsonTrees.set(object, leaf.pointer(), replacement);
        Expectation expectation = Expectation.of(400);
        if (leaf.value().isTextual() && replacement.isNumber()) {
            expectation = expectation.message(leaf.fieldName());
        }
        return onFixture("PUT", object.toString(), "application/json", "", expectation);
    }

    private BadRequest putForeignUid(Random random) {
        ObjectNode object = kind.object(BadRequest.NAME);
        ((ObjectNode) object.path("metadata")).put("uid", FOREIGN_UID);
        return onFixture("PUT", object.toString(), "application/json", "", Expectation.of(409));
    }

    private BadRequest putResourceVersion(Random random) {
        ObjectNode object = kind.object(BadRequest.NAME);
        String version = pick(random, List.of("abc", "-1", "0", "1", "99999999999999999999", " ", "1.5"));
        ((ObjectNode) object.path("metadata")).put("resourceVersion", version);
        // A well-formed stale version conflicts; a malformed one is a bad request.
        return onFixture("PUT", object.toString(), "application/json", "", Expectation.of(400, 409, 422));
    }

    private BadRequest putNameMismatch(Random random) {
        return onFixture("PUT", kind.object("someone-else").toString(), "application/json", "", Expectation.of(400));
    }

    private BadRequest putSystemFields(Random random) {
        ObjectNode object = kind.object(BadRequest.NAME);
        ObjectNode metadata = (ObjectNode) object.path("metadata");
        if (random.nextBoolean()) {
            metadata.put("creationTimestamp", "2001-01-01T00:00:00Z");
            return onFixture("PUT", object.toString(), "application/json", "",
                    Expectation.of(200, 422).unchanged("/metadata/creationTimestamp"));
        }
        metadata.put("generation", 4242);
        return onFixture("PUT", object.toString(), "application/json", "",
                Expectation.of(200, 422).unchanged("/metadata/generation"));
    }

    // ---- patch

    private static final List<String> PATCH_TYPES = List.of("application/merge-patch+json",
            "application/strategic-merge-patch+json");

    private BadRequest patch(String contentType, String body, String query, Expectation expectation) {
        return onFixture("PATCH", body, contentType, query, expectation);
    }

    private BadRequest patchWrongType(Random random) {
        ObjectNode object = kind.object(BadRequest.NAME);
        JsonTrees.Leaf leaf = pick(random, typedLeaves(object).stream().filter(l -> !l.pointer().equals("/metadata/name")).toList());
        JsonNode replacement = otherType(random, leaf.value());
        // The patch holds only the path to the leaf.
        ObjectNode patch = NODES.objectNode();
        String[] parts = leaf.pointer().substring(1).split("/");
        if (java.util.Arrays.stream(parts).anyMatch(part -> part.chars().allMatch(Character::isDigit))) {
            JsonTrees.set(object, leaf.pointer(), replacement);
            patch = object;
        } else {
            ObjectNode at = patch;
            for (int i = 0; i < parts.length - 1; i++) {
                at = at.putObject(parts[i].replace("~1", "/").replace("~0", "~"));
            }
            at.set(parts[parts.length - 1].replace("~1", "/").replace("~0", "~"), replacement);
        }
        return patch(pick(random, PATCH_TYPES), patch.toString(), "", Expectation.of(400, 422));
    }

    private BadRequest patchNonObject(Random random) {
        String body = random.nextBoolean() ? pick(random, NON_OBJECTS)
                : "{\"metadata\":{\"labels\":{\"x\":\"y\"}}}" + pick(random, TRAILERS);
        String type = pick(random, PATCH_TYPES);
        // JSON merge patch "null" asks to replace the object by null, which cannot be decoded.
        return patch(type, body, "", Expectation.of(400, 422));
    }

    private BadRequest patchJsonPatch(Random random) {
        String body = pick(random, List.of("{}", "[{\"op\":\"bogus\",\"path\":\"/metadata\"}]",
                "[{\"op\":\"replace\",\"path\":\"/nope/x\",\"value\":1}]", "[{\"op\":\"add\"}]", "[1]", "[null]",
                "[{\"op\":\"test\",\"path\":\"/metadata/name\",\"value\":\"other\"}]",
                "[{\"op\":\"replace\",\"path\":\"/metadata/labels/app\",\"value\":7}]",
                "[{\"op\":\"remove\",\"path\":\"/metadata/name\"}]",
                "[{\"op\":\"move\",\"from\":\"/metadata/nope\",\"path\":\"/metadata/x\"}]",
                "[{\"op\":\"add\",\"path\":\"/metadata/labels/a\",\"value\":\"b\"}] trailing"));
        return patch("application/json-patch+json", body, "", Expectation.of(400, 409, 422));
    }

    private BadRequest patchSystemFields(Random random) {
        String type = pick(random, PATCH_TYPES);
        return switch (random.nextInt(4)) {
            // uid is immutable: 422 "field is immutable".
            case 0 -> patch(type, "{\"metadata\":{\"uid\":\"" + FOREIGN_UID + "\"}}", "", Expectation.of(422));
            // kube-apiserver keeps the old creationTimestamp and generation whatever an update says.
            case 1 -> patch(type, "{\"metadata\":{\"creationTimestamp\":\"2001-01-01T00:00:00Z\"}}", "",
                    Expectation.of(200).unchanged("/metadata/creationTimestamp"));
            case 2 -> patch(type, "{\"metadata\":{\"generation\":4242}}", "", Expectation.of(200).unchanged("/metadata/generation"));
            default -> patch("application/json-patch+json",
                    "[{\"op\":\"replace\",\"path\":\"/metadata/uid\",\"value\":\"" + FOREIGN_UID + "\"}]", "", Expectation.of(422));
        };
    }

    private BadRequest patchApply(Random random) {
        ObjectNode object = kind.object(BadRequest.NAME);
        return switch (random.nextInt(5)) {
            // fieldManager is required for apply patches.
            case 0 -> patch("application/apply-patch+yaml", object.toString(), "", Expectation.of(400));
            case 1 -> patch("application/apply-patch+yaml", pick(random, NON_OBJECTS), "?fieldManager=badinput", Expectation.of(400, 422));
            case 2 -> {
                ((ObjectNode) object.path("metadata").path("labels")).put("app", 5);
                yield patch("application/apply-patch+yaml", object.toString(), "?fieldManager=badinput", Expectation.of(400, 422));
            }
            case 3 -> patch("application/apply-patch+yaml", "apiVersion: " + kind.apiVersion() + "\nkind: " + kind.kind()
                    + "\nmetadata:\n  name: " + BadRequest.NAME + "\n  finalizers:\n  - \n", "?fieldManager=badinput",
                    Expectation.of(200, 400, 422));
            default -> patch("application/apply-patch+yaml", "metadata:\n  name: " + BadRequest.NAME + "\n",
                    "?fieldManager=badinput", Expectation.of(400));
        };
    }

    private BadRequest patchContentType(Random random) {
        String type = pick(random, List.of("*/*", "application/json", "text/plain", "application/yaml", "application/*"));
        return patch(type, "{\"metadata\":{\"labels\":{\"x\":\"y\"}}}", "", Expectation.of(415));
    }

    private BadRequest patchUnknownField(Random random) {
        String body = "{\"metadata\":{\"labels\":{\"x\":\"y\"}},\"surprise\":1}";
        String type = pick(random, PATCH_TYPES);
        return switch (random.nextInt(3)) {
            case 0 -> patch(type, body, "?fieldValidation=Strict", Expectation.of(400).message("surprise"));
            case 1 -> patch(type, body, "?fieldValidation=Ignore", Expectation.of(200).warning(false));
            default -> patch(type, body, "", Expectation.of(200).warning(true).message("surprise"));
        };
    }

    private BadRequest patchOwnerReference(Random random) {
        String reference = pick(random, List.of("{}", "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"name\":\"o\"}",
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"uid\":\"0f4e9c2a-5c55-4c7a-9c3e-7e1f1a2b3c4d\"}"));
        return patch("application/merge-patch+json", "{\"metadata\":{\"ownerReferences\":[" + reference + "]}}", "",
                Expectation.of(422));
    }

    // ---- delete

    private BadRequest deleteOptions(Random random) {
        String body = null;
        String query = "";
        Expectation expected;
        switch (random.nextInt(10)) {
            case 0 -> {
                body = pick(random, NON_OBJECTS.stream().filter(b -> !b.equals("null")).toList());
                expected = Expectation.of(400);
            }
            case 1 -> {
                body = "{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\"}" + pick(random, TRAILERS);
                expected = Expectation.of(400);
            }
            case 2 -> {
                body = "{\"propagationPolicy\":\"Bogus\"}";
                expected = Expectation.of(422);
            }
            case 3 -> {
                query = "?propagationPolicy=Sideways";
                expected = Expectation.of(422);
            }
            case 4 -> {
                body = "{\"gracePeriodSeconds\":\"soon\"}";
                expected = Expectation.of(400);
            }
            case 5 -> {
                query = "?gracePeriodSeconds=soon";
                expected = Expectation.of(400);
            }
            case 6 -> {
                body = "{\"preconditions\":{\"uid\":\"" + FOREIGN_UID + "\"}}";
                expected = Expectation.of(409);
            }
            case 7 -> {
                body = "{\"preconditions\":{\"resourceVersion\":\"1\"}}";
                expected = Expectation.of(409);
            }
            case 8 -> {
                query = "?dryRun=Bogus";
                expected = Expectation.of(400);
            }
            default -> {
                query = "?dryRun=All";
                expected = Expectation.of(200).storingNothing();
            }
        }
        return new BadRequest(index, family, kind.kind(), "DELETE", kind.objectPath(BadRequest.NAME) + query,
                body == null ? null : "application/json", List.of(), body, false, false, Target.VICTIM, null, expected);
    }

    // ---- list and watch

    private BadRequest get(String query, Expectation expected) {
        return new BadRequest(index, family, kind.kind(), "GET", kind.collectionPath() + query, null, List.of(), null,
                false, false, Target.NONE, null, expected);
    }

    /**
     * Kubernetes: parameters that do not parse (limit, timeoutSeconds) and bad continue tokens are 400; ListOptions
     * that parse but contradict each other (resourceVersionMatch) are 422 Invalid; boolean parameters are true for any
     * value but "0" and "false", so {@code watch=maybe} is a watch.
     */
    private BadRequest listParameters(Random random) {
        return switch (random.nextInt(16)) {
            case 0 -> get("?resourceVersion=abc", Expectation.of(400, 422));
            case 1 -> get("?resourceVersion=-1", Expectation.of(400, 422));
            case 2 -> get("?resourceVersionMatch=Bogus&resourceVersion=1", Expectation.of(422));
            case 3 -> get("?resourceVersionMatch=Exact", Expectation.of(422));
            case 4 -> get("?resourceVersionMatch=NotOlderThan", Expectation.of(422));
            case 5 -> get("?continue=" + pick(random, List.of("junk", "%00", "eyJ2IjoibWV0YS5rOHMuaW8vdjEifQ", "e30")), Expectation.of(400));
            case 6 -> get("?limit=abc", Expectation.of(400));
            case 7 -> get("?timeoutSeconds=soon", Expectation.of(400));
            case 8 -> get("?labelSelector=" + pick(random, List.of("a%20in%20b", "%3Dx", "a%3D%3D%3Db", "!", "a%20notin%20(", "x,", "-a%3Db")),
                    Expectation.of(400));
            case 9 -> get("?fieldSelector=" + pick(random, List.of("x", "metadata.name%3D%3D%3Da", "spec.nope%3Dx")), Expectation.of(400));
            case 10 -> get("?continue=junk&resourceVersion=5", Expectation.of(400));
            case 11 -> get("?limit=-1", Expectation.of(200));
            case 12 -> get("?watch=" + pick(random, List.of("maybe", "2", "yes", "")) + "&timeoutSeconds=1", Expectation.of(200));
            case 13 -> get("?allowWatchBookmarks=maybe", Expectation.of(200));
            case 14 -> get("?resourceVersionMatch=Exact&resourceVersion=0", Expectation.of(422));
            default -> get("?" + "labelSelector=" + "a".repeat(100) + "%3Db&limit=1", Expectation.of(400));
        };
    }

    private BadRequest watchParameters(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> get("?watch=true&resourceVersion=abc&timeoutSeconds=1", Expectation.of(400, 422));
            case 1 -> get("?watch=true&timeoutSeconds=soon", Expectation.of(400));
            case 2 -> get("?watch=true&resourceVersionMatch=NotOlderThan&resourceVersion=1&timeoutSeconds=1", Expectation.of(422));
            case 3 -> get("?watch=true&timeoutSeconds=1&labelSelector=a%20in%20b", Expectation.of(400));
            default -> get("?watch=1&timeoutSeconds=1&resourceVersion=0", Expectation.of(200));
        };
    }

    // ---- protocol and public endpoints

    private BadRequest raw(String method, String path, List<String> headers, Expectation expected) {
        return new BadRequest(index, family, null, method, path, null, headers, null, false, true, Target.NONE, null, expected);
    }

    private BadRequest protocol(Random random) {
        return switch (random.nextInt(7)) {
            case 0 -> raw("CONNECT", kind.collectionPath(), List.of(), Expectation.of(405));
            case 1 -> raw("GET", kind.collectionPath() + "?labelSelector=" + "a".repeat(2_000_000), List.of(),
                    Expectation.of(414, 431));
            case 2 -> raw("GET", kind.collectionPath(), List.of("X-Padding", "p".repeat(2_000_000)), Expectation.of(431));
            // A long but legal URL (kube-apiserver takes 1 MiB of request line and headers): answered normally.
            case 3 -> raw("GET", kind.collectionPath() + "?labelSelector=a%3D" + "b".repeat(20_000), List.of(), Expectation.of(400));
            case 4 -> raw("TRACE", kind.collectionPath(), List.of(), Expectation.of(405));
            case 5 -> new BadRequest(index, family, null, "GET", kind.collectionPath(), null,
                    List.of("Accept", pick(random, List.of("application/garbage", "text/html", "image/png"))), null, false, false,
                    Target.NONE, null, Expectation.of(406));
            default -> raw("GET", kind.collectionPath(), List.of("X-Many", "m".repeat(20_000)), Expectation.of(200));
        };
    }

    private BadRequest publicEndpoints(Random random) {
        String path = pick(random, List.of("/version", "/readyz", "/livez", "/healthz", "/readyz?verbose"));
        String accept = pick(random, List.of("application/json", "application/xml", "text/html", "*/*",
                "application/vnd.kubernetes.protobuf", "image/png", "text/plain"));
        boolean anonymous = path.equals("/version") || random.nextBoolean();
        return new BadRequest(index, family, null, "GET", path, null, List.of("Accept", accept), null, anonymous, false,
                Target.NONE, null, Expectation.of(200));
    }
}
