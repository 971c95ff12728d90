package io.appianon.hierarchy;

import io.appianon.core.Origin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds hierarchies by name in a directory ({@code <dir>/<name>.csv}) or by explicit path (a name
 * ending in {@code .csv}, relative to the directory or absolute). A missing or malformed file fails
 * with the policy key that named it and the path that was tried.
 */
public final class HierarchyResolver {
  private final Path dir;
  private final char delimiter;
  private final Map<Path, Hierarchy> cache = new ConcurrentHashMap<>();

  public HierarchyResolver(Path dir, char delimiter) {
    this.dir = dir;
    this.delimiter = delimiter;
  }

  public HierarchyResolver(Path dir) {
    this(dir, ';');
  }

  public Path directory() {
    return dir;
  }

  /** The file a name refers to. */
  public Path pathOf(String name) {
    return name.endsWith(".csv") ? dir.resolve(name) : dir.resolve(name + ".csv");
  }

  public Hierarchy resolve(String name, Origin origin) {
    if (name == null || name.isBlank()) {
      throw origin.error("must name a hierarchy");
    }
    if (name.equals("none") || name.equals("flat")) {
      return Hierarchy.flat(name);
    }
    Path file = pathOf(name);
    Hierarchy cached = cache.get(file);
    if (cached != null) {
      return cached;
    }
    if (!Files.isRegularFile(file)) {
      throw origin.error(
          "hierarchy '"
              + name
              + "' not found: no file "
              + file
              + " (set appianon.hierarchies.dir or give a path ending in .csv)");
    }
    try {
      String base = file.getFileName().toString().replaceFirst("\\.csv$", "");
      Hierarchy h = Hierarchy.fromCsv(base, file, delimiter);
      cache.put(file, h);
      return h;
    } catch (IOException | IllegalArgumentException e) {
      throw origin.error("cannot read hierarchy file " + file + ": " + e.getMessage());
    }
  }

  /** Every hierarchy resolved so far, by file (recorded in the processing-method store). */
  public Map<Path, Hierarchy> resolved() {
    return Map.copyOf(cache);
  }
}
