package dev.keel.api.table;

import static dev.keel.api.table.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.MissingNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LabelTextTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {matchLabels:{app:'web'}}                                                        | app=web
            {matchLabels:{tier:'front', app:'web'}}                                          | app=web,tier=front
            {}                                                                               | <none>
            {matchLabels:{}, matchExpressions:[]}                                            | <none>
            {matchExpressions:[{key:'env',operator:'In',values:['prod','dev']}]}             | env in (dev,prod)
            {matchExpressions:[{key:'env',operator:'NotIn',values:['qa']}]}                  | env notin (qa)
            {matchExpressions:[{key:'gpu',operator:'Exists'}]}                               | gpu
            {matchExpressions:[{key:'spot',operator:'DoesNotExist'}]}                        | !spot
            {matchLabels:{b:'1'}, matchExpressions:[{key:'a',operator:'Exists'}]}            | a,b=1
            {matchLabels:{'example.com/team':'core'}}                                        | example.com/team=core
            {matchLabels:{app:''}}                                                           | app=
            {matchExpressions:[{key:'env',operator:'In',values:[]}]}                         | <error>
            {matchExpressions:[{key:'gpu',operator:'Exists',values:['x']}]}                  | <error>
            {matchExpressions:[{key:'env',operator:'Like',values:['x']}]}                    | <error>
            {matchLabels:{app:'not valid'}}                                                  | <error>
            {matchLabels:{'-bad':'x'}}                                                       | <error>
            """)
    void selector(String selector, String expected) {
        assertThat(LabelText.selector(json(selector))).isEqualTo(expected);
    }

    @Test
    void absentSelectorSelectsNothingAndPrintsNone() {
        assertThat(LabelText.selector(MissingNode.getInstance())).isEqualTo("<none>");
        assertThat(LabelText.render(MissingNode.getInstance())).contains("");
    }

    @Test
    void labels() {
        assertThat(LabelText.labels(json("{z:'1', a:'2', 'k8s.io/x':''}"))).isEqualTo("a=2,k8s.io/x=,z=1");
        assertThat(LabelText.labels(json("{}"))).isEqualTo("<none>");
        assertThat(LabelText.labels(MissingNode.getInstance())).isEqualTo("<none>");
    }
}
