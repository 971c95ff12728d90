package io.appianon.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appianon.testing.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A publish or overwrite halted (as by SIGKILL) at each of its steps, in a JVM of its own: the
 * release path then holds the complete old or the complete new release, or (between the two renames
 * of an overwrite) nothing while the complete old one waits aside; the next open puts it back or
 * finishes the overwrite and says so, and a plain publish never replaces what is there.
 */
class ReleaseStoreCrashTest {
  @TempDir Path tmp;

  private ChildJvm.Result halt(Path root, String step, String version, boolean overwrite)
      throws Exception {
    return ChildJvm.run(
        tmp,
        tmp.resolve(step + ".log"),
        List.of("-D" + ReleaseStore.HALT_AT + "=" + step),
        PublishChild.class.getName(),
        overwrite
            ? List.of(root.toString(), "r", version, "--overwrite")
            : List.of(root.toString(), "r", version));
  }

  /** The version of the complete release at {@code dir}; fails when it is partial or mixed. */
  private static String version(Path dir) throws IOException {
    String manifest = Files.readString(dir.resolve("manifest.json"));
    String rows = Files.readString(dir.resolve("survey/part-0.parquet"));
    String v = manifest.replaceAll(".*\"version\":\"([a-z]+)\".*", "$1");
    assertEquals("rows of " + v, rows, "data and manifest of one release");
    try (Stream<Path> s = Files.walk(dir)) {
      assertEquals(4, s.count(), "no extra files: " + dir);
    }
    return v;
  }

  private static long stagingEntries(Path root) throws IOException {
    try (Stream<Path> s = Files.list(root.resolve(ReleaseStore.STAGING))) {
      return s.count();
    }
  }

  @Test
  void anOverwriteHaltedAtEveryStepLeavesTheOldOrTheNewReleaseAndTheNextOpenRepairsIt()
      throws Exception {
    String[][] steps = {
      // step, what the release path holds right after the halt, what it holds after the next open
      {"publish.staged", "old", "old"},
      {"overwrite.old-moved", "none", "old"},
      {"overwrite.new-moved", "new", "new"},
      {"overwrite.old-deleted", "new", "new"}
    };
    for (String[] s : steps) {
      Path root = tmp.resolve(s[0]);
      try (ReleaseStore store = ReleaseStore.open(root)) {
        Path staging = store.newStaging("r");
        PublishChild.write(staging, "old");
        store.publish(staging, "r", false);
      }
      ChildJvm.Result child = halt(root, s[0], "new", true);
      assertEquals(137, child.code(), s[0] + ": the child halted at the step: " + child.output());
      Path release = root.resolve("r");
      if (s[1].equals("none")) {
        assertFalse(Files.exists(release), s[0]);
        assertEquals(
            "old",
            version(root.resolve(ReleaseStore.STAGING).resolve(ReleaseStore.REPLACED).resolve("r")),
            "the complete old release waits aside");
      } else {
        assertEquals(s[1], version(release), s[0]);
      }

      try (ReleaseStore store = ReleaseStore.open(root)) {
        assertEquals(s[2], version(release), s[0] + ": after the next open");
        assertEquals(0, stagingEntries(root), s[0] + ": nothing left in staging");
        List<String> said = store.recovered();
        if (s[0].equals("overwrite.old-moved")) {
          assertEquals(1, said.size(), said.toString());
          assertTrue(said.get(0).startsWith("restored release " + release), said.get(0));
        } else if (s[0].equals("overwrite.new-moved")) {
          assertEquals(1, said.size(), said.toString());
          assertTrue(
              said.get(0).startsWith("completed the interrupted overwrite of release " + release),
              said.get(0));
        } else {
          assertEquals(List.of(), said, s[0] + ": nothing to repair");
        }
        assertThrows(
            ReleaseException.class,
            () -> store.checkPublishable("r", false),
            "a plain run is refused");
        Path other = store.newStaging("r");
        PublishChild.write(other, "plain");
        assertThrows(ReleaseException.class, () -> store.publish(other, "r", false));
        assertEquals(s[2], version(release), s[0] + ": a plain publish replaced nothing");
      }
    }
  }

  @Test
  void aFirstPublishHaltedBeforeOrAfterItsRenameLeavesNothingOrTheWholeRelease() throws Exception {
    Path before = tmp.resolve("before");
    assertEquals(137, halt(before, "publish.staged", "new", false).code());
    assertFalse(Files.exists(before.resolve("r")));
    try (ReleaseStore store = ReleaseStore.open(before)) {
      assertEquals(0, stagingEntries(before), "the killed run's staging folder is removed");
      assertEquals(List.of(), store.recovered());
    }
    Path after = tmp.resolve("after");
    assertEquals(137, halt(after, "publish.moved", "new", false).code());
    assertEquals("new", version(after.resolve("r")));
  }

  @Test
  void aReplacedCopyLeftByAnEarlierVersionIsPutBackNotDeleted() throws Exception {
    // what the version before this store left when killed between its two renames
    Path aside =
        tmp.resolve(ReleaseStore.STAGING)
            .resolve("r-replaced-0f8fad5b-d9cb-469f-a165-70867728950e");
    PublishChild.write(aside, "old");
    Files.createDirectories(
        tmp.resolve(ReleaseStore.STAGING).resolve("r-1b4e28ba-2fa1-11d2-883f-0016d3cca427"));
    try (ReleaseStore store = ReleaseStore.open(tmp)) {
      assertEquals("old", version(tmp.resolve("r")));
      assertEquals(0, stagingEntries(tmp));
      assertTrue(
          store.recovered().get(0).startsWith("restored release"), store.recovered().toString());
    }
  }
}
