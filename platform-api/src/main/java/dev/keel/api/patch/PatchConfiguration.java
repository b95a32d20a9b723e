package dev.keel.api.patch;

import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The PATCH engines and server-side apply. */
@Configuration(proxyBeanMethods = false)
public class PatchConfiguration {

    @Bean
    public ObjectPatcher objectPatcher() {
        return new DefaultObjectPatcher();
    }

    /** Uses the application's clock for managedFields times, the system UTC clock when there is none. */
    @Bean
    public ServerSideApply serverSideApply(ObjectProvider<Clock> clock) {
        return new ManagedFieldsServerSideApply(clock.getIfAvailable(Clock::systemUTC));
    }
}
