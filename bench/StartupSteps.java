import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Collectors;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;

/**
 * Starts the application as its own main method does, with Spring's start-up steps
 * recorded (context refresh, configuration classes read, each bean created, web server
 * created), and writes them as they ended to the file named by {@code -Dsteps.file}: one
 * line per step, tab-separated (id, parent id, name, milliseconds, tags). Spring logs
 * "Started StartupSteps in ..." instead of the application's name. The management server's
 * context records no steps. Used by bench/startup-steps.sh; not part of the application.
 */
public class StartupSteps {

	public static void main(String[] args) throws Exception {
		SpringApplication application = new SpringApplication(Class.forName("com.example.sessions.SessionsApplication"));
		BufferingApplicationStartup startup = new BufferingApplicationStartup(100_000);
		application.setApplicationStartup(startup);
		application.run(args);
		String steps = startup.getBufferedTimeline().getEvents().stream().map((event) -> {
			var step = event.getStartupStep();
			StringBuilder tags = new StringBuilder();
			step.getTags()
				.forEach((tag) -> tags.append(tag.getKey())
					.append('=')
					.append(tag.getValue().replaceAll("\\s+", "_"))
					.append(' '));
			return step.getId() + "\t" + step.getParentId() + "\t" + step.getName() + "\t"
					+ event.getDuration().toMillis() + "\t" + tags.toString().strip();
		}).collect(Collectors.joining("\n", "", "\n"));
		// Whole or not at all: the benchmark reads the file as soon as it appears.
		Path file = Path.of(System.getProperty("steps.file"));
		Path partial = file.resolveSibling(file.getFileName() + ".partial");
		Files.writeString(partial, steps);
		Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
	}

}
