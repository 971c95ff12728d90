package io.appianon.release;

import io.appianon.hierarchy.Hierarchy;
import io.appianon.technique.PseudonymKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The processing-method information of a release (加工方法等情報, APPI Art. 43(2), PPC Rule 35): policies,
 * hierarchies and chosen parameters, kept apart from the release in an owner-only folder. It never
 * holds the pseudonym secret or any ID mapping unless the configuration opts in to keeping the
 * secret (GL 3-2-3-1: destroy them after creation), and then only sealed with {@link SecretBox}.
 * With a box, every file is stored sealed ({@code <name>.enc}).
 */
public final class MethodStore {
  /** File name of the sealed pseudonym secret inside a release's folder. */
  public static final String SECRET_FILE = "pseudonym-secret.enc";

  static final String SEALED_SUFFIX = ".enc";
  private final Path root;
  private final Optional<SecretBox> box;

  public MethodStore(Path root) {
    this(root, Optional.empty());
  }

  /** A store that seals every file it writes with {@code box} when present. */
  public MethodStore(Path root, Optional<SecretBox> box) {
    this.root = root;
    this.box = box;
  }

  public Path root() {
    return root;
  }

  /** Writes the method information of one release; replaces an earlier store for the same id. */
  public Path write(
      String releaseId,
      Map<String, Path> policies,
      Map<Path, Hierarchy> hierarchies,
      Map<String, Object> parameters)
      throws IOException {
    OwnerOnly.createDirectories(root);
    Path dir = root.resolve(releaseId);
    ReleaseStore.deleteTree(dir);
    OwnerOnly.createDirectories(dir);
    Path pol = OwnerOnly.createDirectories(dir.resolve("policies"));
    for (Map.Entry<String, Path> e : policies.entrySet()) {
      put(releaseId, pol.resolve(e.getKey() + ".conf"), Files.readAllBytes(e.getValue()));
    }
    Path hier = OwnerOnly.createDirectories(dir.resolve("hierarchies"));
    for (Path h : hierarchies.keySet()) {
      put(releaseId, hier.resolve(h.getFileName().toString()), Files.readAllBytes(h));
    }
    put(
        releaseId,
        dir.resolve("parameters.json"),
        (Json.write(parameters) + "\n").getBytes(StandardCharsets.UTF_8));
    return dir;
  }

  /**
   * Stores the release's pseudonym secret, sealed (the opt-in {@code
   * appianon.method-store.keep-secret}); the key bytes are never written in clear. Call after
   * {@link #write}, which replaces the release's folder.
   */
  public Path writeSecret(String releaseId, PseudonymKey key, SecretBox sealer) throws IOException {
    Path dir = OwnerOnly.createDirectories(root.resolve(releaseId));
    byte[] bytes = key.bytes();
    try {
      Path target = dir.resolve(SECRET_FILE);
      writeOwnerOnly(target, sealer.seal(bytes, secretContext(releaseId)));
      return target;
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /** Reads back the sealed pseudonym secret of a release ({@code --reuse-secret}). */
  public PseudonymKey readSecret(String releaseId, SecretBox opener) throws IOException {
    Path file = root.resolve(releaseId).resolve(SECRET_FILE);
    if (!Files.isRegularFile(file)) {
      throw new MethodKeyException(
          "release "
              + releaseId
              + " kept no pseudonym secret ("
              + file
              + " not found;"
              + " only releases made with appianon.method-store.keep-secret = true have one)");
    }
    byte[] bytes = opener.open(Files.readAllBytes(file), secretContext(releaseId));
    try {
      return PseudonymKey.fromBytes(bytes);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /**
   * Adds one JSON note (e.g. {@code provisions/<id>.json}: how a provision re-keyed the pseudonyms)
   * to a release's method information, sealed like every other file when the store seals.
   */
  public Path writeNote(String releaseId, String relative, Map<String, Object> note)
      throws IOException {
    Path dir = root.resolve(releaseId).normalize();
    Path target = dir.resolve(relative).normalize();
    if (!target.startsWith(dir) || relative.endsWith(SEALED_SUFFIX)) {
      throw new ReleaseException(
          "invalid method-store note '" + relative + "' for release " + releaseId);
    }
    OwnerOnly.createDirectories(root);
    OwnerOnly.createDirectories(dir);
    OwnerOnly.createDirectories(target.getParent());
    put(releaseId, target, (Json.write(note) + "\n").getBytes(StandardCharsets.UTF_8));
    return target;
  }

  /**
   * Deletes the method information of one release (and its deleted information: kept secret,
   * provision notes) when it is no longer needed (APPI Art. 41(5), GL: delete without delay);
   * returns how many files were removed.
   */
  public int delete(String releaseId) throws IOException {
    List<String> files = list(releaseId);
    ReleaseStore.deleteTree(root.resolve(releaseId));
    return files.size();
  }

  /**
   * The files of a release's method information, relative to its folder (sealed ones without {@code
   * .enc}).
   */
  public List<String> list(String releaseId) throws IOException {
    Path dir = root.resolve(releaseId);
    if (!Files.isDirectory(dir)) {
      throw new ReleaseException(
          "no processing-method information for release " + releaseId + " in " + root);
    }
    List<String> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s.sorted()::iterator) {
        if (Files.isRegularFile(p)) {
          out.add(dir.relativize(p).toString().replace('\\', '/'));
        }
      }
    }
    return out;
  }

  /**
   * The content of one file, opened with {@code opener} when it is sealed. The pseudonym secret is
   * never returned.
   */
  public byte[] read(String releaseId, String relative, Optional<SecretBox> opener)
      throws IOException {
    if (relative.equals(SECRET_FILE)) {
      throw new MethodKeyException(
          "the pseudonym secret is only read back by --reuse-secret, never shown");
    }
    Path dir = root.resolve(releaseId).normalize();
    Path plain = dir.resolve(relative).normalize();
    if (!plain.startsWith(dir)) {
      throw new ReleaseException(
          "'" + relative + "' is outside the method information of " + releaseId);
    }
    if (Files.isRegularFile(plain) && !relative.endsWith(SEALED_SUFFIX)) {
      return Files.readAllBytes(plain);
    }
    String sealedName = relative.endsWith(SEALED_SUFFIX) ? relative : relative + SEALED_SUFFIX;
    Path sealed = dir.resolve(sealedName).normalize();
    if (!Files.isRegularFile(sealed)) {
      throw new ReleaseException(
          "no file '" + relative + "' in the method information of " + releaseId);
    }
    SecretBox b =
        opener.orElseThrow(
            () -> new MethodKeyException(relative + " is sealed: set " + SecretBox.ENV));
    return b.open(Files.readAllBytes(sealed), fileContext(releaseId, stripSealed(sealedName)));
  }

  private void put(String releaseId, Path target, byte[] content) throws IOException {
    if (box.isPresent()) {
      String rel = root.resolve(releaseId).relativize(target).toString().replace('\\', '/');
      writeOwnerOnly(
          target.resolveSibling(target.getFileName() + SEALED_SUFFIX),
          box.get().seal(content, fileContext(releaseId, rel)));
    } else {
      writeOwnerOnly(target, content);
    }
  }

  private static void writeOwnerOnly(Path target, byte[] content) throws IOException {
    Files.deleteIfExists(target);
    Files.createFile(target);
    OwnerOnly.restrict(target);
    Files.write(target, content);
  }

  private static String stripSealed(String name) {
    return name.substring(0, name.length() - SEALED_SUFFIX.length());
  }

  static String secretContext(String releaseId) {
    return "appianon:pseudonym-secret:" + releaseId;
  }

  static String fileContext(String releaseId, String relative) {
    return "appianon:method-store:" + releaseId + ":" + relative;
  }
}
