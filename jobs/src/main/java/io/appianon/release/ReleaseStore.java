package io.appianon.release;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The output folder of releases. A release is written to a staging folder inside the output root and becomes visible
 * by one atomic rename to {@code <root>/<release-id>}, so it appears complete or not at all; a run killed at any
 * point leaves only a staging folder, which the next run removes. One run at a time holds the root's lock (an OS file
 * lock, released by the OS even when the process is killed). An existing release is never replaced unless asked.
 */
public final class ReleaseStore implements AutoCloseable {
  public static final Pattern RELEASE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
  static final String STAGING = ".staging";
  private final Path root;
  private final FileChannel lockChannel;
  private final FileLock lock;

  private ReleaseStore(Path root, FileChannel channel, FileLock lock) {
    this.root = root;
    this.lockChannel = channel;
    this.lock = lock;
  }

  /** Opens the output root and takes its lock; fails at once if another run holds it. */
  public static ReleaseStore open(Path root) {
    try {
      Files.createDirectories(root);
      FileChannel ch = FileChannel.open(root.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock l;
      try {
        l = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        l = null;
      }
      if (l == null) {
        ch.close();
        throw new ReleaseException(root + " is locked by another run (" + root.resolve(".lock")
            + "); wait for it to finish");
      }
      ReleaseStore store = new ReleaseStore(root, ch, l);
      store.removeStaleStaging();
      return store;
    } catch (IOException e) {
      throw new ReleaseException("cannot open output " + root + ": " + e.getMessage(), e);
    }
  }

  public Path root() {
    return root;
  }

  public Path releasePath(String releaseId) {
    return root.resolve(releaseId);
  }

  public boolean exists(String releaseId) {
    return Files.exists(releasePath(releaseId));
  }

  /** Checks a release id and refuses an existing release unless {@code overwrite}. */
  public void checkPublishable(String releaseId, boolean overwrite) {
    if (!RELEASE_ID.matcher(releaseId).matches()) {
      throw new ReleaseException("invalid release id '" + releaseId + "' (letters, digits, '.', '_' and '-')");
    }
    if (exists(releaseId) && !overwrite) {
      throw new ReleaseException("release " + releasePath(releaseId) + " already exists; choose another release id"
          + " or pass --overwrite");
    }
  }

  /** A fresh staging folder for one run. */
  public Path newStaging(String releaseId) throws IOException {
    Path s = root.resolve(STAGING).resolve(releaseId + "-" + UUID.randomUUID());
    Files.createDirectories(s);
    return s;
  }

  /** Makes the staged release visible under its id in one atomic rename. */
  public Path publish(Path staging, String releaseId, boolean overwrite) throws IOException {
    Path target = releasePath(releaseId);
    Path old = null;
    if (Files.exists(target)) {
      if (!overwrite) {
        throw new ReleaseException("release " + target + " already exists");
      }
      old = root.resolve(STAGING).resolve(releaseId + "-replaced-" + UUID.randomUUID());
      Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
    }
    try {
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      throw new ReleaseException("the output file system cannot rename atomically: " + root, e);
    }
    if (old != null) {
      deleteTree(old);
    }
    return target;
  }

  public void discard(Path staging) {
    try {
      deleteTree(staging);
    } catch (IOException e) {
      // the next run removes stale staging folders
    }
  }

  private void removeStaleStaging() throws IOException {
    Path s = root.resolve(STAGING);
    if (Files.isDirectory(s)) {
      try (Stream<Path> children = Files.list(s)) {
        for (Path p : (Iterable<Path>) children::iterator) {
          deleteTree(p);
        }
      }
    }
  }

  static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(p)) {
      for (Path x : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(x);
      }
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      lockChannel.close();
    } catch (IOException e) {
      // closing the channel releases the lock in any case
    }
  }
}
