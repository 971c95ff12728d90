package io.appianon.disclosure;

import io.appianon.core.Text;
import io.appianon.pipeline.DatasetPipeline;
import io.appianon.policy.DatasetPolicy;
import io.appianon.release.FileDigests;
import io.appianon.release.Json;
import io.appianon.release.Manifest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The content an announcement declares (APPI Art. 43(3) and (4)): per dataset the categories of
 * information contained and how each was processed, and the methods of provision. Two disclosures
 * with the same {@link #fingerprint} make the same public statement; {@link #changesSince} lists
 * what differs in public words.
 *
 * @param datasets what is published about each dataset
 * @param methods the methods of provision announced
 */
public record Disclosure(List<DatasetDisclosure> datasets, List<ProvisionMethod> methods) {

  public Disclosure {
    datasets = List.copyOf(datasets);
    methods = List.copyOf(methods);
  }

  /** What a release of {@code policies} will disclose, known before any data is read. */
  public static Disclosure planned(List<DatasetPolicy> policies, List<ProvisionMethod> methods) {
    return planned(policies, methods, java.util.Optional.empty());
  }

  /**
   * As {@link #planned(List, List)}, with the release's person-level model (its wording is known in
   * advance).
   */
  public static Disclosure planned(
      List<DatasetPolicy> policies,
      List<ProvisionMethod> methods,
      java.util.Optional<io.appianon.policy.PersonSpec> persons) {
    List<DatasetDisclosure> out = new ArrayList<>();
    for (DatasetPolicy p : policies) {
      io.appianon.core.Lineage lineage =
          persons
              .map(s -> io.appianon.pipeline.ReleasePrivacy.plannedLineage(s, policies, p))
              .orElseGet(() -> DatasetPipeline.plannedLineage(p));
      out.add(DatasetDisclosure.fromManifest(Manifest.dataset(p, lineage, 0)));
    }
    return new Disclosure(out, methods);
  }

  /** What a release's {@code manifest.json} discloses, with {@code methods}. */
  @SuppressWarnings("unchecked")
  public static Disclosure fromManifest(
      Map<String, Object> manifest, List<ProvisionMethod> methods) {
    List<DatasetDisclosure> out = new ArrayList<>();
    for (Map<String, Object> d :
        (List<Map<String, Object>>) manifest.getOrDefault("datasets", List.of())) {
      out.add(DatasetDisclosure.fromManifest(d));
    }
    return new Disclosure(out, methods);
  }

  public Optional<ProvisionMethod> method(String id) {
    return methods.stream().filter(m -> m.id().equals(id)).findFirst();
  }

  /**
   * SHA-256 of the categories, their processing and the record-level processing of every dataset.
   */
  public String contentFingerprint() {
    List<Object> ds = new ArrayList<>();
    for (DatasetDisclosure d : datasets) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", d.name());
      m.put(
          "categories",
          d.categories().stream()
              .map(
                  c ->
                      List.of(
                          c.name().ja(), c.name().en(), c.processing().ja(), c.processing().en()))
              .toList());
      m.put(
          "record_processing",
          d.recordProcessing().stream().map(t -> List.of(t.ja(), t.en())).toList());
      ds.add(m);
    }
    return FileDigests.sha256(Json.line(ds).getBytes(StandardCharsets.UTF_8));
  }

  /** {@link #contentFingerprint} together with the methods of provision. */
  public String fingerprint() {
    List<Object> all = new ArrayList<>();
    all.add(contentFingerprint());
    methods.forEach(m -> all.add(List.of(m.id(), m.description().ja(), m.description().en())));
    return FileDigests.sha256(Json.line(all).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * What this disclosure changes compared with {@code previous}, in public words; empty when
   * nothing.
   */
  public List<Change> changesSince(Disclosure previous) {
    List<Change> out = new ArrayList<>();
    Map<String, DatasetDisclosure> before = new LinkedHashMap<>();
    previous.datasets.forEach(d -> before.put(d.name(), d));
    Map<String, DatasetDisclosure> after = new LinkedHashMap<>();
    datasets.forEach(d -> after.put(d.name(), d));
    for (DatasetDisclosure d : datasets) {
      DatasetDisclosure old = before.get(d.name());
      if (old == null) {
        out.add(Change.datasetAdded(d.title()));
        for (Category c : d.categories()) {
          out.add(Change.categoryAdded(d.title(), c.name()));
        }
        continue;
      }
      Map<String, Category> was = keyed(old.categories());
      Map<String, Category> now = keyed(d.categories());
      for (Map.Entry<String, Category> e : now.entrySet()) {
        Category o = was.get(e.getKey());
        if (o == null) {
          out.add(Change.categoryAdded(d.title(), e.getValue().name()));
        } else if (!o.processing().equals(e.getValue().processing())) {
          out.add(
              Change.processingChanged(
                  d.title(), e.getValue().name(), o.processing(), e.getValue().processing()));
        }
      }
      for (Map.Entry<String, Category> e : was.entrySet()) {
        if (!now.containsKey(e.getKey())) {
          out.add(Change.categoryRemoved(d.title(), e.getValue().name()));
        }
      }
      if (!old.recordProcessing().equals(d.recordProcessing())) {
        out.add(Change.recordProcessingChanged(d.title()));
      }
    }
    for (DatasetDisclosure d : previous.datasets) {
      if (!after.containsKey(d.name())) {
        out.add(Change.datasetRemoved(d.title()));
      }
    }
    for (ProvisionMethod m : methods) {
      if (previous.method(m.id()).isEmpty()) {
        out.add(Change.methodAdded(m.description()));
      }
    }
    for (ProvisionMethod m : previous.methods) {
      if (method(m.id()).isEmpty()) {
        out.add(Change.methodRemoved(m.description()));
      }
    }
    return out;
  }

  /** Categories keyed by their Japanese name; a repeated name gets an occurrence suffix. */
  private static Map<String, Category> keyed(List<Category> cats) {
    Map<String, Category> out = new LinkedHashMap<>();
    for (Category c : cats) {
      String k = c.name().ja();
      int n = 2;
      while (out.containsKey(k)) {
        k = c.name().ja() + "#" + n++;
      }
      out.put(k, c);
    }
    return out;
  }

  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("datasets", datasets.stream().map(DatasetDisclosure::toJson).toList());
    m.put("provision_methods", methods.stream().map(ProvisionMethod::toJson).toList());
    return m;
  }

  @SuppressWarnings("unchecked")
  static Disclosure fromJson(Map<String, Object> m) {
    List<DatasetDisclosure> ds = new ArrayList<>();
    for (Map<String, Object> d :
        (List<Map<String, Object>>) m.getOrDefault("datasets", List.of())) {
      ds.add(DatasetDisclosure.fromManifest(d));
    }
    List<ProvisionMethod> ms = new ArrayList<>();
    for (Map<String, Object> x :
        (List<Map<String, Object>>) m.getOrDefault("provision_methods", List.of())) {
      ms.add(ProvisionMethod.fromJson(x));
    }
    return new Disclosure(ds, ms);
  }

  /** A {@code {ja, en}} object (or a plain string for both) as {@link Text}. */
  static Text text(Object o) {
    if (o instanceof Map<?, ?> m) {
      return Text.of(String.valueOf(m.get("ja")), String.valueOf(m.get("en")));
    }
    String s = String.valueOf(o);
    return Text.of(s, s);
  }
}
