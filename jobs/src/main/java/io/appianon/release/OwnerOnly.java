package io.appianon.release;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

/**
 * Owner-only permissions (0700 folders, 0600 files) for places that hold personal data or method
 * information.
 */
public final class OwnerOnly {
  private OwnerOnly() {}

  public static Path createDirectories(Path dir) throws IOException {
    Files.createDirectories(dir);
    restrict(dir);
    return dir;
  }

  public static void restrict(Path p) throws IOException {
    if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      return;
    }
    Files.setPosixFilePermissions(
        p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwx------" : "rw-------"));
  }

  /** Restricts a whole tree (e.g. a quarantine folder written by Spark). */
  public static void restrictTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        restrict(p);
      }
    }
  }
}
