package dev.keel.api.admission.cel;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.extensions.CelStringExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The CEL environment of admission (matchConditions, ValidatingAdmissionPolicy validations, messages, variables and
 * audit annotations), on cel-java.
 *
 * <p>Variables, all {@code dyn} (values from {@link CelValues}): {@code object}, {@code oldObject}, {@code request}
 * (the AdmissionReview request), {@code namespaceObject}, {@code variables} (a map of the policy's composited
 * variables) and, where a paramKind is set, {@code params}. {@code authorizer} is NOT declared: keel has no
 * authorization yet (issue 16), so an expression naming it fails to compile rather than being allowed silently.
 *
 * <p>Functions: CEL's standard ones and macros, cel-java's string extensions ({@code lowerAscii}, {@code upperAscii},
 * {@code split}, {@code join}, {@code replace}, {@code substring}, {@code trim}, {@code charAt}), {@code math.greatest}/
 * {@code math.least}, {@code sets.contains/equivalent/intersects}, and Kubernetes' list library ({@link
 * KubernetesLists}). Not available: Kubernetes' quantity, url, ip/cidr, regex {@code find}, format and authorizer
 * libraries.
 *
 * <p>Limits: an expression is at most {@link #MAX_EXPRESSION_LENGTH} characters and nests at most 100 deep (checked when
 * it compiles); at run time each evaluation of a configuration's expressions for one request shares a {@link Budget}
 * of {@link #RUNTIME_COST_BUDGET} evaluation steps, and a comprehension iterates at most {@link #MAX_ITERATIONS} times.
 */
public final class AdmissionCel {

    /** Kubernetes' {@code RuntimeCELCostBudget}; here counted in evaluation steps rather than cel-go's cost units. */
    public static final long RUNTIME_COST_BUDGET = 10_000_000;
    public static final int MAX_EXPRESSION_LENGTH = 100_000;
    public static final int MAX_ITERATIONS = 1_000_000;

    /** What an expression must evaluate to. */
    public enum Result {
        BOOL(Set.of(SimpleType.BOOL), "bool"),
        STRING(Set.of(SimpleType.STRING), "string"),
        STRING_OR_NULL(Set.of(SimpleType.STRING, SimpleType.NULL_TYPE), "one of [string null_type]"),
        ANY(Set.of(), "");

        private final Set<CelType> types;
        private final String words;

        Result(Set<CelType> types, String words) {
            this.types = types;
            this.words = words;
        }

        boolean accepts(CelType type) {
            return types.isEmpty() || type.equals(SimpleType.DYN) || types.contains(type);
        }
    }

    private static final AdmissionCel INSTANCE = new AdmissionCel();

    private final CelOptions options = CelOptions.current()
            .enableHeterogeneousNumericComparisons(true)
            .maxExpressionCodePointSize(MAX_EXPRESSION_LENGTH)
            .maxParseRecursionDepth(100)
            .comprehensionMaxIterations(MAX_ITERATIONS)
            .build();
    private final CelCompiler withParams = compiler(true);
    private final CelCompiler withoutParams = compiler(false);
    private final CelRuntime runtime = CelRuntimeFactory.standardCelRuntimeBuilder()
            .setOptions(options)
            .addLibraries(strings(), CelExtensions.math(options), CelExtensions.sets(options))
            .addFunctionBindings(KubernetesLists.bindings())
            .build();

    private AdmissionCel() {
    }

    public static AdmissionCel get() {
        return INSTANCE;
    }

    private CelCompiler compiler(boolean params) {
        CelCompilerBuilder builder = CelCompilerFactory.standardCelCompilerBuilder()
                .setOptions(options)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addLibraries(strings(), CelExtensions.math(options), CelExtensions.sets(options))
                .addFunctionDeclarations(KubernetesLists.declarations())
                .addVar("object", SimpleType.DYN)
                .addVar("oldObject", SimpleType.DYN)
                .addVar("request", SimpleType.DYN)
                .addVar("namespaceObject", SimpleType.DYN)
                .addVar("variables", MapType.create(SimpleType.STRING, SimpleType.DYN));
        if (params) {
            builder.addVar("params", SimpleType.DYN);
        }
        return builder.build();
    }

    /** The string extension without indexOf/lastIndexOf, which {@link KubernetesLists} declares with list forms. */
    private static CelStringExtensions strings() {
        return CelExtensions.strings(CelStringExtensions.Function.CHAR_AT, CelStringExtensions.Function.JOIN,
                CelStringExtensions.Function.LOWER_ASCII, CelStringExtensions.Function.REPLACE,
                CelStringExtensions.Function.SPLIT, CelStringExtensions.Function.SUBSTRING,
                CelStringExtensions.Function.TRIM, CelStringExtensions.Function.UPPER_ASCII);
    }

    /**
     * Parses and type-checks {@code expression}. Errors are worded as Kubernetes words them ({@code compilation
     * failed: ERROR: <input>:1:5: ...}, {@code must evaluate to bool}).
     */
    public Expression compile(String expression, Result result, boolean params) {
        if (expression == null || expression.isBlank()) {
            return Expression.failed(expression, "expression is not specified");
        }
        if (expression.length() > MAX_EXPRESSION_LENGTH) {
            return Expression.failed(expression, "compilation failed: expression is longer than "
                    + MAX_EXPRESSION_LENGTH + " characters");
        }
        CelAbstractSyntaxTree ast;
        try {
            CelValidationResult compiled = (params ? withParams : withoutParams).compile(expression);
            ast = compiled.getAst();
        } catch (CelValidationException e) {
            return Expression.failed(expression, "compilation failed: " + e.getMessage());
        } catch (RuntimeException e) {
            return Expression.failed(expression, "compilation failed: " + e);
        }
        if (!result.accepts(ast.getResultType())) {
            return Expression.failed(expression, "must evaluate to " + result.words);
        }
        try {
            return new Expression(expression, runtime.createProgram(ast), null);
        } catch (CelEvaluationException e) {
            return Expression.failed(expression, "program instantiation failed: " + e.getMessage());
        }
    }

    /** One expression, compiled or with the reason it did not compile. */
    public record Expression(String source, CelRuntime.Program program, String error) {

        static Expression failed(String source, String error) {
            return new Expression(source, null, error);
        }

        public boolean compiled() {
            return error == null;
        }

        /**
         * Evaluates against {@code variables} (values from {@link CelValues}), charging {@code budget}.
         *
         * @return the value, or the error in Kubernetes' words ({@code expression 'x' resulted in error: ...})
         */
        public Outcome evaluate(Map<String, ?> variables, Budget budget) {
            if (error != null) {
                return Outcome.failure(error);
            }
            try {
                return Outcome.of(program.trace(variables, (expr, value) -> budget.charge()));
            } catch (CelEvaluationException e) {
                if (e.getCause() instanceof Budget.Exceeded || budget.exceeded()) {
                    return Outcome.failure("operation cancelled: actual cost limit exceeded");
                }
                return Outcome.failure("expression '" + source + "' resulted in error: " + e.getMessage());
            } catch (Budget.Exceeded e) {
                return Outcome.failure("operation cancelled: actual cost limit exceeded");
            } catch (RuntimeException e) {
                return Outcome.failure("expression '" + source + "' resulted in error: " + e);
            }
        }
    }

    /** A value, or an error. */
    public record Outcome(Object value, String error) {
        static Outcome of(Object value) {
            return new Outcome(value, null);
        }

        static Outcome failure(String error) {
            return new Outcome(null, error);
        }

        public boolean failed() {
            return error != null;
        }

        public boolean isTrue() {
            return Boolean.TRUE.equals(value);
        }
    }

    /** The evaluation steps left for one request's expressions of one configuration. */
    public static final class Budget {
        private long remaining;

        public Budget(long steps) {
            this.remaining = steps;
        }

        public static Budget standard() {
            return new Budget(RUNTIME_COST_BUDGET);
        }

        void charge() {
            if (--remaining < 0) {
                throw new Exceeded();
            }
        }

        boolean exceeded() {
            return remaining < 0;
        }

        static final class Exceeded extends RuntimeException {
            Exceeded() {
                super("actual cost limit exceeded", null, false, false);
            }
        }
    }

    /** Names the variables of an evaluation. */
    public static Map<String, Object> variables(Object object, Object oldObject, Object request, Object params,
            Object namespaceObject, Map<String, Object> composited) {
        return Map.of("object", orNull(object), "oldObject", orNull(oldObject), "request", orNull(request),
                "params", orNull(params), "namespaceObject", orNull(namespaceObject),
                "variables", composited == null ? Map.of() : composited);
    }

    private static Object orNull(Object value) {
        return value == null ? com.google.protobuf.NullValue.NULL_VALUE : value;
    }

}
