package dev.keel.api.apiextensions.schema;

import dev.cel.common.ast.CelExpr;
import java.util.HashMap;
import java.util.Map;

/**
 * An estimate of a rule's worst-case cost in the spirit of cel-go's checker cost estimator, which cel-java 0.9 does
 * not have. Every evaluated node costs 1; string operations cost a tenth of the characters they traverse; regular
 * expressions {@code ceil(0.1 * (1 + string)) * ceil(0.25 * pattern)}; {@code in} and list functions the list's
 * size; a comprehension its iterations times its step. Sizes come from the schema: {@code maxItems},
 * {@code maxProperties}, {@code maxLength}, or, when unset, what fits in a 3 MiB request (as Kubernetes assumes),
 * e.g. about a million items for an unbounded list of strings. Nested bounds are not shared between siblings, so the
 * estimate is an upper bound close to (sometimes above) Kubernetes'.
 */
final class CostEstimator {

    /** kube-apiserver's maximum request body, the bound of anything without a declared maximum. */
    static final long MAX_REQUEST_BYTES = 3L * 1024 * 1024;

    private record Est(double cost, double size, SchemaNode schema) {
    }

    private final SchemaNode self;

    private CostEstimator(SchemaNode self) {
        this.self = self;
    }

    static long estimate(CelExpr expr, SchemaNode self) {
        double cost = new CostEstimator(self).visit(expr, new HashMap<>()).cost;
        return cost >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) Math.ceil(cost);
    }

    /** How many values one schema node can hold at most: list items, map entries, string characters. */
    static double maxSize(SchemaNode schema) {
        if (schema == null) {
            return MAX_REQUEST_BYTES;
        }
        if (schema.type == null) {
            return schema.maxLength != null ? schema.maxLength : MAX_REQUEST_BYTES;
        }
        return switch (schema.type) {
            case "array" -> schema.maxItems != null ? schema.maxItems
                    : Math.floor((MAX_REQUEST_BYTES - 2) / (double) (minSerializedSize(schema.items) + 1));
            case "object" -> schema.maxProperties != null ? schema.maxProperties
                    : schema.additionalProperties != null
                            ? Math.floor((MAX_REQUEST_BYTES - 2) / (double) (minSerializedSize(schema.additionalProperties) + 4))
                            : schema.properties.size();
            case "string" -> schema.maxLength != null ? schema.maxLength : MAX_REQUEST_BYTES - 2;
            default -> 1;
        };
    }

    private static long minSerializedSize(SchemaNode schema) {
        if (schema == null || schema.type == null) {
            return 1;
        }
        return switch (schema.type) {
            case "string", "object", "array" -> 2;
            case "boolean" -> 4;
            default -> 1;
        };
    }

    private Est visit(CelExpr expr, Map<String, Est> scope) {
        switch (expr.getKind()) {
            case CONSTANT:
                return new Est(0, expr.constant().getKind() == dev.cel.common.ast.CelConstant.Kind.STRING_VALUE
                        ? expr.constant().stringValue().length() : 1, null);
            case IDENT: {
                String name = expr.ident().name();
                if (name.equals("self") || name.equals("oldSelf")) {
                    return new Est(1, maxSize(self), self);
                }
                Est bound = scope.get(name);
                return bound != null ? new Est(1, bound.size, bound.schema) : new Est(1, 1, null);
            }
            case SELECT: {
                Est operand = visit(expr.select().operand(), scope);
                SchemaNode child = operand.schema == null ? null : operand.schema.child(expr.select().field());
                return new Est(operand.cost + 1, maxSize(child), child);
            }
            case CALL:
                return call(expr.call(), scope);
            case LIST: {
                double cost = 1;
                for (CelExpr element : expr.list().elements()) {
                    cost += visit(element, scope).cost;
                }
                return new Est(cost, expr.list().elements().size(), null);
            }
            case MAP: {
                double cost = 1;
                for (CelExpr.CelMap.Entry entry : expr.map().entries()) {
                    cost += visit(entry.key(), scope).cost + visit(entry.value(), scope).cost;
                }
                return new Est(cost, expr.map().entries().size(), null);
            }
            case STRUCT:
                return new Est(1, 1, null);
            case COMPREHENSION:
                return comprehension(expr.comprehension(), scope);
            default:
                return new Est(1, 1, null);
        }
    }

    private Est comprehension(CelExpr.CelComprehension c, Map<String, Est> scope) {
        Est range = visit(c.iterRange(), scope);
        double iterations = range.size;
        SchemaNode element = null;
        double elementSize = 1;
        if (range.schema != null && "array".equals(range.schema.type)) {
            element = range.schema.items;
            elementSize = maxSize(element);
        } else if (range.schema != null && "object".equals(range.schema.type)) {
            elementSize = Math.max(1, Math.floor(MAX_REQUEST_BYTES / Math.max(1, iterations)));
        }
        Map<String, Est> inner = new HashMap<>(scope);
        inner.put(c.iterVar(), new Est(1, elementSize, element));
        Est init = visit(c.accuInit(), inner);
        inner.put(c.accuVar(), new Est(1, iterations, null));
        Est condition = visit(c.loopCondition(), inner);
        Est step = visit(c.loopStep(), inner);
        Est result = visit(c.result(), inner);
        double cost = range.cost + init.cost + iterations * (condition.cost + step.cost) + result.cost;
        return new Est(cost, iterations, null);
    }

    private Est call(CelExpr.CelCall call, Map<String, Est> scope) {
        double cost = 0;
        Est target = call.target().isPresent() ? visit(call.target().get(), scope) : null;
        if (target != null) {
            cost += target.cost;
        }
        Est[] args = new Est[call.args().size()];
        for (int i = 0; i < args.length; i++) {
            args[i] = visit(call.args().get(i), scope);
            cost += args[i].cost;
        }
        Est first = target != null ? target : (args.length > 0 ? args[0] : null);
        double firstSize = first == null ? 1 : first.size;
        double lastSize = args.length == 0 ? 1 : args[args.length - 1].size;
        String function = call.function();
        switch (function) {
            case "_?_:_":
                return new Est(args[0].cost + Math.max(args[1].cost, args[2].cost), Math.max(args[1].size, args[2].size),
                        args[1].schema != null ? args[1].schema : args[2].schema);
            case "_&&_", "_||_", "!_", "-_", "size", "has", "_<_", "_<=_", "_>_", "_>=_", "_%_", "_/_", "_*_", "_-_",
                    "int", "uint", "double", "bool", "type", "dyn":
                return new Est(cost + 1, 1, null);
            case "_==_", "_!=_":
                return new Est(cost + 1 + Math.ceil(0.1 * Math.min(firstSize, lastSize)), 1, null);
            case "_+_":
                return new Est(cost + 1 + Math.ceil(0.1 * (firstSize + lastSize)), firstSize + lastSize, null);
            case "@in":
                return new Est(cost + 1 + lastSize, 1, null);
            case "matches", "find", "findAll":
                return new Est(cost + Math.ceil(0.1 * (1 + firstSize)) * Math.ceil(0.25 * lastSize), firstSize, null);
            case "contains", "startsWith", "endsWith", "indexOf", "lastIndexOf", "split", "replace", "lowerAscii",
                    "upperAscii", "trim", "substring", "charAt", "join", "string", "bytes", "format", "quote",
                    "isSorted", "sum", "min", "max":
                return new Est(cost + 1 + Math.ceil(0.1 * firstSize) + (target != null && target.schema != null
                        && "array".equals(target.schema.type) ? firstSize : 0), firstSize, null);
            case "_[_]":
                SchemaNode element = first == null || first.schema == null ? null
                        : "array".equals(first.schema.type) ? first.schema.items : first.schema.additionalProperties;
                return new Est(cost + 1, maxSize(element), element);
            default:
                return new Est(cost + 1, Math.max(firstSize, lastSize), null);
        }
    }
}
