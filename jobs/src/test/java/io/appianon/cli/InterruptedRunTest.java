package io.appianon.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appianon.release.JsonLinesLog;
import io.appianon.release.ReleaseStore;
import io.appianon.testing.ChildJvm;
import io.appianon.testing.Cli;
import io.appianon.testing.Fixture;
import io.appianon.testing.MutableClock;
import io.appianon.testing.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs of the real command line in JVMs of their own: one halted (as by SIGKILL) in the middle of
 * an --overwrite, then the plain run a scheduler would start next; and runs refused for the lock or
 * the release id before Spark starts.
 */
class InterruptedRunTest {
  private static final Instant T0 = Instant.parse("2026-04-01T00:00:00Z");
  @TempDir Path tmp;

  /**
   * The fixture's configuration with the embedded-run settings of the shipped one (loopback, no
   * UI).
   */
  private static String config(Fixture fx) throws Exception {
    return fx.config(
            "a",
            "A",
            "appianon.spark.conf { \"spark.ui.enabled\" = \"false\","
                + " \"spark.driver.bindAddress\" = \"127.0.0.1\", \"spark.driver.host\" = \"127.0.0.1\","
                + " \"spark.sql.shuffle.partitions\" = \"4\" }")
        .toString();
  }

  /** Announced at T0 and released as r1 in this JVM. */
  private static CliContext released(String conf) {
    MutableClock clock = new MutableClock(T0);
    CliContext ctx = new CliContext(clock, Map.of(), Optional.of(TestSpark.get()));
    assertEquals(0, Cli.run(ctx, "announce", "--config", conf).code());
    clock.advance(Duration.ofHours(1));
    Cli.Result rel = Cli.run(ctx, "--config", conf, "--release-id", "r1");
    assertEquals(0, rel.code(), rel.err());
    clock.advance(Duration.ofHours(1));
    return ctx;
  }

  private ChildJvm.Result child(String name, List<String> jvmArgs, String... args)
      throws Exception {
    return ChildJvm.run(
        tmp, tmp.resolve(name + ".log"), jvmArgs, Main.class.getName(), List.of(args));
  }

  private static List<Path> find(Path dir, String prefix) throws Exception {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
    }
  }

  private static List<Path> children(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    }
  }

  @Test
  void anOverwriteKilledBetweenItsRenamesLosesNothingAndTheNextRunRepairsCleansAndRecordsIt()
      throws Exception {
    Fixture fx = new Fixture(tmp);
    String conf = config(fx);
    CliContext ctx = released(conf);
    Path release = fx.output.resolve("r1");
    byte[] manifest = Files.readAllBytes(release.resolve("manifest.json"));
    Path javaTmp = Files.createDirectories(tmp.resolve("java-tmp"));

    ChildJvm.Result killed =
        child(
            "killed",
            List.of(
                "-D" + ReleaseStore.HALT_AT + "=overwrite.old-moved",
                "-Djava.io.tmpdir=" + javaTmp),
            "anonymize",
            "--config",
            conf,
            "--release-id",
            "r1",
            "--overwrite");
    assertEquals(
        137, killed.code(), "halted between the two renames of the overwrite:\n" + killed.output());

    // item 2: the complete old release waits aside (the release path is empty only between the two
    // renames)
    assertFalse(Files.exists(release));
    assertArrayEquals(
        manifest, Files.readAllBytes(fx.output.resolve(".staging/.replaced/r1/manifest.json")));
    // item 3: Spark's shuffle and block files were in an owner-only folder of the job, none in
    // java.io.tmpdir
    Path work = tmp.resolve("work");
    List<Path> runDirs = children(work).stream().filter(Files::isDirectory).toList();
    assertEquals(1, runDirs.size(), runDirs.toString());
    assertEquals(
        "rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(runDirs.get(0))));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(work)));
    assertFalse(
        find(runDirs.get(0), "blockmgr-").isEmpty(),
        "Spark's block manager folder is in the work folder");
    assertEquals(List.of(), find(javaTmp, "blockmgr-"), "no shuffle files in java.io.tmpdir");
    // item 4: the killed run's start is in the audit trail
    List<Map<String, Object>> audit =
        new JsonLinesLog(fx.methodStore.resolve(RunAudit.FILE)).read();
    Map<String, Object> start = audit.get(audit.size() - 1);
    assertEquals("started", start.get("event"));
    assertEquals(
        List.of("anonymize", "--config", conf, "--release-id", "r1", "--overwrite"),
        start.get("args"));

    // the plain run a scheduler starts next: the old release is back, and it is the one this run
    // would make
    Cli.Result next = Cli.run(ctx, "--config", conf, "--release-id", "r1");
    assertEquals(0, next.code(), next.err());
    assertTrue(next.err().contains("appi-anon: restored release " + release), next.err());
    assertTrue(
        next.err().contains("removed the Spark work folder of a killed run: " + runDirs.get(0)),
        next.err());
    assertTrue(
        next.err().contains("recorded run " + start.get("run_id") + " (anonymize"), next.err());
    assertTrue(next.out().contains("already published"), next.out());
    assertArrayEquals(
        manifest, Files.readAllBytes(release.resolve("manifest.json")), "the old release, intact");
    try (Stream<Path> s = Files.list(fx.output.resolve(".staging"))) {
      assertEquals(0, s.count());
    }
    assertEquals(List.of(), children(work), "the killed run's work folder and lock file are gone");
    audit = new JsonLinesLog(fx.methodStore.resolve(RunAudit.FILE)).read();
    Map<String, Object> interrupted =
        audit.stream().filter(r -> "interrupted".equals(r.get("event"))).findFirst().orElseThrow();
    assertEquals(start.get("run_id"), interrupted.get("run_id"));
    assertEquals("r1", interrupted.get("release_id"));
    assertEquals(true, interrupted.get("release_present"), "found after the release was put back");
    assertEquals("interrupted", interrupted.get("outcome"));
    assertEquals(1, audit.stream().filter(r -> "interrupted".equals(r.get("event"))).count());
  }

  @Test
  void theLockAndTheReleaseIdAreCheckedBeforeSparkStarts() throws Exception {
    Fixture fx = new Fixture(tmp);
    String conf = config(fx);
    released(conf);
    // A master Spark cannot parse: a run that started Spark would fail with exit 1 (internal
    // error).
    String bogus = "appianon.spark.master=no-such-master";
    ChildJvm.Result exists =
        child("exists", List.of(), "--config", conf, "--release-id", "r1", "--set", bogus);
    assertEquals(ExitCode.RELEASE.code(), exists.code(), exists.output());
    assertTrue(
        exists.output().contains("release " + fx.output.resolve("r1") + " already exists"),
        exists.output());

    List<String> args =
        new ArrayList<>(List.of("--config", conf, "--release-id", "r2", "--set", bogus));
    ChildJvm.Result locked;
    try (ReleaseStore held = ReleaseStore.open(fx.output)) {
      locked = child("locked", List.of(), args.toArray(new String[0]));
    }
    assertEquals(ExitCode.RELEASE.code(), locked.code(), locked.output());
    assertTrue(locked.output().contains("is locked by another run"), locked.output());
    assertFalse(Files.exists(fx.output.resolve("r2")));
    System.out.printf(
        "refused before Spark: release exists %.1f s, locked %.1f s%n",
        exists.seconds(), locked.seconds());
  }
}
