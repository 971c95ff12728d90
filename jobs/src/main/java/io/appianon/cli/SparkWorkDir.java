package io.appianon.cli;

import io.appianon.release.OwnerOnly;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The owner-only (0700) folder of one embedded run's Spark local directories ({@code
 * spark.local.dir}: shuffle and spill files, cached blocks, which hold raw rows) under {@code
 * appianon.work-dir}. Each run's folder {@code spark-<id>} has a lock file {@code spark-<id>.lock}
 * next to it, created and locked first and held by the run (the OS releases it when the process
 * dies); the folder is removed when the run ends, and a later run removes the folder of any run
 * whose lock it can take.
 */
final class SparkWorkDir implements AutoCloseable {
  private static final String PREFIX = "spark-";
  private static final String LOCK = ".lock";
  private final Path dir;
  private final Path lockFile;
  private final FileChannel channel;
  private final FileLock lock;

  private SparkWorkDir(Path dir, Path lockFile, FileChannel channel, FileLock lock) {
    this.dir = dir;
    this.lockFile = lockFile;
    this.channel = channel;
    this.lock = lock;
  }

  /** Creates a run's folder under {@code workDir} (created owner-only if needed). */
  static SparkWorkDir create(Path workDir) throws IOException {
    Path root = OwnerOnly.createDirectories(workDir.toAbsolutePath().normalize());
    String name =
        PREFIX + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
    Path lockFile = root.resolve(name + LOCK);
    FileChannel ch =
        FileChannel.open(lockFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    FileLock l = ch.lock();
    Path dir = OwnerOnly.createDirectories(root.resolve(name));
    return new SparkWorkDir(dir, lockFile, ch, l);
  }

  Path dir() {
    return dir;
  }

  /**
   * Removes the folders of runs that ended without removing theirs (killed), and returns them. A
   * folder whose lock is held (a live run, in this JVM or another) is left alone.
   */
  static List<Path> clearStale(Path workDir) throws IOException {
    List<Path> removed = new ArrayList<>();
    Path root = workDir.toAbsolutePath().normalize();
    if (!Files.isDirectory(root)) {
      return removed;
    }
    List<Path> entries;
    try (Stream<Path> s = Files.list(root)) {
      entries = s.sorted().toList();
    }
    for (Path p : entries) {
      String n = p.getFileName().toString();
      if (!n.startsWith(PREFIX) || n.endsWith(LOCK)) {
        continue;
      }
      Path lockFile = root.resolve(n + LOCK);
      if (!Files.exists(lockFile)) {
        deleteTree(
            p); // its run removed the lock file after the folder, or never got further than the
        // lock
        removed.add(p);
        continue;
      }
      try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
        FileLock l;
        try {
          l = ch.tryLock();
        } catch (OverlappingFileLockException e) {
          l = null;
        }
        if (l != null) {
          deleteTree(p);
          Files.deleteIfExists(lockFile);
          removed.add(p);
          l.release();
        }
      } catch (NoSuchFileException e) {
        // its run ended meanwhile and removed both
      }
    }
    return removed;
  }

  /** Removes this run's folder, then its lock file. */
  @Override
  public void close() {
    try {
      deleteTree(dir);
    } catch (IOException e) {
      // the next run removes it
    }
    try {
      Files.deleteIfExists(lockFile);
      lock.release();
      channel.close();
    } catch (IOException e) {
      // closing the channel releases the lock
    }
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(p)) {
      for (Path x : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(x);
      }
    }
  }
}
