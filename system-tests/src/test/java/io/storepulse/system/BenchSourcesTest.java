package io.storepulse.system;

import org.junit.jupiter.api.Test;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benches ({@code bench/*.java}) compile against the code they measure, as the bench scripts compile them, so a
 * change that breaks one fails the build instead of the next measurement.
 */
class BenchSourcesTest {

    @Test
    void everyBenchCompilesAgainstTheCurrentModules() throws IOException {
        Path bench = Path.of(System.getProperty("storepulse.root", "..")).resolve("bench");
        List<Path> sources;
        try (Stream<Path> files = Files.list(bench)) {
            sources = files.filter(file -> file.toString().endsWith(".java")).sorted().toList();
        }
        assertThat(sources).as("bench sources in %s", bench).hasSizeGreaterThanOrEqualTo(4);
        Path classes = Files.createTempDirectory("bench-classes");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, null)) {
            boolean compiled = javac.getTask(null, files, diagnostics,
                    List.of("-nowarn", "-proc:none", "-d", classes.toString(),
                            "-cp", System.getProperty("java.class.path")),
                    null, files.getJavaFileObjectsFromPaths(sources)).call();
            List<String> errors = diagnostics.getDiagnostics().stream()
                    .filter(diagnostic -> diagnostic.getKind() == Diagnostic.Kind.ERROR)
                    .map(diagnostic -> diagnostic.getSource().getName() + ":" + diagnostic.getLineNumber() + ": "
                            + diagnostic.getMessage(null))
                    .toList();
            assertThat(errors).as("compile errors").isEmpty();
            assertThat(compiled).isTrue();
        }
        for (Path source : sources) {
            String name = source.getFileName().toString().replace(".java", ".class");
            assertThat(classes.resolve(name)).as("compiled %s", source.getFileName()).exists();
        }
    }
}
