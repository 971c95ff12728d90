package io.appianon.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseStoreTest {
  @TempDir Path tmp;

  @Test
  void aSecondRunOnTheSameOutputIsLockedOut() {
    try (ReleaseStore first = ReleaseStore.open(tmp)) {
      ReleaseException e = assertThrows(ReleaseException.class, () -> ReleaseStore.open(tmp));
      assertTrue(e.getMessage().contains("locked by another run"), e.getMessage());
    }
    try (ReleaseStore again = ReleaseStore.open(tmp)) {
      assertEquals(tmp, again.root(), "the lock is released when the first run ends");
    }
  }

  @Test
  void publishIsOneRenameAndStaleStagingIsRemovedOnOpen() throws IOException {
    Path stale;
    try (ReleaseStore store = ReleaseStore.open(tmp)) {
      stale = store.newStaging("r1");
      Files.writeString(stale.resolve("half-written.parquet"), "x");
    }
    try (ReleaseStore store = ReleaseStore.open(tmp)) {
      assertFalse(Files.exists(stale), "a killed run's staging folder is removed by the next run");
      Path staging = store.newStaging("r1");
      Files.writeString(staging.resolve("report.json"), "{}");
      assertFalse(store.exists("r1"));
      Path published = store.publish(staging, "r1", false);
      assertTrue(Files.isRegularFile(published.resolve("report.json")));
      assertFalse(Files.exists(staging));
      assertThrows(ReleaseException.class, () -> store.checkPublishable("r1", false));
      store.checkPublishable("r1", true);
      assertThrows(ReleaseException.class, () -> store.checkPublishable("../escape", false));
    }
  }

  @Test
  void overwriteReplacesTheWholeRelease() throws IOException {
    try (ReleaseStore store = ReleaseStore.open(tmp)) {
      Path a = store.newStaging("r1");
      Files.writeString(a.resolve("old.txt"), "old");
      store.publish(a, "r1", false);
      Path b = store.newStaging("r1");
      Files.writeString(b.resolve("new.txt"), "new");
      store.publish(b, "r1", true);
      assertTrue(Files.exists(tmp.resolve("r1/new.txt")));
      assertFalse(Files.exists(tmp.resolve("r1/old.txt")), "no mix of old and new files");
    }
  }
}
