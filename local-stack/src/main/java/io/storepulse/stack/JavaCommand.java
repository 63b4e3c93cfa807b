package io.storepulse.stack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line of a Java server started from this JVM's own classpath through {@link Supervised}. */
final class JavaCommand {

    private JavaCommand() {
    }

    static List<String> of(String heap, String mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        command.add("-Djava.awt.headless=true");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Supervised.class.getName());
        command.add(mainClass);
        command.addAll(List.of(args));
        return command;
    }
}
