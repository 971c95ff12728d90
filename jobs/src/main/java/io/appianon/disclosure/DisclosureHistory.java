package io.appianon.disclosure;

import io.appianon.release.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The public disclosure history of an output root, {@code <output>/disclosures/}: {@code
 * index.json} (every entry, oldest first), {@code index.html} (the history page) and one page per
 * entry ({@code <id>.html}, {@code <id>.md}). The whole folder is meant to be published on the
 * company website as is. Entries are only ever appended; callers hold the output root's lock
 * ({@link io.appianon.release.ReleaseStore}) while appending.
 */
public final class DisclosureHistory {
  /** The folder under the output root. */
  public static final String DIR = "disclosures";

  static final String FORMAT = "appianon-disclosures/1";
  private final Path dir;
  private final List<HistoryEntry> entries;

  private DisclosureHistory(Path dir, List<HistoryEntry> entries) {
    this.dir = dir;
    this.entries = new ArrayList<>(entries);
  }

  /** The history under {@code outputRoot} (empty when nothing was announced yet). */
  @SuppressWarnings("unchecked")
  public static DisclosureHistory load(Path outputRoot) {
    Path dir = outputRoot.resolve(DIR);
    Path index = dir.resolve("index.json");
    List<HistoryEntry> list = new ArrayList<>();
    if (Files.isRegularFile(index)) {
      try {
        Map<String, Object> m = Json.read(index);
        for (Map<String, Object> e :
            (List<Map<String, Object>>) m.getOrDefault("entries", List.of())) {
          list.add(HistoryEntry.fromJson(e));
        }
      } catch (IOException | RuntimeException e) {
        throw new IllegalStateException(
            "cannot read the disclosure history " + index + ": " + e.getMessage(), e);
      }
    }
    return new DisclosureHistory(dir, list);
  }

  public Path dir() {
    return dir;
  }

  public List<HistoryEntry> entries() {
    return List.copyOf(entries);
  }

  public Optional<HistoryEntry> last() {
    return entries.isEmpty() ? Optional.empty() : Optional.of(entries.get(entries.size() - 1));
  }

  public Optional<HistoryEntry> lastAnnouncement() {
    for (int i = entries.size() - 1; i >= 0; i--) {
      if (entries.get(i).isAnnouncement()) {
        return Optional.of(entries.get(i));
      }
    }
    return Optional.empty();
  }

  public Optional<HistoryEntry> lastRelease() {
    for (int i = entries.size() - 1; i >= 0; i--) {
      if (entries.get(i).isRelease()) {
        return Optional.of(entries.get(i));
      }
    }
    return Optional.empty();
  }

  public Optional<HistoryEntry> find(String id) {
    return entries.stream().filter(e -> e.id().equals(id)).findFirst();
  }

  /** True when a release entry follows {@code entry}. */
  public boolean releasedAfter(HistoryEntry entry) {
    int i = entries.indexOf(entry);
    return i >= 0
        && entries.subList(i + 1, entries.size()).stream().anyMatch(HistoryEntry::isRelease);
  }

  /**
   * A fresh entry id from {@code base} (a suffix when the id is taken, e.g. a release made again).
   */
  public String newId(String base) {
    String id = base;
    for (int n = 2; find(id).isPresent(); n++) {
      id = base + "-" + n;
    }
    return id;
  }

  /**
   * Appends one entry and rewrites {@code index.json}, {@code index.html} and the entry's pages.
   */
  public void append(HistoryEntry entry) throws IOException {
    append(entry, PageTemplates.SHIPPED);
  }

  /** As {@link #append(HistoryEntry)}, the pages from {@code templates}. */
  public void append(HistoryEntry entry, PageTemplates templates) throws IOException {
    if (find(entry.id()).isPresent()) {
      throw new IllegalStateException(
          "disclosure history already has an entry '" + entry.id() + "'");
    }
    Files.createDirectories(dir);
    writeAtomically(dir.resolve(entry.id() + ".html"), Pages.entryHtml(entry, templates));
    writeAtomically(dir.resolve(entry.id() + ".md"), Pages.entryMarkdown(entry, templates));
    entries.add(entry);
    Map<String, Object> index = new LinkedHashMap<>();
    index.put("format", FORMAT);
    index.put("updated_at", entry.at().toString());
    index.put("entries", entries.stream().map(HistoryEntry::toJson).toList());
    writeAtomically(dir.resolve("index.json"), Json.write(index) + "\n");
    writeAtomically(dir.resolve("index.html"), Pages.indexHtml(entries, templates));
  }

  static void writeAtomically(Path target, String content) throws IOException {
    Path tmp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    Files.writeString(tmp, content, StandardCharsets.UTF_8);
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** A timestamp id part, e.g. 20261123-093000 (UTC). */
  static String stamp(Instant t) {
    return DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(t);
  }
}
