package dev.keel.api.apiextensions;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The naming controller's decision: names another CRD of the group accepted first are refused, by kind of name. */
class AcceptedNamesTest {

    private static CustomResourceDefinition crd(String group, String plural, String kind, String listKind, String... shortNames) {
        return new CustomResourceDefinitionBuilder().withNewMetadata().withName(plural + "." + group).endMetadata()
                .withNewSpec().withGroup(group).withNewNames().withPlural(plural).withSingular(kind.toLowerCase())
                .withKind(kind).withListKind(listKind).withShortNames(shortNames).endNames().endSpec()
                .withNewStatus().endStatus().build();
    }

    private static CustomResourceDefinition accepted(CustomResourceDefinition crd) {
        crd.getStatus().setAcceptedNames(crd.getSpec().getNames());
        return crd;
    }

    @Test
    void freshNamesAreAccepted() {
        CustomResourceDefinition apples = crd("fruit.io", "apples", "Apple", "AppleList", "ap");

        AcceptedNames.Result result = AcceptedNames.calculate(apples, List.of(apples));

        assertThat(result.status()).isEqualTo("True");
        assertThat(result.reason()).isEqualTo("NoConflicts");
        assertThat(result.message()).isEqualTo("no conflicts found");
        assertThat(AcceptedNames.same(result.names(), apples.getSpec().getNames())).isTrue();
    }

    @Test
    void eachKindOfConflictNamesItsReason() {
        CustomResourceDefinition apples = accepted(crd("fruit.io", "apples", "Apple", "AppleList", "ap"));

        assertThat(AcceptedNames.calculate(crd("fruit.io", "pears", "Pear", "AppleList"), List.of(apples)).reason())
                .isEqualTo("ListKindConflict");
        assertThat(AcceptedNames.calculate(crd("fruit.io", "pears", "Apple", "PearList"), List.of(apples)).reason())
                .isEqualTo("KindConflict");
        assertThat(AcceptedNames.calculate(crd("fruit.io", "pears", "Pear", "PearList", "ap"), List.of(apples)).message())
                .isEqualTo("\"ap\" is already in use");
        AcceptedNames.Result singular = AcceptedNames.calculate(crd("fruit.io", "pears", "Pear", "PearList")
                .edit().editSpec().editNames().withSingular("apples").endNames().endSpec().build(), List.of(apples));
        assertThat(singular.reason()).isEqualTo("SingularConflict");
        assertThat(singular.status()).isEqualTo("False");
        // The names that do not conflict are still accepted.
        assertThat(singular.names().getPlural()).isEqualTo("pears");
        assertThat(singular.names().getSingular()).isNull();
    }

    @Test
    void otherGroupsDoNotConflict() {
        CustomResourceDefinition apples = accepted(crd("fruit.io", "apples", "Apple", "AppleList"));

        assertThat(AcceptedNames.calculate(crd("trees.io", "apples", "Apple", "AppleList"), List.of(apples)).status())
                .isEqualTo("True");
    }
}
