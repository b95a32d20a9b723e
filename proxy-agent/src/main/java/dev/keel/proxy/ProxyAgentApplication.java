package dev.keel.proxy;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.PropertySource;

/** proxy-agent: runs on every node and programs netfilter so Service virtual IPs reach ready endpoints. */
@SpringBootApplication
@PropertySource("classpath:proxy-agent-defaults.properties")
public class ProxyAgentApplication {

    public static void main(String[] args) {
        SpringApplication.run(ProxyAgentApplication.class, args);
    }
}
