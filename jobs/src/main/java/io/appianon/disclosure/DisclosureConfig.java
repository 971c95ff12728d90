package io.appianon.disclosure;

import io.appianon.core.Conf;
import io.appianon.core.Text;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The public-disclosure settings: {@code appianon.disclosure} (measures published under APPI Art.
 * 43(6), the announcement's coverage, the methods of provision, the notice interval) and {@code
 * appianon.provisions.dir}.
 *
 * @param securityMeasures the security-control measures taken for the data, published with every
 *     announcement
 * @param complaints how complaints about the data are handled, published with every announcement
 * @param minNotice how long an announcement must have been public before a provision it covers
 * @param zone the time zone of the dates shown to the public
 * @param coverage whether an announcement covers continuous creation and provision, or a period
 * @param methods the methods of provision announced, by id (e.g. {@code encrypted-transfer})
 * @param provisionsDir where {@code provide} packages releases for recipients
 * @param templates the folder of the privacy office's edited page templates ({@link
 *     PageTemplates}), if set
 * @param terms the purpose of use, the classes of recipients, the contact and the
 *     continuing-creation wording
 */
public record DisclosureConfig(
    Text securityMeasures,
    Text complaints,
    Duration minNotice,
    ZoneId zone,
    Coverage coverage,
    Map<String, Text> methods,
    Path provisionsDir,
    Optional<Path> templates,
    PublicTerms terms) {

  /** Method ids: lower-case words joined by '-'. */
  public static final Pattern METHOD_ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

  /**
   * What one announcement covers: every later release and provision with the same categories and
   * methods ({@code continuous}), those within a period of dates ({@code from}/{@code until},
   * inclusive), or, with neither, only the next release.
   */
  public record Coverage(boolean continuous, Optional<LocalDate> from, Optional<LocalDate> until) {
    public static final Coverage SINGLE = new Coverage(false, Optional.empty(), Optional.empty());

    /** True when the announcement covers repeated releases (continuous or over a period). */
    public boolean repeated() {
      return continuous || from.isPresent() || until.isPresent();
    }

    /** True when {@code date} lies within the period (no bound means open). */
    public boolean includes(LocalDate date) {
      return from.map(f -> !date.isBefore(f)).orElse(true)
          && until.map(u -> !date.isAfter(u)).orElse(true);
    }

    public Map<String, Object> toJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("continuous", continuous);
      m.put("from", from.map(LocalDate::toString).orElse(null));
      m.put("until", until.map(LocalDate::toString).orElse(null));
      return m;
    }

    static Coverage fromJson(Object o) {
      if (!(o instanceof Map<?, ?> m)) {
        return SINGLE;
      }
      return new Coverage(
          Boolean.TRUE.equals(m.get("continuous")), date(m.get("from")), date(m.get("until")));
    }

    private static Optional<LocalDate> date(Object o) {
      return o == null ? Optional.empty() : Optional.of(LocalDate.parse(o.toString()));
    }

    /** The coverage in public words. */
    public Text describe() {
      String fromJa = from.map(d -> Pages.dateJa(d) + "から").orElse("");
      String untilJa = until.map(d -> Pages.dateJa(d) + "まで").orElse("");
      String fromEn = from.map(d -> " from " + d).orElse("");
      String untilEn = until.map(d -> " until " + d).orElse("");
      if (continuous) {
        return Text.of(
            "本公表と同じ項目及び提供の方法により、" + fromJa + untilJa + "継続的に匿名加工情報を作成し、第三者に提供します。",
            "We create anonymously processed information with the same categories, and provide it by the same"
                + " methods, continuously"
                + fromEn
                + untilEn
                + ".");
      }
      if (from.isPresent() || until.isPresent()) {
        return Text.of(
            "本公表と同じ項目及び提供の方法により、" + fromJa + untilJa + "の期間、匿名加工情報を作成し、第三者に提供します。",
            "We create anonymously processed information with the same categories, and provide it by the same"
                + " methods, during the period"
                + fromEn
                + untilEn
                + ".");
      }
      return Text.of("本公表は次回の作成（1回）を対象とします。", "This announcement covers the next creation only.");
    }
  }

  /**
   * Parses and checks {@code appianon.disclosure} and {@code appianon.provisions} of the job
   * configuration.
   */
  public static DisclosureConfig parse(Conf appianon) {
    Conf d = appianon.section("disclosure");
    d.allowOnly(
        Set.of(
            "security-measures",
            "complaints",
            "min-notice",
            "time-zone",
            "announcement",
            "provision-methods",
            "templates",
            "purpose",
            "recipients",
            "contact",
            "continuing"));
    Text security = d.text("security-measures");
    Text complaints = d.text("complaints");
    for (Map.Entry<String, Text> e :
        Map.of("security-measures", security, "complaints", complaints).entrySet()) {
      if (e.getValue().ja().isBlank() || e.getValue().en().isBlank()) {
        throw d.error(
            e.getKey(),
            "must not be empty: the measures are published with every announcement"
                + " (APPI Art. 43(6))");
      }
    }
    String notice = d.string("min-notice", "P1D");
    Duration minNotice;
    try {
      minNotice = Duration.parse(notice);
    } catch (DateTimeParseException e) {
      throw d.error(
          "min-notice", "invalid ISO-8601 duration '" + notice + "' (e.g. P1D, PT12H, P14D)");
    }
    if (minNotice.isNegative()) {
      throw d.error("min-notice", "must not be negative, got " + notice);
    }
    String zoneName = d.string("time-zone", "Asia/Tokyo");
    ZoneId zone;
    try {
      zone = ZoneId.of(zoneName);
    } catch (DateTimeException e) {
      throw d.error("time-zone", "unknown time zone '" + zoneName + "' (e.g. Asia/Tokyo)");
    }
    Coverage coverage = Coverage.SINGLE;
    Optional<Conf> a = d.optSection("announcement");
    if (a.isPresent()) {
      Conf s = a.get();
      s.allowOnly(Set.of("continuous", "from", "until"));
      Optional<LocalDate> from = date(s, "from");
      Optional<LocalDate> until = date(s, "until");
      if (from.isPresent() && until.isPresent() && until.get().isBefore(from.get())) {
        throw s.error("until", "is before from (" + until.get() + " < " + from.get() + ")");
      }
      coverage = new Coverage(s.bool("continuous", false), from, until);
    }
    Map<String, Text> methods = new LinkedHashMap<>();
    Conf m = d.section("provision-methods");
    for (String id : m.keys()) {
      if (!METHOD_ID.matcher(id).matches()) {
        throw m.error(id, "invalid method id '" + id + "' (lower-case letters, digits and '-')");
      }
      methods.put(id, m.text(id));
    }
    if (methods.isEmpty()) {
      throw d.error(
          "provision-methods",
          "must declare at least one method of provision (APPI Art. 43(4)), e.g."
              + " encrypted-transfer { ja = ..., en = ... }");
    }
    Path provisions =
        Path.of(
            appianon
                .optSection("provisions")
                .map(
                    p -> {
                      p.allowOnly(Set.of("dir"));
                      return p.string("dir");
                    })
                .orElse("out/provisions"));
    Optional<Path> templates = d.optString("templates").filter(t -> !t.isBlank()).map(Path::of);
    // An edited template that does not compile is a configuration error now, not a failed page
    // after the release.
    templates
        .filter(java.nio.file.Files::isDirectory)
        .ifPresent(
            dir -> {
              PageTemplates t = new PageTemplates(Optional.of(dir), zone);
              for (String name :
                  List.of(
                      PageTemplates.ENTRY,
                      PageTemplates.INDEX,
                      PageTemplates.STYLE,
                      PageTemplates.MANIFEST_MD)) {
                Optional<String> problem = t.check(name);
                if (problem.isPresent()) {
                  throw d.error("templates", dir.resolve(name) + ": " + problem.get());
                }
              }
            });
    PublicTerms terms = PublicTerms.parse(d, methods.keySet());
    return new DisclosureConfig(
        security,
        complaints,
        minNotice,
        zone,
        coverage,
        Map.copyOf(methods),
        provisions,
        templates,
        terms);
  }

  /** The announced methods, in the configured order (sorted by id). */
  public List<ProvisionMethod> methodList() {
    return methods.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(e -> new ProvisionMethod(e.getKey(), e.getValue()))
        .toList();
  }

  private static Optional<LocalDate> date(Conf c, String key) {
    Optional<String> s = c.optString(key).filter(v -> !v.isBlank());
    try {
      return s.map(LocalDate::parse);
    } catch (DateTimeParseException e) {
      throw c.error(key, "invalid date '" + s.get() + "' (ISO, e.g. 2026-04-01)");
    }
  }
}
