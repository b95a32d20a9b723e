package dev.keel.api.admission.cel;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.TypeParamType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime.CelFunctionBinding;
import java.util.List;
import java.util.Objects;

/**
 * The parts of Kubernetes' CEL library (k8s.io/apiserver/pkg/cel/library: lists, and the list forms of
 * {@code indexOf}/{@code lastIndexOf}) that cel-java does not ship. Strings keep cel-java's own {@code indexOf}
 * semantics, declared here next to the list overloads because one function name has one declaration.
 */
final class KubernetesLists {

    private static final TypeParamType T = TypeParamType.create("T");
    private static final ListType LIST_T = ListType.create(T);

    private KubernetesLists() {
    }

    static List<CelFunctionDecl> declarations() {
        return List.of(
                CelFunctionDecl.newFunctionDeclaration("isSorted",
                        CelOverloadDecl.newMemberOverload("list_is_sorted", SimpleType.BOOL, LIST_T)),
                CelFunctionDecl.newFunctionDeclaration("sum",
                        CelOverloadDecl.newMemberOverload("list_sum", T, LIST_T)),
                CelFunctionDecl.newFunctionDeclaration("min",
                        CelOverloadDecl.newMemberOverload("list_min", T, LIST_T)),
                CelFunctionDecl.newFunctionDeclaration("max",
                        CelOverloadDecl.newMemberOverload("list_max", T, LIST_T)),
                CelFunctionDecl.newFunctionDeclaration("indexOf",
                        CelOverloadDecl.newMemberOverload("list_index_of", SimpleType.INT, LIST_T, T),
                        CelOverloadDecl.newMemberOverload("string_index_of_string", SimpleType.INT, SimpleType.STRING,
                                SimpleType.STRING),
                        CelOverloadDecl.newMemberOverload("string_index_of_string_int", SimpleType.INT, SimpleType.STRING,
                                SimpleType.STRING, SimpleType.INT)),
                CelFunctionDecl.newFunctionDeclaration("lastIndexOf",
                        CelOverloadDecl.newMemberOverload("list_last_index_of", SimpleType.INT, LIST_T, T),
                        CelOverloadDecl.newMemberOverload("string_last_index_of_string", SimpleType.INT,
                                SimpleType.STRING, SimpleType.STRING)));
    }

    static List<CelFunctionBinding> bindings() {
        return List.of(
                CelFunctionBinding.from("list_is_sorted", List.class, KubernetesLists::isSorted),
                CelFunctionBinding.from("list_sum", List.class, KubernetesLists::sum),
                CelFunctionBinding.from("list_min", List.class, list -> extreme(list, -1)),
                CelFunctionBinding.from("list_max", List.class, list -> extreme(list, 1)),
                CelFunctionBinding.from("list_index_of", List.class, Object.class, (list, item) -> indexOf(list, item, false)),
                CelFunctionBinding.from("list_last_index_of", List.class, Object.class,
                        (list, item) -> indexOf(list, item, true)),
                CelFunctionBinding.from("string_index_of_string", String.class, String.class,
                        (s, sub) -> (long) s.indexOf(sub)),
                CelFunctionBinding.from("string_index_of_string_int", List.of(String.class, String.class, Long.class),
                        args -> stringIndexOf((String) args[0], (String) args[1], (Long) args[2])),
                CelFunctionBinding.from("string_last_index_of_string", String.class, String.class,
                        (s, sub) -> (long) s.lastIndexOf(sub)));
    }

    private static Object stringIndexOf(String s, String sub, long offset) throws CelEvaluationException {
        if (offset < 0 || offset > s.length()) {
            throw new CelEvaluationException("index out of range: " + offset);
        }
        return (long) s.indexOf(sub, (int) offset);
    }

    private static boolean isSorted(List<?> list) throws CelEvaluationException {
        for (int i = 1; i < list.size(); i++) {
            if (compare(list.get(i - 1), list.get(i)) > 0) {
                return false;
            }
        }
        return true;
    }

    private static Object sum(List<?> list) throws CelEvaluationException {
        if (list.isEmpty()) {
            return 0L;
        }
        if (list.get(0) instanceof Double) {
            double total = 0;
            for (Object item : list) {
                total += ((Number) item).doubleValue();
            }
            return total;
        }
        long total = 0;
        for (Object item : list) {
            if (!(item instanceof Long value)) {
                throw new CelEvaluationException("sum: unsupported element type " + typeName(item));
            }
            total = Math.addExact(total, value);
        }
        return total;
    }

    private static Object extreme(List<?> list, int sign) throws CelEvaluationException {
        if (list.isEmpty()) {
            throw new CelEvaluationException((sign < 0 ? "min" : "max") + " called on empty list");
        }
        Object best = list.get(0);
        for (Object item : list) {
            if (compare(item, best) * sign > 0) {
                best = item;
            }
        }
        return best;
    }

    private static long indexOf(List<?> list, Object item, boolean last) {
        long found = -1;
        for (int i = 0; i < list.size(); i++) {
            if (Objects.equals(list.get(i), item)) {
                found = i;
                if (!last) {
                    return found;
                }
            }
        }
        return found;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object a, Object b) throws CelEvaluationException {
        if (a instanceof Number x && b instanceof Number y && a.getClass() != b.getClass()) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        if (a instanceof Comparable c && a.getClass() == b.getClass()) {
            return c.compareTo(b);
        }
        throw new CelEvaluationException("no such overload: " + typeName(a) + " < " + typeName(b));
    }

    private static String typeName(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName();
    }
}
