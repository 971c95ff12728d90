package io.appianon.testing;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class in a separate JVM with this test JVM's classpath and the flags Spark needs: for
 * runs that must really die (halted at a step, as a kill would), start their own Spark, or run in
 * another working directory.
 */
public final class ChildJvm {
  /** Exit code, combined output and wall time of one child. */
  public record Result(int code, String output, double seconds) {}

  private ChildJvm() {}

  /**
   * Runs {@code mainClass} with {@code jvmArgs} (e.g. {@code -Dappianon.test.halt-at=...}) and
   * {@code args} in {@code workDir}; its output goes to {@code log}.
   */
  public static Result run(
      Path workDir, Path log, List<String> jvmArgs, String mainClass, List<String> args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("--add-opens")
          || a.startsWith("-XX:+IgnoreUnrecognized")
          || a.startsWith("-Djdk.reflect")) {
        cmd.add(a);
      }
    }
    cmd.add("-Xmx1g");
    cmd.addAll(jvmArgs);
    cmd.add("-cp");
    cmd.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
    cmd.add(mainClass);
    cmd.addAll(args);
    long t0 = System.nanoTime();
    Process p =
        new ProcessBuilder(cmd)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      throw new AssertionError("child JVM did not end within 5 minutes: " + Files.readString(log));
    }
    return new Result(
        p.exitValue(),
        Files.readString(log, StandardCharsets.UTF_8),
        (System.nanoTime() - t0) / 1e9);
  }
}
