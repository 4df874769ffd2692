package com.example.sessions.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The TCP ports this process listens on, as Linux reports them ({@code /proc}): what
 * {@code ss -ltnp} would show for it.
 */
public final class ListeningPorts {

	private static final String LISTEN = "0A";

	private ListeningPorts() {
	}

	public static boolean available() {
		return Files.isDirectory(Path.of("/proc/self/fd")) && Files.isReadable(Path.of("/proc/net/tcp"));
	}

	/**
	 * Each listening socket of this process as {@code address:port} (hexadecimal address,
	 * as the kernel writes it; all zeros for every interface).
	 */
	public static Set<String> ofThisProcess() {
		Set<String> sockets = socketInodes();
		Set<String> listening = new HashSet<>();
		for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
			for (String line : lines(Path.of(table)).stream().skip(1).toList()) {
				String[] columns = line.trim().split("\\s+");
				if (columns[3].equals(LISTEN) && sockets.contains(columns[9])) {
					String[] local = columns[1].split(":");
					listening.add(local[0] + ":" + Integer.parseInt(local[1], 16));
				}
			}
		}
		return listening;
	}

	private static Set<String> socketInodes() {
		Set<String> inodes = new HashSet<>();
		try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
			for (Path fd : fds.toList()) {
				try {
					String target = Files.readSymbolicLink(fd).toString();
					if (target.startsWith("socket:[")) {
						inodes.add(target.substring(8, target.length() - 1));
					}
				}
				catch (IOException ex) {
					// Closed meanwhile.
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return inodes;
	}

	private static List<String> lines(Path file) {
		try {
			return Files.readAllLines(file);
		}
		catch (IOException ex) {
			return List.of();
		}
	}

}
