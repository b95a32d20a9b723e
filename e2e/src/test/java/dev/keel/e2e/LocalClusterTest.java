package dev.keel.e2e;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Marks a test class that runs against the local cluster of {@code ./platform up}: it runs only when
 * {@code keel.e2e.state} names the cluster's {@code .platform} directory ({@code ./platform test} and
 * {@code ./platform e2e} set it), so a plain {@code mvn verify} skips it. Every such class shares the one cluster of
 * the run through {@link LocalCluster#get()} and works in namespaces of its own ({@link LocalCluster#createNamespace}).
 * Classes run in {@link org.junit.jupiter.api.Order} (junit-platform.properties), in one JVM.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@EnabledIfSystemProperty(named = LocalCluster.STATE_PROPERTY, matches = ".+")
@Tag("local-cluster")
public @interface LocalClusterTest {

    /**
     * The {@link org.junit.jupiter.api.Order} of classes that throw hostile or malformed input at the control plane:
     * they run after the happy-path classes (unordered ones run at JUnit's default, {@code Integer.MAX_VALUE / 2}), so
     * a control plane they break fails them, not the scenarios of ordinary users.
     */
    int HOSTILE = Integer.MAX_VALUE / 2 + 1;
}
