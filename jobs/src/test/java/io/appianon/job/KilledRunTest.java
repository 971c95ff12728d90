package io.appianon.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appianon.TestProject;
import io.appianon.TestSpark;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed (SIGKILL) while it is writing leaves no partial release, and the next run with the
 * same release id succeeds. The killed run is a separate JVM started with this test JVM's classpath
 * and flags.
 */
class KilledRunTest {
  @TempDir Path tmp;

  @Test
  void aRunKilledWhileWritingLeavesNoReleaseAndTheRerunSucceeds() throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("--add-opens")
          || a.startsWith("-XX:+IgnoreUnrecognized")
          || a.startsWith("-Djdk.reflect")) {
        cmd.add(a);
      }
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
    cmd.add("io.appianon.cli.Main");
    cmd.add("anonymize");
    cmd.add("--config");
    cmd.add(TestProject.root().resolve("conf/application.conf").toString());
    for (Map.Entry<String, Object> e : TestProject.overrides(tmp).entrySet()) {
      cmd.add("--set");
      cmd.add(
          e.getKey()
              + "="
              + (e.getValue() instanceof List<?> l
                  ? "[" + String.join(",", l.stream().map(x -> "\"" + x + "\"").toList()) + "]"
                  : e.getValue()));
    }
    cmd.add("--set");
    cmd.add("appianon.spark.master=local[1]");
    cmd.add("--release-id");
    cmd.add("killed");
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("killed.log").toFile())
            .start();
    Path staging = tmp.resolve("releases/.staging");
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
    boolean writing = false;
    while (System.nanoTime() < deadline && p.isAlive()) {
      if (Files.isDirectory(staging)) {
        try (Stream<Path> s = Files.walk(staging)) {
          writing = s.anyMatch(f -> f.getFileName().toString().startsWith("survey"));
        }
        if (writing) {
          break;
        }
      }
      Thread.sleep(100);
    }
    assertTrue(
        writing,
        "the child run reached the writing stage: " + Files.readString(tmp.resolve("killed.log")));
    p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    assertFalse(Files.exists(tmp.resolve("releases/killed")), "no partial release after SIGKILL");

    AnonymizeJob.Summary s =
        new AnonymizeJob(TestProject.config(tmp, Map.of("appianon.release.id", "killed")))
            .run(TestSpark.session());
    assertTrue(Files.isRegularFile(s.release().resolve("manifest.json")));
    try (Stream<Path> left = Files.list(staging)) {
      assertEquals(0, left.count(), "the killed run's staging folder was cleaned up");
    }
  }
}
