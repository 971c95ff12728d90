package io.appianon.disclosure;

import io.appianon.core.Text;
import io.appianon.policy.DatasetPolicy;
import io.appianon.release.Manifest;
import io.appianon.release.ParquetLabels;
import io.appianon.release.ReleaseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The disclosure side of one release run: the announcement check before any data is read, the
 * public fields and pages of the release ({@code manifest.json}, {@code manifest.html}, {@code
 * manifest.md}), the labels in its Parquet footers, the final check on what was actually produced,
 * and the release's entry in the disclosure history.
 */
public final class ReleaseDisclosure {
  private final DisclosureSettings config;
  private final DisclosureConfig disclosure;
  private final DisclosureHistory history;
  private final AnnouncementGate.ReleaseDecision planned;

  private ReleaseDisclosure(
      DisclosureSettings config,
      DisclosureHistory history,
      AnnouncementGate.ReleaseDecision planned) {
    this.config = config;
    this.disclosure = config.disclosure();
    this.history = history;
    this.planned = planned;
  }

  /**
   * Checks, before any data is read, that the planned release is covered by the announcement in
   * effect (or that none is in effect); throws {@link AnnouncementException} when the release must
   * wait for a new announcement.
   */
  public static ReleaseDisclosure prepare(
      DisclosureSettings config, String releaseId, List<DatasetPolicy> policies, Instant now) {
    return prepare(config, releaseId, policies, java.util.Optional.empty(), now);
  }

  /**
   * As {@link #prepare(DisclosureSettings, String, List, Instant)}, with the release's person-level
   * model.
   */
  public static ReleaseDisclosure prepare(
      DisclosureSettings config,
      String releaseId,
      List<DatasetPolicy> policies,
      java.util.Optional<io.appianon.policy.PersonSpec> persons,
      Instant now) {
    if (DisclosureHistory.DIR.equals(releaseId)) {
      throw new ReleaseException(
          "release id '" + releaseId + "' is reserved for the disclosure history");
    }
    DisclosureConfig dc = config.disclosure();
    DisclosureHistory history = DisclosureHistory.load(config.output());
    Disclosure plan = Disclosure.planned(policies, dc.methodList(), persons);
    return new ReleaseDisclosure(
        config,
        history,
        AnnouncementGate.forRelease(history, plan, Optional.of(dc.terms()), now, dc.zone()));
  }

  /** The announcement that already covers this release, if any. */
  public Optional<String> coveredBy() {
    return planned.coveredBy().map(HistoryEntry::id);
  }

  /**
   * Checks what the release actually discloses (refusing it if it left the announcement in effect),
   * adds the public fields to {@code manifest}, writes {@code manifest.html} and {@code
   * manifest.md} and labels every Parquet file in {@code staging}. Returns the release's history
   * entry, to {@link #record} once the release is published.
   */
  public HistoryEntry complete(
      String releaseId, Map<String, Object> manifest, Path staging, Instant now)
      throws IOException {
    // the categories contained are those of the published files; the announced ones stay for the
    // announcement check
    markWithheld(manifest, staging);
    Disclosure actual = Disclosure.fromManifest(manifest, disclosure.methodList());
    AnnouncementGate.ReleaseDecision decision =
        AnnouncementGate.forRelease(
            history, actual, Optional.of(disclosure.terms()), now, disclosure.zone());
    LocalDate date = LocalDate.ofInstant(now, disclosure.zone());
    HistoryEntry entry =
        new HistoryEntry(
            history.newId("release-" + releaseId),
            HistoryEntry.RELEASE,
            now,
            date,
            Optional.of(releaseId),
            Optional.empty(),
            decision.coveredBy().map(HistoryEntry::id),
            config.producerName(),
            disclosure.terms().contact().orElse(config.producerContact()),
            Manifest.STATEMENT,
            actual,
            disclosure.securityMeasures(),
            disclosure.complaints(),
            decision.previousRelease().map(HistoryEntry::id),
            decision.changesSincePreviousRelease(),
            Optional.of(disclosure.terms()));

    manifest.put("status", Manifest.text(Notice.STATUS));
    manifest.put("produced_on", date.toString());
    manifest.put(
        "provision_methods", actual.methods().stream().map(ProvisionMethod::toJson).toList());
    manifest.put("security_measures", Manifest.text(disclosure.securityMeasures()));
    manifest.put("complaints", Manifest.text(disclosure.complaints()));
    manifest.put("prohibited", Manifest.text(Notice.PROHIBITION));
    Map<String, Object> ann = new LinkedHashMap<>();
    ann.put("entry", entry.id());
    ann.put("covered_by", entry.coveredBy().orElse(null));
    ann.put("page", DisclosureHistory.DIR + "/" + entry.page());
    ann.put("changes_since", entry.changesSince().orElse(null));
    ann.put("changes", entry.changes().stream().map(Change::toJson).toList());
    ann.put("adds_category", entry.addsCategory());
    manifest.put("announcement", ann);

    Files.writeString(
        staging.resolve("manifest.html"),
        Pages.entryHtml(entry, PageTemplates.of(disclosure)),
        StandardCharsets.UTF_8);
    Files.writeString(
        staging.resolve("manifest.md"),
        Pages.entryMarkdown(entry, PageTemplates.of(disclosure)),
        StandardCharsets.UTF_8);
    for (DatasetDisclosure d : actual.datasets()) {
      ParquetLabels.labelInPlace(staging.resolve(d.name()), labels(releaseId, d, entry.producer()));
    }
    return entry;
  }

  /**
   * Per dataset, the Japanese names of the categories whose every column holds no value in the
   * written files ({@code *} or null in every row): the page lists them as removed.
   */
  static Map<String, java.util.Set<String>> withheld(Map<String, Object> manifest, Path staging)
      throws IOException {
    Map<String, java.util.Set<String>> out = new LinkedHashMap<>();
    for (Map.Entry<String, List<Text>> e : withheldCategories(manifest, staging).entrySet()) {
      out.put(
          e.getKey(), new java.util.LinkedHashSet<>(e.getValue().stream().map(Text::ja).toList()));
    }
    return out;
  }

  /**
   * Per dataset, the categories whose every column holds no value in the written files, in manifest
   * order.
   */
  @SuppressWarnings("unchecked")
  private static Map<String, List<Text>> withheldCategories(
      Map<String, Object> manifest, Path staging) throws IOException {
    Map<String, List<Text>> out = new LinkedHashMap<>();
    for (Map<String, Object> d :
        (List<Map<String, Object>>) manifest.getOrDefault("datasets", List.of())) {
      String name = (String) d.get("name");
      java.util.Set<String> none = PublishedColumns.withheld(staging.resolve(name));
      Map<Text, Boolean> byCategory = new LinkedHashMap<>();
      Object all =
          d.containsKey(DatasetDisclosure.ANNOUNCED)
              ? d.get(DatasetDisclosure.ANNOUNCED)
              : d.getOrDefault("categories", List.of());
      for (Map<String, Object> c : (List<Map<String, Object>>) all) {
        byCategory.merge(
            Disclosure.text(c.get("category")),
            none.contains((String) c.get("column")),
            Boolean::logicalAnd);
      }
      out.put(
          name,
          byCategory.entrySet().stream()
              .filter(Map.Entry::getValue)
              .map(Map.Entry::getKey)
              .toList());
    }
    return out;
  }

  /**
   * Makes a manifest's {@code categories} those contained in the written files (APPI Art. 43(3):
   * the categories the data contains): a category whose every column is {@code *} or null in every
   * row moves to {@value DatasetDisclosure#WITHHELD}; every category the processing declares stays
   * under {@value DatasetDisclosure#ANNOUNCED}, which is what announcements are compared with. Both
   * kinds of release.
   */
  @SuppressWarnings("unchecked")
  public static void markWithheld(Map<String, Object> manifest, Path staging) throws IOException {
    Map<String, List<Text>> withheld = withheldCategories(manifest, staging);
    for (Map<String, Object> d :
        (List<Map<String, Object>>) manifest.getOrDefault("datasets", List.of())) {
      List<Map<String, Object>> all =
          (List<Map<String, Object>>)
              d.getOrDefault(DatasetDisclosure.ANNOUNCED, d.getOrDefault("categories", List.of()));
      List<Text> none = withheld.getOrDefault((String) d.get("name"), List.of());
      d.put(DatasetDisclosure.ANNOUNCED, all);
      d.put(
          "categories",
          all.stream().filter(c -> !none.contains(Disclosure.text(c.get("category")))).toList());
      d.put(DatasetDisclosure.WITHHELD, none.stream().map(Manifest::text).toList());
    }
  }

  /** Appends the published release's entry to the disclosure history (under the output lock). */
  public void record(HistoryEntry entry) throws IOException {
    history.append(entry, PageTemplates.of(disclosure));
  }

  /** The footer labels of a released dataset's Parquet files. */
  public static Map<String, String> labels(String releaseId, DatasetDisclosure d, Text producer) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(ParquetLabels.PREFIX + "status.ja", Notice.STATUS.ja());
    m.put(ParquetLabels.PREFIX + "status.en", Notice.STATUS.en());
    m.put(ParquetLabels.PREFIX + "statement.ja", Manifest.STATEMENT.ja());
    m.put(ParquetLabels.PREFIX + "statement.en", Manifest.STATEMENT.en());
    m.put(ParquetLabels.PREFIX + "prohibited.ja", Notice.PROHIBITION.ja());
    m.put(ParquetLabels.PREFIX + "prohibited.en", Notice.PROHIBITION.en());
    m.put(ParquetLabels.PREFIX + "producer.ja", producer.ja());
    m.put(ParquetLabels.PREFIX + "producer.en", producer.en());
    m.put(ParquetLabels.PREFIX + "release_id", releaseId);
    m.put(ParquetLabels.PREFIX + "dataset", d.name());
    m.put(
        ParquetLabels.PREFIX + "categories.ja",
        String.join("", d.contained().stream().map(c -> "「" + c.name().ja() + "」").toList()));
    m.put(
        ParquetLabels.PREFIX + "categories.en",
        String.join(", ", d.contained().stream().map(c -> c.name().en()).toList()));
    return m;
  }
}
