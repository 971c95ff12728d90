package io.appianon.release;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The output folder of releases. A release is written to a staging folder inside the output root
 * and becomes visible by one atomic rename to {@code <root>/<release-id>}, so it appears complete
 * or not at all; a run killed at any point leaves only a staging folder, which the next run
 * removes. One run at a time holds the root's lock (an OS file lock, released by the OS even when
 * the process is killed). An existing release is never replaced unless asked.
 *
 * <p>Overwrite moves the published release aside to {@code .staging/.replaced/<release-id>} (one
 * rename), moves the new one in (one rename), then deletes the old copy. Between the two renames
 * (microseconds) the release path is absent; a run killed there leaves the complete old copy aside,
 * and the next {@link #open} puts it back before anything else (and says so in {@link #recovered}).
 * A run killed after the new copy is in place leaves the new release published; the next open
 * removes the old copy. No open ever deletes the only copy of a release.
 */
public final class ReleaseStore implements AutoCloseable {
  public static final Pattern RELEASE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
  static final String STAGING = ".staging";

  /**
   * Inside {@link #STAGING}: the release an overwrite is replacing, by release id, until the new
   * one is in place.
   */
  static final String REPLACED = ".replaced";

  /**
   * Test hook: the JVM halts (as if killed) at the publish step this system property names; see
   * {@link #step}.
   */
  public static final String HALT_AT = "io.appianon.test.halt-at";

  /**
   * Replaced copies left by versions before the {@link #REPLACED} folder: {@code
   * <release-id>-replaced-<uuid>}.
   */
  private static final Pattern LEGACY_REPLACED =
      Pattern.compile("(.+)-replaced-[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}");

  private static final Logger LOG = LoggerFactory.getLogger(ReleaseStore.class);

  /** The locks this JVM holds, by absolute output root. */
  private static final Map<Path, Held> HELD = new HashMap<>();

  /** One held OS lock, shared by the stores of one run (see {@link #shareWithCurrentThread}). */
  private static final class Held {
    final FileChannel channel;
    final FileLock lock;
    int users = 1;
    Thread sharedWith;

    Held(FileChannel channel, FileLock lock) {
      this.channel = channel;
      this.lock = lock;
    }
  }

  private final Path root;
  private final Path key;
  private final Held held;
  private final List<String> recovered;
  private boolean closed;

  private ReleaseStore(Path root, Path key, Held held, List<String> recovered) {
    this.root = root;
    this.key = key;
    this.held = held;
    this.recovered = recovered;
  }

  /**
   * Opens the output root and takes its lock; fails at once if another run holds it. Then repairs
   * what a killed run left (an interrupted overwrite, see the class comment) and removes stale
   * staging folders.
   */
  public static ReleaseStore open(Path root) {
    Path key = root.toAbsolutePath().normalize();
    synchronized (HELD) {
      Held h = HELD.get(key);
      if (h != null) {
        if (h.sharedWith != Thread.currentThread()) {
          throw locked(root);
        }
        h.users++;
        return new ReleaseStore(root, key, h, List.of());
      }
      FileChannel ch = null;
      try {
        Files.createDirectories(root);
        ch =
            FileChannel.open(
                root.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock l = tryLock(ch).orElseThrow(() -> locked(root));
        List<String> recovered = recover(root);
        h = new Held(ch, l);
        HELD.put(key, h);
        return new ReleaseStore(root, key, h, recovered);
      } catch (IOException e) {
        closeQuietly(ch);
        throw new ReleaseException("cannot open output " + root + ": " + e.getMessage(), e);
      } catch (RuntimeException e) {
        closeQuietly(ch);
        throw e;
      }
    }
  }

  private static ReleaseException locked(Path root) {
    return new ReleaseException(
        root + " is locked by another run (" + root.resolve(".lock") + "); wait for it to finish");
  }

  /**
   * Lets later {@link #open} calls of this thread on the same root join this store's lock instead
   * of being refused, until this store is closed: a command locks the output before it starts
   * Spark, then runs the job, which opens the store again.
   */
  public void shareWithCurrentThread() {
    synchronized (HELD) {
      held.sharedWith = Thread.currentThread();
    }
  }

  /**
   * What {@link #open} repaired after a killed run, one sentence each (empty for a store joined by
   * sharing).
   */
  public List<String> recovered() {
    return recovered;
  }

  public Path root() {
    return root;
  }

  public Path releasePath(String releaseId) {
    return root.resolve(releaseId);
  }

  public boolean exists(String releaseId) {
    return Files.exists(releasePath(releaseId), LinkOption.NOFOLLOW_LINKS);
  }

  /** Checks a release id and refuses an existing release unless {@code overwrite}. */
  public void checkPublishable(String releaseId, boolean overwrite) {
    checkId(releaseId);
    if (exists(releaseId) && !overwrite) {
      throw new ReleaseException(
          "release "
              + releasePath(releaseId)
              + " already exists; choose another release id"
              + " or pass --overwrite");
    }
  }

  /** Refuses a release id that is not a plain folder name. */
  public static void checkId(String releaseId) {
    if (!RELEASE_ID.matcher(releaseId).matches()) {
      throw new ReleaseException(
          "invalid release id '" + releaseId + "' (letters, digits, '.', '_' and '-')");
    }
  }

  /** A fresh staging folder for one run. */
  public Path newStaging(String releaseId) throws IOException {
    Path s = root.resolve(STAGING).resolve(releaseId + "-" + UUID.randomUUID());
    Files.createDirectories(s);
    return s;
  }

  /**
   * Makes the staged release visible under its id: one atomic rename, or with {@code overwrite} of
   * an existing release the three steps of the class comment.
   */
  public Path publish(Path staging, String releaseId, boolean overwrite) throws IOException {
    checkId(releaseId);
    Path target = releasePath(releaseId);
    step("publish.staged");
    if (!exists(releaseId)) {
      move(staging, target);
      step("publish.moved");
      return target;
    }
    if (!overwrite) {
      throw new ReleaseException("release " + target + " already exists");
    }
    Path aside = root.resolve(STAGING).resolve(REPLACED).resolve(releaseId);
    deleteTree(aside); // open() has put back any earlier copy, so this is never the only one
    Files.createDirectories(aside.getParent());
    move(target, aside);
    step("overwrite.old-moved");
    move(staging, target);
    step("overwrite.new-moved");
    deleteTree(aside);
    step("overwrite.old-deleted");
    return target;
  }

  public void discard(Path staging) {
    try {
      deleteTree(staging);
    } catch (IOException e) {
      // the next run removes stale staging folders
    }
  }

  private void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      throw new ReleaseException("the output file system cannot rename atomically: " + root, e);
    }
  }

  /** The test hook: halts the JVM, as a kill would, when {@link #HALT_AT} names this step. */
  static void step(String name) {
    if (name.equals(System.getProperty(HALT_AT))) {
      System.err.println("appi-anon: test hook: halting at " + name);
      System.err.flush();
      Runtime.getRuntime().halt(137);
    }
  }

  /**
   * Puts back releases an interrupted overwrite moved aside, then removes every other staging
   * folder.
   */
  private static List<String> recover(Path root) throws IOException {
    List<String> done = new ArrayList<>();
    Path s = root.resolve(STAGING);
    if (!Files.isDirectory(s)) {
      return done;
    }
    Path replaced = s.resolve(REPLACED);
    if (Files.isDirectory(replaced)) {
      for (Path old : list(replaced)) {
        restoreOrDrop(root, old, old.getFileName().toString(), done);
      }
    }
    for (Path p : list(s)) {
      Matcher m = LEGACY_REPLACED.matcher(p.getFileName().toString());
      if (m.matches() && Files.isRegularFile(p.resolve("manifest.json"))) {
        restoreOrDrop(root, p, m.group(1), done);
      }
    }
    for (Path p : list(s)) {
      deleteTree(p);
    }
    done.forEach(LOG::warn);
    return done;
  }

  private static void restoreOrDrop(Path root, Path old, String releaseId, List<String> done)
      throws IOException {
    Path target = root.resolve(releaseId);
    if (!RELEASE_ID.matcher(releaseId).matches()) {
      return;
    }
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      deleteTree(old);
      done.add(
          "completed the interrupted overwrite of release "
              + target
              + ": the new release is in place; removed"
              + " the replaced copy");
    } else {
      Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
      done.add(
          "restored release "
              + target
              + ": an interrupted overwrite had moved it aside to "
              + old
              + "; the new copy was not published (run again with --overwrite to replace it)");
    }
  }

  private static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> children = Files.list(dir)) {
      return children.sorted().toList();
    }
  }

  static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(p)) {
      for (Path x : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(x);
      }
    }
  }

  private static void closeQuietly(FileChannel ch) {
    if (ch != null) {
      try {
        ch.close();
      } catch (IOException e) {
        // closing releases any lock
      }
    }
  }

  @Override
  public void close() {
    synchronized (HELD) {
      if (closed) {
        return;
      }
      closed = true;
      if (--held.users > 0) {
        return;
      }
      HELD.remove(key);
      try {
        held.lock.release();
      } catch (IOException e) {
        // closing the channel releases the lock in any case
      }
      closeQuietly(held.channel);
    }
  }

  /**
   * The lock of {@code ch} if no other process, and no other channel of this JVM, holds it (the
   * JVM-wide case throws OverlappingFileLockException, read here as "held").
   */
  public static java.util.Optional<FileLock> tryLock(FileChannel ch) throws IOException {
    try {
      return java.util.Optional.ofNullable(ch.tryLock());
    } catch (OverlappingFileLockException e) {
      return java.util.Optional.empty();
    }
  }
}
