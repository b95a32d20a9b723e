package dev.keel.api.apiextensions.schema;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelOptions;
import dev.cel.common.types.CelType;
import dev.cel.common.types.OptionalType;
import dev.cel.extensions.CelExtensions;
import dev.cel.extensions.CelOptionalLibrary;
import dev.cel.parser.CelStandardMacro;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The CEL environment of a rule: {@code self} (and {@code oldSelf}, an optional when the rule sets
 * {@code optionalOldSelf}) typed from the schema, Kubernetes' library subset. Environments are shared between rules
 * whose {@code self} has the same type.
 */
final class CelEnvironments {

    static final CelOptions OPTIONS = CelOptions.current()
            .enableOptionalSyntax(true)
            .enableHeterogeneousNumericComparisons(true)
            .build();

    private static final Map<Key, Cel> CACHE = new ConcurrentHashMap<>();

    private record Key(CelType self, boolean optionalOldSelf) {
    }

    private CelEnvironments() {
    }

    static Cel forSelf(CelType self, boolean optionalOldSelf) {
        return CACHE.computeIfAbsent(new Key(self, optionalOldSelf), CelEnvironments::build);
    }

    private static Cel build(Key key) {
        return CelFactory.standardCelBuilder()
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .setOptions(OPTIONS)
                .addCompilerLibraries(CelExtensions.strings(), CelExtensions.sets(OPTIONS), CelOptionalLibrary.INSTANCE)
                .addRuntimeLibraries(CelExtensions.strings(), CelExtensions.sets(OPTIONS), CelOptionalLibrary.INSTANCE)
                .addFunctionDeclarations(KubernetesCelLibrary.DECLARATIONS)
                .addFunctionBindings(KubernetesCelLibrary.BINDINGS)
                .addVar("self", key.self())
                .addVar("oldSelf", key.optionalOldSelf() ? OptionalType.create(key.self()) : key.self())
                .build();
    }
}
