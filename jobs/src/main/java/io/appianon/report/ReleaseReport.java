package io.appianon.report;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import io.appianon.core.ReportJson;
import io.appianon.core.Text;
import io.appianon.hierarchy.Hierarchy;
import io.appianon.policy.DatasetPolicy;
import io.appianon.policy.PrivacySpec;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code report.html} of a release (issue 22): one self-contained page, readable offline (no
 * script, font or image from elsewhere), in Japanese and English, drawn from report.json's records
 * and the policies by the Mustache template {@code report.html.mustache} beside this class. Charts
 * are inline SVG that the template draws from the numbers of a {@link BarChart}. Per dataset: rows
 * published, suppressed and quarantined by reason, each quasi-identifier's level in words, risk
 * before and after, the class-size histogram, and each attribute's distribution before and after;
 * for the release's person-level stage: persons suppressed, its levels in words and the persons'
 * class sizes.
 */
public final class ReleaseReport {
  public static final String FILE = "report.html";
  private static final Pattern BAND = Pattern.compile("^(-?\\d+)-(-?\\d+)$");
  private static final Pattern LEAD = Pattern.compile("^<?(-?\\d+)");

  private ReleaseReport() {}

  /** Writes {@code dir/report.html} from the release's report.json records. */
  public static Path write(Path dir, ReleaseSection report, List<DatasetPolicy> policies) {
    Path file = dir.resolve(FILE);
    try {
      Files.writeString(file, render(report, policies), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** The page as a string. */
  public static String render(ReleaseSection report, List<DatasetPolicy> policies) {
    Mustache template =
        new DefaultMustacheFactory("io/appianon/report").compile("report.html.mustache");
    StringWriter out = new StringWriter();
    template.execute(out, scope(report, policies));
    return out.toString();
  }

  /** The template's scope (a map per section, keyed by the template's names). */
  static Map<String, Object> scope(ReleaseSection report, List<DatasetPolicy> policies) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("release_id", report.releaseId());
    s.put("created_at", report.createdAt());
    List<Map<String, Object>> ds = new ArrayList<>();
    for (DatasetPolicy p : policies) {
      DatasetSection d = report.datasets().get(p.name());
      if (d != null) {
        ds.add(dataset(p, d));
      }
    }
    s.put("datasets", ds);
    if (report.persons() != null) {
      s.put("persons", persons(report.persons(), policies));
    }
    if (report.verification() != null) {
      s.put("verified", report.verification().holds());
    }
    return s;
  }

  private static Map<String, Object> dataset(DatasetPolicy p, DatasetSection d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", p.name());
    m.put("title_ja", p.title().ja());
    m.put("title_en", p.title().en());
    DatasetSection.Rows rows = d.rows();
    m.put(
        "rows",
        List.of(
            row("入力", "input", rows.input()),
            row("公表", "published", rows.published()),
            row("削除（プライバシーモデル）", "suppressed (privacy models)", rows.suppressed()),
            row("隔離（不正な行）", "quarantined (invalid rows)", rows.quarantined())));
    m.put(
        "suppressed_chart",
        chartOrNull("suppressed by reason", numbers(rows.suppressedByReason()), "bad"));
    m.put(
        "quarantined_chart",
        chartOrNull("quarantined by reason", numbers(rows.quarantinedByReason()), "bad"));
    PrivacySection privacy = d.privacy();
    m.put("k", privacy.k());
    m.put("k_achieved", privacy.kAchieved());
    m.put("levels_chosen_by", privacy.levelsChosenBy());
    // no privacy block (pseudonymous kind): the page says so instead of showing empty model figures
    m.put("has_model", !privacy.models().isEmpty());
    Map<String, Integer> levels = privacy.levels();
    List<Map<String, Object>> words = new ArrayList<>();
    for (PrivacySpec.QuasiIdentifier qi : p.quasiIdentifiers()) {
      Integer level = levels.get(qi.column());
      if (level != null) {
        words.add(levelWords(qi.column(), qi.hierarchy(), level));
      }
    }
    m.put("levels", words);
    RiskSection before = privacy.riskBefore();
    RiskSection after = privacy.riskAfter();
    List<Map<String, Object>> risk = new ArrayList<>();
    if (before != null || after != null) {
      risk.add(
          risk(
              before,
              after,
              RiskSection::prosecutorMax,
              "最大再識別リスク（検察官モデル）",
              "prosecutor risk, highest"));
      risk.add(
          risk(
              before,
              after,
              RiskSection::prosecutorAverage,
              "平均再識別リスク",
              "prosecutor risk, average"));
      risk.add(
          risk(
              before,
              after,
              RiskSection::recordsAtRisk,
              "リスク閾値超の記録の割合",
              "share of records above the risk threshold"));
      risk.add(
          risk(before, after, RiskSection::sampleUniques, "一意な記録の割合", "share of unique records"));
    }
    m.put("risk", risk);
    UtilitySection utility = privacy.utility();
    UtilitySection.ClassSizes classSizes = utility == null ? null : utility.classSizes();
    m.put(
        "class_chart",
        chartOrNull(
            "records per class size",
            sortedBuckets(numbers(classSizes == null ? Map.of() : classSizes.histogram())),
            "after"));
    m.put("classes", classSizes == null ? null : classSizes.classes());
    m.put("class_mean", fmt(classSizes == null ? null : classSizes.mean()));
    m.put(
        "average_class_size",
        fmt(privacy.lossAfter() == null ? null : privacy.lossAfter().averageClassSize()));
    List<Map<String, Object>> attrs = new ArrayList<>();
    for (UtilitySection.Attribute a :
        utility == null ? List.<UtilitySection.Attribute>of() : utility.attributes()) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("attribute", a.attribute());
      x.put("removed", a.removed());
      x.put("test", a.test());
      x.put("p_value", fmt(a.pValue()));
      x.put("distance", fmt(a.distance()));
      x.put(
          "before",
          BarChart.of(a.attribute() + " before", numbers(a.distributionBefore()), "before"));
      x.put(
          "after", BarChart.of(a.attribute() + " after", numbers(a.distributionAfter()), "after"));
      attrs.add(x);
    }
    m.put("attributes", attrs);
    List<Map<String, Object>> techniques = new ArrayList<>();
    for (TechniqueMetric t : d.techniques()) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("type", t.type());
      x.put("column", t.column());
      x.put("metric", t.metric());
      x.put("value", fmt(t.value()));
      techniques.add(x);
    }
    m.put("techniques", techniques);
    if (privacy.kmAnonymity() != null) {
      // the stage's keys as report.json writes them, in the record's order
      m.put("has_km", true);
      m.put(
          "km",
          ReportJson.toMap(privacy.kmAnonymity()).entrySet().stream()
              .map(e -> Map.of("key", e.getKey(), "value", fmt(e.getValue())))
              .toList());
    }
    return m;
  }

  /**
   * One risk figure before and after (null, shown as a dash and drawn as 0, when a side has no risk
   * section).
   */
  private static Map<String, Object> risk(
      RiskSection before,
      RiskSection after,
      ToDoubleFunction<RiskSection> f,
      String ja,
      String en) {
    Double b = before == null ? null : f.applyAsDouble(before);
    Double a = after == null ? null : f.applyAsDouble(after);
    Map<String, Object> x = new LinkedHashMap<>();
    x.put("ja", ja);
    x.put("en", en);
    x.put("before", fmt(b));
    x.put("after", fmt(a));
    Map<String, Number> pair = new LinkedHashMap<>();
    pair.put("before / 加工前", num(b));
    pair.put("after / 加工後", num(a));
    x.put("chart", BarChart.of(en, pair, "after"));
    return x;
  }

  private static Map<String, Object> persons(PersonsSection persons, List<DatasetPolicy> policies) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("model", persons.model());
    m.put("persons", persons.persons());
    m.put("suppressed_persons", persons.suppressedPersons());
    m.put("suppressed_share", fmt(persons.suppressedShare()));
    Map<String, Number> kept = new LinkedHashMap<>();
    long total = persons.persons();
    long dropped = persons.suppressedPersons();
    kept.put("published / 公表", total - dropped);
    kept.put("suppressed / 削除", dropped);
    m.put("persons_chart", BarChart.of("persons", kept, "after"));
    List<Map<String, Object>> words = new ArrayList<>();
    for (Map.Entry<String, Integer> e : persons.levels().entrySet()) {
      String[] dc = e.getKey().split("\\.", 2);
      Hierarchy h = dc.length == 2 ? hierarchy(policies, dc[0], dc[1]) : null;
      if (h != null && e.getValue() != null) {
        words.add(levelWords(e.getKey(), h, e.getValue()));
      }
    }
    m.put("levels", words);
    m.put("in_words", persons.inWords());
    AuditSection audit = persons.auditOfPublishedFiles();
    m.put("audit_holds", audit != null && audit.holds());
    m.put("audit_words", audit == null ? null : audit.inWords());
    m.put(
        "class_chart",
        chartOrNull(
            "persons per class size (full item knowledge)",
            sortedBuckets(numbers(audit == null ? Map.of() : audit.fullItemKnowledgeClassSizes())),
            "after"));
    return m;
  }

  private static Hierarchy hierarchy(List<DatasetPolicy> policies, String dataset, String column) {
    for (DatasetPolicy p : policies) {
      if (p.name().equals(dataset)) {
        for (PrivacySpec.QuasiIdentifier qi : p.quasiIdentifiers()) {
          if (qi.column().equals(column)) {
            return qi.hierarchy();
          }
        }
      }
    }
    return null;
  }

  /**
   * A quasi-identifier's level in words: kept as collected, removed entirely, bands of a width
   * ({@code 20-39}: 20 wide), or the number of groups with examples.
   */
  static Map<String, Object> levelWords(String column, Hierarchy h, int level) {
    Text t;
    if (level == 0) {
      t = Text.of("元の値のまま", "kept as collected");
    } else if (level >= h.maxLevel()) {
      t = Text.of("すべて「*」（項目の削除と同じ）", "removed entirely (every value '*')");
    } else {
      List<String> labels = new ArrayList<>(h.labels(level));
      labels.remove(Hierarchy.ROOT);
      Long width = null;
      boolean banded = !labels.isEmpty();
      for (String l : labels) {
        Matcher b = BAND.matcher(l);
        if (b.matches()) {
          long w = Long.parseLong(b.group(2)) - Long.parseLong(b.group(1)) + 1;
          width = width == null || width == w ? Long.valueOf(w) : Long.valueOf(-1);
        } else if (!l.matches("^-?\\d+\\+$|^<-?\\d+$")) {
          banded = false;
        }
      }
      String examples = String.join(", ", labels.subList(0, Math.min(3, labels.size())));
      if (banded && width != null && width > 0) {
        t =
            Text.of(
                width + "刻みの区間（例: " + examples + "）",
                "bands " + width + " wide (e.g. " + examples + ")");
      } else {
        t =
            Text.of(
                labels.size() + "区分（例: " + examples + "）",
                labels.size() + " groups (e.g. " + examples + ")");
      }
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("column", column);
    m.put("level", level);
    m.put("max_level", h.maxLevel());
    m.put("ja", t.ja());
    m.put("en", t.en());
    m.put("removed", level >= h.maxLevel());
    return m;
  }

  private static Map<String, Object> row(String ja, String en, Object value) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ja", ja);
    m.put("en", en);
    m.put("value", fmt(value));
    return m;
  }

  private static BarChart chartOrNull(String title, Map<String, Number> values, String kind) {
    return values.isEmpty() ? null : BarChart.of(title, values, kind);
  }

  /** Size buckets ({@code 1}, {@code 2-4}, ..., {@code 100+}) in numeric order. */
  private static Map<String, Number> sortedBuckets(Map<String, Number> buckets) {
    List<Map.Entry<String, Number>> l = new ArrayList<>(buckets.entrySet());
    l.sort(
        Comparator.comparingLong(
            e -> {
              Matcher m = LEAD.matcher(e.getKey());
              return m.find() ? Long.parseLong(m.group(1)) : Long.MAX_VALUE;
            }));
    Map<String, Number> out = new LinkedHashMap<>();
    l.forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  private static Map<String, Number> numbers(Map<String, ? extends Number> values) {
    return new LinkedHashMap<>(values);
  }

  private static Number num(Object o) {
    return o instanceof Number n ? n : 0;
  }

  private static String fmt(Object o) {
    if (o == null) {
      return "—";
    }
    if (o instanceof Double d) {
      return Double.isFinite(d) ? String.format(Locale.ROOT, "%.4g", d) : String.valueOf(d);
    }
    if (o instanceof Number n) {
      return BarChart.format(n);
    }
    return String.valueOf(o);
  }
}
