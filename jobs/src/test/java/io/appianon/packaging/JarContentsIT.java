package io.appianon.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The jars {@code mvn package} builds for the jobs module (the plain one and the {@code -spark}
 * shaded one) hold the production classes only: the synthetic data generator ({@code
 * io.appianon.generate}) is test support and must not ship. Runs after package (failsafe), on the
 * real jars in {@code jobs/target}.
 */
class JarContentsIT {

  @Test
  void noJarOfTheJobsModuleContainsTheGenerator() throws IOException {
    Path spark = Path.of(System.getProperty("cluster.jar"));
    Path plain = spark.resolveSibling(spark.getFileName().toString().replace("-spark.jar", ".jar"));
    List<Path> jars;
    try (Stream<Path> s = Files.list(spark.getParent())) {
      jars = s.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
    }
    assertTrue(
        jars.contains(spark) && jars.contains(plain),
        "the plain and the -spark jar are built: " + jars);
    for (Path jar : jars) {
      List<String> generator = new ArrayList<>();
      boolean hasMain;
      try (ZipFile z = new ZipFile(jar.toFile())) {
        hasMain = z.getEntry("io/appianon/cli/Main.class") != null;
        for (var e : Collections.list(z.entries())) {
          if (e.getName().startsWith("io/appianon/generate/")
              || e.getName().contains("GenerateCommand")) {
            generator.add(e.getName());
          }
        }
      }
      assertTrue(hasMain, jar + " is the jobs jar (has the CLI)");
      assertEquals(List.of(), generator, jar + " ships generator classes");
    }
  }
}
