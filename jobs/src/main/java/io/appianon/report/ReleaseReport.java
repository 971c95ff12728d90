package io.appianon.report;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code report.html} of a release (issue 22): one self-contained page, readable offline (no script, font or image
 * from elsewhere), in Japanese and English, drawn from report.json and the policies by the Mustache template
 * {@code report.html.mustache} beside this class. Charts are inline SVG that the template draws from the numbers of a
 * {@link BarChart}. Per dataset: rows published, suppressed and quarantined by reason, each quasi-identifier's level
 * in words, risk before and after, the class-size histogram, and each attribute's distribution before and after;
 * for the release's person-level stage: persons suppressed, its levels in words and the persons' class sizes.
 */
public final class ReleaseReport {
  public static final String FILE = "report.html";
  private static final Pattern BAND = Pattern.compile("^(-?\\d+)-(-?\\d+)$");
  private static final Pattern LEAD = Pattern.compile("^<?(-?\\d+)");

  private ReleaseReport() {}

  /** Writes {@code dir/report.html} from the release's report.json content. */
  public static Path write(Path dir, Map<String, Object> report, List<DatasetPolicy> policies) {
    Path file = dir.resolve(FILE);
    try {
      Files.writeString(file, render(report, policies), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** The page as a string. */
  public static String render(Map<String, Object> report, List<DatasetPolicy> policies) {
    Mustache template = new DefaultMustacheFactory("io/appianon/report").compile("report.html.mustache");
    StringWriter out = new StringWriter();
    template.execute(out, scope(report, policies));
    return out.toString();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> scope(Map<String, Object> report, List<DatasetPolicy> policies) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("release_id", report.get("release_id"));
    s.put("created_at", report.get("created_at"));
    Map<String, Object> datasets = map(report.get("datasets"));
    List<Map<String, Object>> ds = new ArrayList<>();
    for (DatasetPolicy p : policies) {
      Map<String, Object> d = map(datasets.get(p.name()));
      if (!d.isEmpty()) {
        ds.add(dataset(p, d));
      }
    }
    s.put("datasets", ds);
    Map<String, Object> persons = map(report.get("persons"));
    if (!persons.isEmpty()) {
      s.put("persons", persons(persons, policies));
    }
    Map<String, Object> verification = map(report.get("verification"));
    if (!verification.isEmpty()) {
      s.put("verified", Boolean.TRUE.equals(verification.get("holds")));
    }
    return s;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> dataset(DatasetPolicy p, Map<String, Object> d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", p.name());
    m.put("title_ja", p.title().ja());
    m.put("title_en", p.title().en());
    Map<String, Object> rows = map(d.get("rows"));
    m.put("rows", List.of(
        row("入力", "input", rows.get("input")), row("公表", "published", rows.get("published")),
        row("削除（プライバシーモデル）", "suppressed (privacy models)", rows.get("suppressed")),
        row("隔離（不正な行）", "quarantined (invalid rows)", rows.get("quarantined"))));
    m.put("suppressed_chart", chartOrNull("suppressed by reason", numbers(rows.get("suppressed_by_reason")), "bad"));
    m.put("quarantined_chart", chartOrNull("quarantined by reason", numbers(rows.get("quarantined_by_reason")),
        "bad"));
    Map<String, Object> privacy = map(d.get("privacy"));
    m.put("k", privacy.get("k"));
    m.put("k_achieved", privacy.get("k_achieved"));
    m.put("levels_chosen_by", privacy.get("levels_chosen_by"));
    // no privacy block (pseudonymous kind): the page says so instead of showing empty model figures
    m.put("has_model", !list(privacy.get("models")).isEmpty());
    Map<String, Object> levels = map(privacy.get("levels"));
    List<Map<String, Object>> words = new ArrayList<>();
    for (PrivacySpec.QuasiIdentifier qi : p.quasiIdentifiers()) {
      if (levels.get(qi.column()) instanceof Number level) {
        words.add(levelWords(qi.column(), qi.hierarchy(), level.intValue()));
      }
    }
    m.put("levels", words);
    Map<String, Object> before = map(privacy.get("risk_before"));
    Map<String, Object> after = map(privacy.get("risk_after"));
    List<Map<String, Object>> risk = new ArrayList<>();
    for (String[] r : new String[][] {
        {"prosecutor_max", "最大再識別リスク（検察官モデル）", "prosecutor risk, highest"},
        {"prosecutor_average", "平均再識別リスク", "prosecutor risk, average"},
        {"records_at_risk", "リスク閾値超の記録の割合", "share of records above the risk threshold"},
        {"sample_uniques", "一意な記録の割合", "share of unique records"}}) {
      if (before.containsKey(r[0]) || after.containsKey(r[0])) {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("ja", r[1]);
        x.put("en", r[2]);
        x.put("before", fmt(before.get(r[0])));
        x.put("after", fmt(after.get(r[0])));
        Map<String, Number> pair = new LinkedHashMap<>();
        pair.put("before / 加工前", num(before.get(r[0])));
        pair.put("after / 加工後", num(after.get(r[0])));
        x.put("chart", BarChart.of(r[2], pair, "after"));
        risk.add(x);
      }
    }
    m.put("risk", risk);
    Map<String, Object> utility = map(privacy.get("utility"));
    m.put("class_chart", chartOrNull("records per class size", sortedBuckets(numbers(
        map(map(utility.get("class_sizes")).get("histogram")))), "after"));
    Map<String, Object> classSizes = map(utility.get("class_sizes"));
    m.put("classes", classSizes.get("classes"));
    m.put("class_mean", fmt(classSizes.get("mean")));
    m.put("average_class_size", fmt(map(privacy.get("loss_after")).get("average_class_size")));
    List<Map<String, Object>> attrs = new ArrayList<>();
    for (Object o : list(utility.get("attributes"))) {
      Map<String, Object> a = map(o);
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("attribute", a.get("attribute"));
      x.put("removed", Boolean.TRUE.equals(a.get("removed")));
      x.put("test", a.get("test"));
      x.put("p_value", fmt(a.get("p_value")));
      x.put("distance", fmt(a.get("distance")));
      x.put("before", BarChart.of(a.get("attribute") + " before", numbers(a.get("distribution_before")), "before"));
      x.put("after", BarChart.of(a.get("attribute") + " after", numbers(a.get("distribution_after")), "after"));
      attrs.add(x);
    }
    m.put("attributes", attrs);
    List<Map<String, Object>> techniques = new ArrayList<>();
    for (Object o : list(d.get("techniques"))) {
      Map<String, Object> t = map(o);
      Map<String, Object> x = new LinkedHashMap<>(t);
      x.put("value", fmt(t.get("value")));
      techniques.add(x);
    }
    m.put("techniques", techniques);
    Map<String, Object> km = map(privacy.get("km_anonymity"));
    if (!km.isEmpty()) {
      m.put("has_km", true);
      m.put("km", km.entrySet().stream().map(e -> Map.of("key", e.getKey(), "value", fmt(e.getValue()))).toList());
    }
    return m;
  }

  private static Map<String, Object> persons(Map<String, Object> persons, List<DatasetPolicy> policies) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("model", persons.get("model"));
    m.put("persons", persons.get("persons"));
    m.put("suppressed_persons", persons.get("suppressed_persons"));
    m.put("suppressed_share", fmt(persons.get("suppressed_share")));
    Map<String, Number> kept = new LinkedHashMap<>();
    long total = num(persons.get("persons")).longValue();
    long dropped = num(persons.get("suppressed_persons")).longValue();
    kept.put("published / 公表", total - dropped);
    kept.put("suppressed / 削除", dropped);
    m.put("persons_chart", BarChart.of("persons", kept, "after"));
    List<Map<String, Object>> words = new ArrayList<>();
    Map<String, Object> levels = map(persons.get("levels"));
    for (Map.Entry<String, Object> e : levels.entrySet()) {
      String[] dc = e.getKey().split("\\.", 2);
      Hierarchy h = dc.length == 2 ? hierarchy(policies, dc[0], dc[1]) : null;
      if (h != null && e.getValue() instanceof Number level) {
        Map<String, Object> w = levelWords(e.getKey(), h, level.intValue());
        words.add(w);
      }
    }
    m.put("levels", words);
    m.put("in_words", list(persons.get("in_words")));
    Map<String, Object> audit = map(persons.get("audit_of_published_files"));
    m.put("audit_holds", Boolean.TRUE.equals(audit.get("holds")));
    m.put("audit_words", audit.get("in_words"));
    m.put("class_chart", chartOrNull("persons per class size (full item knowledge)",
        sortedBuckets(numbers(audit.get("full_item_knowledge_class_sizes"))), "after"));
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
   * A quasi-identifier's level in words: kept as collected, removed entirely, bands of a width ({@code 20-39}: 20
   * wide), or the number of groups with examples.
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
        t = Text.of(width + "刻みの区間（例: " + examples + "）", "bands " + width + " wide (e.g. " + examples + ")");
      } else {
        t = Text.of(labels.size() + "区分（例: " + examples + "）", labels.size() + " groups (e.g. " + examples + ")");
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
    l.sort(Comparator.comparingLong(e -> {
      Matcher m = LEAD.matcher(e.getKey());
      return m.find() ? Long.parseLong(m.group(1)) : Long.MAX_VALUE;
    }));
    Map<String, Number> out = new LinkedHashMap<>();
    l.forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  private static List<?> list(Object o) {
    return o instanceof List<?> l ? l : List.of();
  }

  private static Map<String, Number> numbers(Object o) {
    Map<String, Number> out = new LinkedHashMap<>();
    map(o).forEach((k, v) -> {
      if (v instanceof Number n) {
        out.put(k, n);
      }
    });
    return out;
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
