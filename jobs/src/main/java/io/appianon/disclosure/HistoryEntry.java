package io.appianon.disclosure;

import io.appianon.core.Text;
import io.appianon.release.Manifest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One public announcement in the disclosure history: either an {@code announcement} published ahead
 * of creation ({@code appi-anon announce}), or the creation announcement of a {@code release},
 * which may be covered by an earlier continuous announcement. Entries are written once and never
 * changed.
 *
 * @param id the entry id, also the name of its page ({@code <id>.html})
 * @param kind {@link #ANNOUNCEMENT} or {@link #RELEASE}
 * @param at when it was published
 * @param date the publication date in the disclosure time zone
 * @param releaseId the release, for a release entry
 * @param coverage what an announcement covers (continuous, a period, or the next release only)
 * @param coveredBy for a release, the announcement that already covers it (no new announcement
 *     needed)
 * @param producer the business that produces and provides the data
 * @param contact the contact for enquiries and complaints
 * @param statement the statement that the data is anonymously processed information
 * @param disclosure the categories per dataset and the methods of provision
 * @param securityMeasures the security-control measures (Art. 43(6))
 * @param complaints the complaint handling (Art. 43(6))
 * @param changesSince the entry the changes are counted from (previous release for a release,
 *     previous entry for an announcement)
 * @param changes what changed since then, in public words
 * @param terms the purpose of use, the classes of recipients and the wording of continuing creation
 *     (entries written before these settings existed have none)
 */
public record HistoryEntry(
    String id,
    String kind,
    Instant at,
    LocalDate date,
    Optional<String> releaseId,
    Optional<DisclosureConfig.Coverage> coverage,
    Optional<String> coveredBy,
    Text producer,
    Text contact,
    Text statement,
    Disclosure disclosure,
    Text securityMeasures,
    Text complaints,
    Optional<String> changesSince,
    List<Change> changes,
    Optional<PublicTerms> terms) {

  public static final String ANNOUNCEMENT = "announcement";
  public static final String RELEASE = "release";

  public HistoryEntry {
    changes = List.copyOf(changes);
  }

  /** An entry without {@link PublicTerms}. */
  public HistoryEntry(
      String id,
      String kind,
      Instant at,
      LocalDate date,
      Optional<String> releaseId,
      Optional<DisclosureConfig.Coverage> coverage,
      Optional<String> coveredBy,
      Text producer,
      Text contact,
      Text statement,
      Disclosure disclosure,
      Text securityMeasures,
      Text complaints,
      Optional<String> changesSince,
      List<Change> changes) {
    this(
        id,
        kind,
        at,
        date,
        releaseId,
        coverage,
        coveredBy,
        producer,
        contact,
        statement,
        disclosure,
        securityMeasures,
        complaints,
        changesSince,
        changes,
        Optional.empty());
  }

  public boolean isAnnouncement() {
    return ANNOUNCEMENT.equals(kind);
  }

  public boolean isRelease() {
    return RELEASE.equals(kind);
  }

  /** True when a change adds a category (said explicitly on the pages). */
  public boolean addsCategory() {
    return changes.stream().anyMatch(c -> c.type().equals(Change.CATEGORY_ADDED));
  }

  public String page() {
    return id + ".html";
  }

  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("kind", kind);
    m.put("at", at.toString());
    m.put("date", date.toString());
    m.put("release_id", releaseId.orElse(null));
    m.put("coverage", coverage.map(DisclosureConfig.Coverage::toJson).orElse(null));
    m.put("covered_by", coveredBy.orElse(null));
    m.put("producer", Manifest.text(producer));
    m.put("contact", Manifest.text(contact));
    m.put("statement", Manifest.text(statement));
    m.putAll(disclosure.toJson());
    m.put("fingerprint", disclosure.fingerprint());
    m.put("security_measures", Manifest.text(securityMeasures));
    m.put("complaints", Manifest.text(complaints));
    m.put("changes_since", changesSince.orElse(null));
    m.put("changes", changes.stream().map(Change::toJson).toList());
    m.put("adds_category", addsCategory());
    m.put("page", page());
    terms.ifPresent(t -> m.put("terms", t.toJson()));
    return m;
  }

  @SuppressWarnings("unchecked")
  static HistoryEntry fromJson(Map<String, Object> m) {
    List<Change> changes = new ArrayList<>();
    for (Map<String, Object> c : (List<Map<String, Object>>) m.getOrDefault("changes", List.of())) {
      changes.add(Change.fromJson(c));
    }
    return new HistoryEntry(
        (String) m.get("id"),
        (String) m.get("kind"),
        Instant.parse((String) m.get("at")),
        LocalDate.parse((String) m.get("date")),
        opt(m.get("release_id")),
        m.get("coverage") == null
            ? Optional.empty()
            : Optional.of(DisclosureConfig.Coverage.fromJson(m.get("coverage"))),
        opt(m.get("covered_by")),
        Disclosure.text(m.get("producer")),
        Disclosure.text(m.get("contact")),
        Disclosure.text(m.get("statement")),
        Disclosure.fromJson(m),
        Disclosure.text(m.get("security_measures")),
        Disclosure.text(m.get("complaints")),
        opt(m.get("changes_since")),
        changes,
        PublicTerms.fromJson(m.get("terms")));
  }

  private static Optional<String> opt(Object o) {
    return o == null ? Optional.empty() : Optional.of(o.toString());
  }
}
