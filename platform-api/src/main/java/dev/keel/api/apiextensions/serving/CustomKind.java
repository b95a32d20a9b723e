package dev.keel.api.apiextensions.serving;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.api.resource.ResourceType;
import java.util.List;

/**
 * One served version of a CustomResourceDefinition: the {@link ResourceType} requests are routed with, and what
 * the CRD says about objects of that version (schema, printer columns, selectable fields, scale paths).
 *
 * @param type             the served type (group, version, plural, scope, names, subresources)
 * @param crdName          the CRD's name, {@code plural.group}
 * @param crdUid           the CRD's uid: a CRD deleted and made again is another definition
 * @param crdGeneration    the CRD's generation, which moves with every change of its spec
 * @param storageVersion   the version objects are stored at
 * @param schema           the version's {@code openAPIV3Schema}, or null when it declares none
 * @param printerColumns   {@code additionalPrinterColumns}
 * @param selectableFields field labels ({@code spec.color}) usable in field selectors, besides metadata.name/namespace
 * @param scale            the scale subresource's paths, or null when it has none
 */
public record CustomKind(ResourceType type, String crdName, String crdUid, long crdGeneration, String storageVersion,
        JsonNode schema, List<PrinterColumn> printerColumns, List<String> selectableFields, ScalePaths scale) {

    /** The apiVersion objects are stored with. */
    public String storageApiVersion() {
        return type.group() + "/" + storageVersion;
    }

    /** One {@code additionalPrinterColumns} entry. */
    public record PrinterColumn(String name, String type, String format, String description, int priority,
            String jsonPath) {
    }

    /** {@code subresources.scale}: JSON paths such as {@code .spec.replicas}; labelSelectorPath may be null. */
    public record ScalePaths(String specReplicasPath, String statusReplicasPath, String labelSelectorPath) {
    }
}
