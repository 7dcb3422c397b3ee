package vn.haiphong.hpid;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** hpid: the OpenID Connect provider of Hai Phong's digital government. */
@SpringBootApplication
@EnableConfigurationProperties(HpidProperties.class)
public class HpidApplication {

	public static void main(String[] args) {
		SpringApplication.run(HpidApplication.class, args);
	}

}
