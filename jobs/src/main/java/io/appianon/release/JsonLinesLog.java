package io.appianon.release;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An append-only log of JSON objects, one a line, owner-only (the audit trail and the provision
 * records). Lines are only ever appended, under an OS lock on the file; each carries {@code prev},
 * the SHA-256 of the line before it (the empty string for the first), so an edited or removed line
 * shows as a break in the chain ({@link #firstBreak}).
 */
public final class JsonLinesLog {
  /** The key holding the previous line's SHA-256. */
  public static final String PREV = "prev";

  private final Path file;

  public JsonLinesLog(Path file) {
    this.file = file;
  }

  public Path file() {
    return file;
  }

  /**
   * Appends one record (with {@code prev} set) and returns the line written, without its newline.
   */
  @SuppressWarnings("try") // the lock is held for the whole block
  public String append(Map<String, Object> record) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    if (!Files.isDirectory(dir)) {
      OwnerOnly.createDirectories(dir);
    }
    if (!Files.exists(file)) {
      try {
        Files.createFile(file);
        OwnerOnly.restrict(file);
      } catch (FileAlreadyExistsException e) {
        // created by a concurrent writer
      }
    }
    try (FileChannel ch =
            FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock = ch.lock()) {
      String last = lastLine(ch);
      Map<String, Object> r = new LinkedHashMap<>(record);
      r.put(PREV, last.isEmpty() ? "" : FileDigests.sha256(last.getBytes(StandardCharsets.UTF_8)));
      String line = Json.line(r);
      ch.position(ch.size());
      ByteBuffer buf = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
      return line;
    }
  }

  /** Every record, oldest first; an absent log is empty. */
  public List<Map<String, Object>> read() throws IOException {
    List<Map<String, Object>> out = new ArrayList<>();
    for (String line : lines()) {
      out.add(Json.mapper().readValue(line, new TypeReference<Map<String, Object>>() {}));
    }
    return out;
  }

  /**
   * The 1-based number of the first line whose {@code prev} does not match the line before it, if
   * any.
   */
  public Optional<Integer> firstBreak() throws IOException {
    List<String> lines = lines();
    String prev = "";
    for (int i = 0; i < lines.size(); i++) {
      Map<String, Object> r =
          Json.mapper().readValue(lines.get(i), new TypeReference<Map<String, Object>>() {});
      String expected =
          prev.isEmpty() ? "" : FileDigests.sha256(prev.getBytes(StandardCharsets.UTF_8));
      if (!expected.equals(r.get(PREV))) {
        return Optional.of(i + 1);
      }
      prev = lines.get(i);
    }
    return Optional.empty();
  }

  private List<String> lines() throws IOException {
    if (!Files.exists(file)) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (!l.isBlank()) {
        out.add(l);
      }
    }
    return out;
  }

  private static String lastLine(FileChannel ch) throws IOException {
    long size = ch.size();
    if (size == 0) {
      return "";
    }
    long end = size;
    ByteBuffer one = ByteBuffer.allocate(1);
    // skip the trailing newline(s)
    while (end > 0) {
      one.clear();
      ch.read(one, end - 1);
      if (one.get(0) != '\n') {
        break;
      }
      end--;
    }
    long start = end;
    while (start > 0) {
      one.clear();
      ch.read(one, start - 1);
      if (one.get(0) == '\n') {
        break;
      }
      start--;
    }
    ByteBuffer line = ByteBuffer.allocate((int) (end - start));
    while (line.hasRemaining()) {
      if (ch.read(line, start + line.position()) < 0) {
        break;
      }
    }
    return new String(line.array(), StandardCharsets.UTF_8);
  }
}
