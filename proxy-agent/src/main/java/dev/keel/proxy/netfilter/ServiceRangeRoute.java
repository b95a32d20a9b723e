package dev.keel.proxy.netfilter;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes the service range to a local bridge with no ports, so a virtual IP without rules goes nowhere instead
 * of leaving the machine by the default route, while nat rules still translate the ones that have rules.
 */
public class ServiceRangeRoute {

    private static final Logger log = LoggerFactory.getLogger(ServiceRangeRoute.class);

    private final CommandRunner runner;

    public ServiceRangeRoute(CommandRunner runner) {
        this.runner = runner;
    }

    /** Creates the bridge if missing, brings it up and (re)places the route; running it twice changes nothing. */
    public void ensure(String bridge, String serviceCidr) {
        if (runner.run(List.of("ip", "link", "show", "dev", bridge), "").exitCode() != 0) {
            runner.runChecked(List.of("ip", "link", "add", bridge, "type", "bridge"), "");
            log.info("Created bridge {} for the service range {}", bridge, serviceCidr);
        }
        runner.runChecked(List.of("ip", "link", "set", bridge, "up"), "");
        runner.runChecked(List.of("ip", "route", "replace", serviceCidr, "dev", bridge), "");
    }
}
