package io.appianon.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What happened to each column, traced from the input declarations through every technique, in
 * words the public can read. The manifest (categories of information contained, and how each was
 * processed) is generated from it, so the disclosure cannot drift from the processing.
 */
public final class Lineage {

  /**
   * One output column: its category, the input column it came from, its role, and the processing
   * applied.
   */
  public static final class Entry {
    private final String source;
    private final ColumnRole role;
    private Text category;
    private final List<Text> processing = new ArrayList<>();
    private final List<Processing> kinds = new ArrayList<>();

    Entry(String source, ColumnRole role, Text category) {
      this.source = source;
      this.role = role;
      this.category = category;
    }

    Entry copy() {
      Entry e = new Entry(source, role, category);
      e.processing.addAll(processing);
      e.kinds.addAll(kinds);
      return e;
    }

    public String source() {
      return source;
    }

    public ColumnRole role() {
      return role;
    }

    public Optional<Text> category() {
      return Optional.ofNullable(category);
    }

    public List<Text> processing() {
      return List.copyOf(processing);
    }

    /** The kinds of processing applied, in order (pseudonymized, generalized, ...). */
    public List<Processing> kinds() {
      return List.copyOf(kinds);
    }
  }

  /** A column deleted from the output, with its category. */
  public record Deleted(String column, ColumnRole role, Optional<Text> category, Text how) {}

  private final Map<String, Entry> columns = new LinkedHashMap<>();
  private final List<Deleted> deleted = new ArrayList<>();
  private final List<Text> recordLevel = new ArrayList<>();

  public void input(String column, ColumnRole role, Optional<Text> category) {
    columns.put(column, new Entry(column, role, category.orElse(null)));
  }

  public Entry entry(String column) {
    Entry e = columns.get(column);
    if (e == null) {
      throw new IllegalStateException("No lineage for column '" + column + "'");
    }
    return e;
  }

  public boolean has(String column) {
    return columns.containsKey(column);
  }

  public void delete(String column, Text how) {
    Entry e = columns.remove(column);
    if (e != null) {
      deleted.add(new Deleted(column, e.role, Optional.ofNullable(e.category), how));
    }
  }

  /** The column was changed in place. */
  public void process(String column, Processing kind, Text how) {
    Entry e = entry(column);
    e.processing.add(how);
    e.kinds.add(kind);
  }

  /**
   * A new column derived from {@code from}; it inherits the source's category unless {@code
   * category} is given. When {@code dropSource}, the source column is gone afterwards (without
   * being listed as deleted: it lives on, processed).
   */
  public void derive(
      String from,
      String to,
      Processing kind,
      Text how,
      Optional<Text> category,
      boolean dropSource) {
    Entry src = entry(from);
    Entry e = src.copy();
    e.processing.add(how);
    e.kinds.add(kind);
    category.ifPresent(c -> e.category = c);
    if (dropSource) {
      columns.remove(from);
    }
    columns.put(to, e);
  }

  /** Processing that applies to whole records (record deletion, suppression, shuffling). */
  public void records(Text how) {
    recordLevel.add(how);
  }

  public Map<String, Entry> columns() {
    return java.util.Collections.unmodifiableMap(columns);
  }

  public List<Deleted> deleted() {
    return List.copyOf(deleted);
  }

  public List<Text> recordLevel() {
    return List.copyOf(recordLevel);
  }
}
