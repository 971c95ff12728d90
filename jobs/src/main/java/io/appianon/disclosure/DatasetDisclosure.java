package io.appianon.disclosure;

import io.appianon.core.Text;
import io.appianon.release.Manifest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What is published about one dataset: the categories it contains and how each was processed, the
 * categories deleted in processing, and the processing applied to whole records.
 *
 * @param name the dataset's name in the release (folder name)
 * @param title the dataset's public title
 * @param categories the categories contained, in output column order
 * @param deleted the categories deleted (not contained), with how
 * @param recordProcessing record-level processing (suppression, shuffling)
 * @param withheld of {@code categories}, those that hold no value in any row of the published files
 *     ({@code *} or null everywhere, {@link PublishedColumns}): announced, but not contained
 */
public record DatasetDisclosure(
    String name,
    Text title,
    List<Category> categories,
    List<Category> deleted,
    List<Text> recordProcessing,
    List<Text> withheld) {

  /**
   * Key of a release manifest's dataset: every category the processing declares (what announcements
   * compare).
   */
  public static final String ANNOUNCED = "announced_categories";

  /**
   * Key of a release manifest's dataset: the announced categories with no value in any published
   * row.
   */
  public static final String WITHHELD = "withheld_categories";

  public DatasetDisclosure {
    categories = List.copyOf(categories);
    deleted = List.copyOf(deleted);
    recordProcessing = List.copyOf(recordProcessing);
    withheld = List.copyOf(withheld);
  }

  public DatasetDisclosure(
      String name,
      Text title,
      List<Category> categories,
      List<Category> deleted,
      List<Text> recordProcessing) {
    this(name, title, categories, deleted, recordProcessing, List.of());
  }

  /**
   * The categories contained in the published files: {@link #categories} less {@link #withheld}.
   */
  public List<Category> contained() {
    return categories.stream().filter(c -> !withheld.contains(c.name())).toList();
  }

  /**
   * Reads one dataset of a manifest as {@link Manifest#dataset} builds it: the announced categories
   * (under {@value #ANNOUNCED} in a release's manifest, whose {@code categories} are the contained
   * ones; else {@code categories}) and the withheld ones.
   */
  @SuppressWarnings("unchecked")
  public static DatasetDisclosure fromManifest(Map<String, Object> m) {
    List<Category> cats = new ArrayList<>();
    Object announced =
        m.containsKey(ANNOUNCED) ? m.get(ANNOUNCED) : m.getOrDefault("categories", List.of());
    for (Map<String, Object> c : (List<Map<String, Object>>) announced) {
      cats.add(
          new Category(Disclosure.text(c.get("category")), Disclosure.text(c.get("processing"))));
    }
    List<Text> none = new ArrayList<>();
    for (Object t : (List<Object>) m.getOrDefault(WITHHELD, List.of())) {
      none.add(Disclosure.text(t));
    }
    List<Category> del = new ArrayList<>();
    for (Map<String, Object> c : (List<Map<String, Object>>) m.getOrDefault("deleted", List.of())) {
      del.add(
          new Category(Disclosure.text(c.get("category")), Disclosure.text(c.get("processing"))));
    }
    List<Text> rec = new ArrayList<>();
    for (Object t : (List<Object>) m.getOrDefault("record_processing", List.of())) {
      rec.add(Disclosure.text(t));
    }
    return new DatasetDisclosure(
        (String) m.get("name"), Disclosure.text(m.get("title")), cats, del, rec, none);
  }

  /** The JSON form used in the disclosure history (no column names, no record counts). */
  public Map<String, Object> toJson() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("name", name);
    d.put("title", Manifest.text(title));
    d.put("categories", categories.stream().map(DatasetDisclosure::json).toList());
    d.put("deleted", deleted.stream().map(DatasetDisclosure::json).toList());
    d.put("record_processing", recordProcessing.stream().map(Manifest::text).toList());
    if (!withheld.isEmpty()) {
      d.put(WITHHELD, withheld.stream().map(Manifest::text).toList());
    }
    return d;
  }

  private static Map<String, Object> json(Category c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("category", Manifest.text(c.name()));
    m.put("processing", Manifest.text(c.processing()));
    return m;
  }
}
