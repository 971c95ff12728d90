package io.appianon.disclosure;

import io.appianon.policy.Text;
import io.appianon.release.Manifest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What is published about one dataset: the categories it contains and how each was processed, the categories deleted
 * in processing, and the processing applied to whole records.
 *
 * @param name the dataset's name in the release (folder name)
 * @param title the dataset's public title
 * @param categories the categories contained, in output column order
 * @param deleted the categories deleted (not contained), with how
 * @param recordProcessing record-level processing (suppression, shuffling)
 */
public record DatasetDisclosure(String name, Text title, List<Category> categories, List<Category> deleted,
    List<Text> recordProcessing) {

  public DatasetDisclosure {
    categories = List.copyOf(categories);
    deleted = List.copyOf(deleted);
    recordProcessing = List.copyOf(recordProcessing);
  }

  /** Reads one dataset of a manifest as {@link Manifest#dataset} builds it. */
  @SuppressWarnings("unchecked")
  public static DatasetDisclosure fromManifest(Map<String, Object> m) {
    List<Category> cats = new ArrayList<>();
    for (Map<String, Object> c : (List<Map<String, Object>>) m.getOrDefault("categories", List.of())) {
      cats.add(new Category(Disclosure.text(c.get("category")), Disclosure.text(c.get("processing"))));
    }
    List<Category> del = new ArrayList<>();
    for (Map<String, Object> c : (List<Map<String, Object>>) m.getOrDefault("deleted", List.of())) {
      del.add(new Category(Disclosure.text(c.get("category")), Disclosure.text(c.get("processing"))));
    }
    List<Text> rec = new ArrayList<>();
    for (Object t : (List<Object>) m.getOrDefault("record_processing", List.of())) {
      rec.add(Disclosure.text(t));
    }
    return new DatasetDisclosure((String) m.get("name"), Disclosure.text(m.get("title")), cats, del, rec);
  }

  /** The JSON form used in the disclosure history (no column names, no record counts). */
  public Map<String, Object> toJson() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("name", name);
    d.put("title", Manifest.text(title));
    d.put("categories", categories.stream().map(DatasetDisclosure::json).toList());
    d.put("deleted", deleted.stream().map(DatasetDisclosure::json).toList());
    d.put("record_processing", recordProcessing.stream().map(Manifest::text).toList());
    return d;
  }

  private static Map<String, Object> json(Category c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("category", Manifest.text(c.name()));
    m.put("processing", Manifest.text(c.processing()));
    return m;
  }
}
