package io.appianon.release;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** SHA-256 digests of bytes, files and folders, for the audit trail and the provision records. */
public final class FileDigests {
  private FileDigests() {}

  public static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(digest().digest(bytes));
  }

  public static String sha256(Path file) throws IOException {
    MessageDigest md = digest();
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /**
   * One {@code {path, bytes, sha256}} per regular file at {@code path} (the file itself, or every
   * file under a folder, hidden checksum files excluded, in name order); a path that does not exist
   * gives one entry with {@code missing = true}. Paths are shown as given, joined with the relative
   * name for folders.
   */
  public static List<Map<String, Object>> describe(Path path) throws IOException {
    List<Map<String, Object>> out = new ArrayList<>();
    if (Files.isRegularFile(path)) {
      out.add(entry(path.toString(), path));
    } else if (Files.isDirectory(path)) {
      try (Stream<Path> s = Files.walk(path)) {
        for (Path p : (Iterable<Path>) s.sorted()::iterator) {
          if (Files.isRegularFile(p) && !p.getFileName().toString().startsWith(".")) {
            out.add(entry(path.resolve(path.relativize(p)).toString(), p));
          }
        }
      }
    } else {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("path", path.toString());
      m.put("missing", true);
      out.add(m);
    }
    return out;
  }

  private static Map<String, Object> entry(String shown, Path p) throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("path", shown);
    m.put("bytes", Files.size(p));
    m.put("sha256", sha256(p));
    return m;
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
