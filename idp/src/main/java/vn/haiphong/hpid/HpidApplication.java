package vn.haiphong.hpid;

import java.util.List;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

import vn.haiphong.hpid.peopleimport.ImportPeopleCommand;
import vn.haiphong.hpid.realm.RealmFilesCheck;

/** hpid: the OpenID Connect provider of Hai Phong's digital government. */
@SpringBootApplication
@EnableConfigurationProperties(HpidProperties.class)
public class HpidApplication {

	public static void main(String[] args) {
		if (args.length > 0 && "validate-realms".equals(args[0])) {
			System.exit(RealmFilesCheck.run(List.of(args).subList(1, args.length), System.out, System.err));
		}
		if (args.length > 0 && "import-people".equals(args[0])) {
			System.exit(ImportPeopleCommand.run(List.of(args).subList(1, args.length), System.out, System.err));
		}
		SpringApplication.run(HpidApplication.class, args);
	}

}
