package io.storepulse.processor.lifecycle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Whose state an application's state directory holds: the application id and a fingerprint of the topology that
 * wrote it, in {@value #FILE} beside the task directories. Task directories are named by sub-topology and partition
 * only, so a directory copied from another application, or left by a release whose topology is built differently,
 * would be opened as this one's, each store read as if it were another's. {@link #claim} refuses such a directory
 * before Kafka Streams opens anything, and records the identity in a directory that has none yet.
 */
public final class StateIdentity {

    /** The identity file, in the application's state directory. */
    public static final String FILE = "storepulse-state-identity";

    private StateIdentity() {
    }

    /** The application id and topology fingerprint of a processor, or of the one that wrote a state directory. */
    public record Identity(String applicationId, String topology) {
    }

    /** How {@link #claim} found the directory. */
    public enum Claim {
        /** No identity and no task directory: a new directory, now recorded as this processor's. */
        NEW,
        /** Task directories but no identity: written before identities were recorded; kept, and now recorded. */
        ADOPTED,
        /** The same identity as this processor's. */
        SAME
    }

    /** A state directory that holds another application's or topology's state. */
    public static final class RefusedException extends IllegalStateException {
        RefusedException(String message) {
            super(message);
        }
    }

    /** The fingerprint of a topology: SHA-256 over its description (sub-topologies, nodes, stores, topics), in hex. */
    public static String fingerprint(String topologyDescription) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(topologyDescription.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /**
     * Checks that {@code appDir} holds {@code mine}'s state, or none, and records {@code mine} in it.
     *
     * @throws RefusedException when it holds another application's or topology's state, or an unreadable identity
     */
    public static Claim claim(Path appDir, Identity mine) throws IOException {
        Path file = appDir.resolve(FILE);
        if (Files.exists(file)) {
            Identity found = read(file);
            if (found.equals(mine)) {
                return Claim.SAME;
            }
            throw new RefusedException("the state directory " + appDir + " holds the state of application id '"
                    + found.applicationId() + "' with topology " + found.topology() + ", not of this processor ('"
                    + mine.applicationId() + "', topology " + mine.topology() + "): refused, nothing in it was opened. "
                    + (found.applicationId().equals(mine.applicationId())
                    ? "This release builds another topology: reset the processor (docs/RUNBOOK.md, \"Resetting the "
                    + "processor\") or start it on an empty state directory."
                    : "Point KAFKA_STREAMS_STATE_DIR at this processor's own directory, or at an empty one."));
        }
        boolean hasTasks;
        try (Stream<Path> entries = Files.isDirectory(appDir) ? Files.list(appDir) : Stream.empty()) {
            hasTasks = entries.anyMatch(entry -> StateManifest.TASK.matcher(entry.getFileName().toString()).matches());
        }
        write(appDir, mine);
        return hasTasks ? Claim.ADOPTED : Claim.NEW;
    }

    private static Identity read(Path file) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                values.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        String applicationId = values.get("application.id");
        String topology = values.get("topology");
        if (applicationId == null || topology == null) {
            throw new RefusedException("the state directory's identity file " + file + " does not say which "
                    + "application and topology wrote the state (it needs application.id= and topology= lines): "
                    + "refused, nothing in the directory was opened. Delete the directory if it is this processor's: "
                    + "Kafka Streams restores it from the changelogs.");
        }
        return new Identity(applicationId, topology);
    }

    private static void write(Path appDir, Identity identity) throws IOException {
        Files.createDirectories(appDir);
        Path temporary = appDir.resolve(FILE + ".tmp");
        Files.writeString(temporary, "application.id=" + identity.applicationId() + "\ntopology=" + identity.topology()
                + "\n", StandardCharsets.UTF_8);
        Files.move(temporary, appDir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
