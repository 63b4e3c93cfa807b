package io.storepulse.processor.lifecycle;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * What a clean stop left in an application's state directory: every file of every task directory, with its size and
 * CRC-32C, in {@value #FILE}. {@link #discardChanged} compares the directory with it before the next start and
 * deletes each task directory whose files are not the ones written (truncated, overwritten, deleted, or a task
 * directory the stop did not leave), so that Kafka Streams restores those tasks from their changelogs instead of
 * opening what is left of them. Without the file (a first start, or a crash) nothing is checked: Kafka Streams itself
 * discards the state of tasks that were not closed cleanly.
 */
public final class StateManifest {

    /** The manifest, in the application's state directory beside the task directories. */
    public static final String FILE = "storepulse-state-files";

    /** A task directory: sub-topology and partition. */
    static final Pattern TASK = Pattern.compile("\\d+_\\d+");

    private StateManifest() {
    }

    /** One task directory found changed, and the first file that shows it. */
    public record Discarded(String task, String reason) {
    }

    /** Records every file of every task directory of {@code appDir}; returns how many files. */
    public static int write(Path appDir) throws IOException {
        StringBuilder lines = new StringBuilder();
        Map<String, FileState> files = scan(appDir);
        files.forEach((path, state) -> lines.append(Long.toHexString(state.crc())).append(' ').append(state.size())
                .append(' ').append(path).append('\n'));
        Path temporary = appDir.resolve(FILE + ".tmp");
        Files.writeString(temporary, lines, StandardCharsets.UTF_8);
        Files.move(temporary, appDir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return files.size();
    }

    /**
     * Deletes each task directory of {@code appDir} that differs from the manifest, then the manifest itself (the
     * files change once the tasks run). Returns what it deleted; nothing when there is no manifest.
     */
    public static List<Discarded> discardChanged(Path appDir) throws IOException {
        Path manifest = appDir.resolve(FILE);
        if (!Files.exists(manifest)) {
            return List.of();
        }
        Map<String, FileState> written = read(manifest);
        Map<String, FileState> found = scan(appDir);
        Map<String, String> changed = new TreeMap<>();
        written.forEach((path, state) -> {
            FileState now = found.get(path);
            if (now == null) {
                changed.putIfAbsent(taskOf(path), path + " is missing");
            } else if (now.size() != state.size()) {
                changed.putIfAbsent(taskOf(path), path + " was " + state.size() + " bytes, is " + now.size());
            } else if (now.crc() != state.crc()) {
                changed.putIfAbsent(taskOf(path), path + " has other contents (CRC-32C)");
            }
        });
        found.keySet().stream().filter(path -> !written.containsKey(path))
                .forEach(path -> changed.putIfAbsent(taskOf(path), path + " was not there at the clean stop"));
        List<Discarded> discarded = new ArrayList<>();
        for (Map.Entry<String, String> task : changed.entrySet()) {
            deleteRecursively(appDir.resolve(task.getKey()));
            discarded.add(new Discarded(task.getKey(), task.getValue()));
        }
        Files.delete(manifest);
        return discarded;
    }

    private record FileState(long size, long crc) {
    }

    /** Every file under a task directory, by its path relative to {@code appDir}, in a stable order. */
    private static Map<String, FileState> scan(Path appDir) throws IOException {
        Map<String, FileState> files = new LinkedHashMap<>();
        TreeSet<Path> tasks = new TreeSet<>();
        try (Stream<Path> children = Files.list(appDir)) {
            children.filter(Files::isDirectory).filter(dir -> TASK.matcher(dir.getFileName().toString()).matches())
                    .forEach(tasks::add);
        }
        for (Path task : tasks) {
            try (Stream<Path> walk = Files.walk(task)) {
                for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                    if (!file.getFileName().toString().equals(".lock")) {
                        files.put(appDir.relativize(file).toString(), new FileState(Files.size(file), crcOf(file)));
                    }
                }
            }
        }
        return files;
    }

    private static Map<String, FileState> read(Path manifest) throws IOException {
        Map<String, FileState> files = new LinkedHashMap<>();
        for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
            String[] fields = line.split(" ", 3);
            if (fields.length == 3) {
                files.put(fields[2], new FileState(Long.parseLong(fields[1]), Long.parseUnsignedLong(fields[0], 16)));
            }
        }
        return files;
    }

    private static String taskOf(String path) {
        int slash = path.indexOf('/');
        return slash < 0 ? path : path.substring(0, slash);
    }

    private static long crcOf(Path file) throws IOException {
        CRC32C crc = new CRC32C();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int read = in.read(buffer); read > 0; read = in.read(buffer)) {
                crc.update(buffer, 0, read);
            }
        }
        return crc.getValue();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.delete(path);
                } catch (NoSuchFileException gone) {
                    // Already gone: what matters is that nothing of the task is left.
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
