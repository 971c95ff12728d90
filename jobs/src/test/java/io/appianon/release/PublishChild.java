package io.appianon.release;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code PublishChild ROOT RELEASE-ID VERSION [--overwrite]}: publishes a two-file release whose
 * files say VERSION, in a JVM of its own, so that a test can halt it at a step ({@link
 * ReleaseStore#HALT_AT}).
 */
public final class PublishChild {
  private PublishChild() {}

  public static void main(String[] args) throws Exception {
    try (ReleaseStore store = ReleaseStore.open(Path.of(args[0]))) {
      Path staging = store.newStaging(args[1]);
      write(staging, args[2]);
      store.publish(staging, args[1], args.length > 3 && args[3].equals("--overwrite"));
    }
  }

  /** A release's content: a data file and a manifest, both naming {@code version}. */
  static void write(Path dir, String version) throws java.io.IOException {
    Files.createDirectories(dir.resolve("survey"));
    Files.writeString(dir.resolve("survey").resolve("part-0.parquet"), "rows of " + version);
    Files.writeString(dir.resolve("manifest.json"), "{\"version\":\"" + version + "\"}");
  }
}
