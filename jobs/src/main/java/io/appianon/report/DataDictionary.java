package io.appianon.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.appianon.core.ColumnRole;
import io.appianon.core.Lineage;
import io.appianon.core.Processing;
import io.appianon.core.Text;
import io.appianon.policy.DatasetPolicy;
import io.appianon.release.Json;
import io.appianon.release.TypedColumns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * The data dictionary of a release (issue 22): {@code dictionary.json} and {@code dictionary.md}
 * beside the data. Per dataset and published column, read back from the written Parquet: its Spark
 * SQL and Parquet types, its meaning (the policy's category label), how it was processed (the
 * lineage the manifest also uses), how many values are null and what null means, and the value
 * counts of categorical columns (at most {@link #MAX_VALUES} values; pseudonyms and free text are
 * not counted).
 */
public final class DataDictionary {
  public static final String JSON = "dictionary.json";
  public static final String MARKDOWN = "dictionary.md";
  public static final int MAX_VALUES = 100;

  private DataDictionary() {}

  /**
   * Writes both files into {@code release}, whose folders {@code <dataset>} hold the written
   * Parquet.
   */
  public static Map<String, Object> write(
      SparkSession spark,
      Path release,
      String releaseId,
      List<DatasetPolicy> policies,
      Map<String, Lineage> lineages) {
    Map<String, Object> dict = new LinkedHashMap<>();
    dict.put("release_id", releaseId);
    List<Map<String, Object>> datasets = new ArrayList<>();
    for (DatasetPolicy p : policies) {
      Lineage lineage = lineages.get(p.name());
      Path folder = release.resolve(p.name());
      if (lineage != null && Files.isDirectory(folder)) {
        datasets.add(dataset(p, lineage, spark.read().parquet(folder.toUri().toString())));
      }
    }
    dict.put("datasets", datasets);
    try {
      Json.write(release.resolve(JSON), dict);
      Files.writeString(release.resolve(MARKDOWN), markdown(dict), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dict;
  }

  private static Map<String, Object> dataset(DatasetPolicy p, Lineage lineage, Dataset<Row> data) {
    Map<String, String> companionOf = new LinkedHashMap<>();
    Map<String, TypedColumns.Typed> typed = new LinkedHashMap<>();
    for (TypedColumns.Typed t : TypedColumns.of(p)) {
      t.companions()
          .forEach(
              c -> {
                companionOf.put(c, t.column());
                typed.put(c, t);
              });
    }
    List<Column> aggs = new ArrayList<>();
    aggs.add(count(lit(1)));
    for (String c : data.columns()) {
      aggs.add(count(when(col(c).isNull(), 1)));
      aggs.add(
          data.schema().apply(c).dataType().equals(DataTypes.StringType)
              ? count(when(col(c).equalTo("*"), 1))
              : lit(0L));
    }
    Row counts = data.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(new Column[0])).first();
    long rows = counts.getLong(0);
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("name", p.name());
    d.put("title", text(p.title()));
    d.put("rows", rows);
    d.put(
        "record_processing",
        lineage.recordLevel().stream().distinct().map(DataDictionary::text).toList());
    List<Map<String, Object>> cols = new ArrayList<>();
    int i = 0;
    for (StructField f : data.schema().fields()) {
      String name = f.name();
      long nulls = counts.getLong(1 + 2 * i);
      long stars = counts.getLong(2 + 2 * i);
      i++;
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("name", name);
      c.put("type", f.dataType().sql());
      c.put("parquet_type", parquetType(f.dataType()));
      String label = companionOf.get(name);
      Lineage.Entry e = lineage.columns().get(label != null ? label : name);
      Text category = e == null ? Text.of(name, name) : e.category().orElse(Text.of(name, name));
      if (label != null) {
        String side =
            name.endsWith(TypedColumns.TOP_CODED)
                ? "top"
                : name.endsWith(TypedColumns.FROM) ? "from" : "to";
        boolean period = typed.get(name).kind() == TypedColumns.Kind.PERIOD;
        c.put(
            "meaning",
            text(
                switch (side) {
                  case "from" ->
                      Text.of(
                          category.ja() + "（" + (period ? "期間の初日" : "区間の下限") + "）",
                          category.en()
                              + (period
                                  ? " (first day of the period)"
                                  : " (lower bound of the band, inclusive)"));
                  case "to" ->
                      Text.of(
                          category.ja() + "（" + (period ? "期間の末日" : "区間の上限") + "）",
                          category.en()
                              + (period
                                  ? " (last day of the period)"
                                  : " (upper bound of the band, inclusive)"));
                  default ->
                      Text.of(
                          category.ja() + "（上限でまとめた値か）",
                          category.en() + " (top-coded: the band is open above)");
                }));
        c.put("typed_companion_of", label);
        c.put(
            "processing",
            text(
                Text.of(
                    "公表された「" + label + "」の値から算出（情報は増えない）",
                    "computed from the published "
                        + label
                        + " label alone (adds no information)")));
        c.put("nulls", nulls);
        c.put(
            "null_means",
            text(
                Text.of(
                    "「" + label + "」が「*」か空、またはその側に限りのない区間（例: 10+ の上限）",
                    label
                        + " is '*' or null, or the band is open on that side (e.g. the upper bound of 10+)")));
      } else {
        c.put("meaning", text(category));
        // distinct: a lineage described again by each round of a release stage repeats its lines
        List<Text> processing = e == null ? List.of() : e.processing().stream().distinct().toList();
        c.put(
            "processing",
            text(processing.isEmpty() ? Text.of("加工なし", "not processed") : join(processing)));
        c.put("nulls", nulls);
        c.put("null_means", text(nullMeans(name, e, nulls, rows)));
        if (stars > 0) {
          c.put("suppressed_values", stars);
          c.put(
              "suppressed_means",
              text(Text.of("「*」: 一般化により値を削除", "'*': the value was generalized away")));
        }
        if (categorical(f.dataType(), e)) {
          List<Row> top =
              data.groupBy(col(name))
                  .count()
                  .orderBy(col("count").desc(), col(name).asc_nulls_first())
                  .limit(MAX_VALUES + 1)
                  .collectAsList();
          if (top.size() <= MAX_VALUES) {
            Map<String, Object> values = new LinkedHashMap<>();
            for (Row r : top) {
              values.put(r.isNullAt(0) ? "(null)" : String.valueOf(r.get(0)), r.getLong(1));
            }
            c.put("value_counts", values);
          } else {
            c.put("value_counts_omitted", "more than " + MAX_VALUES + " distinct values");
          }
        }
      }
      cols.add(c);
    }
    d.put("columns", cols);
    return d;
  }

  /** What a null of a published label column means, from where the column came from. */
  private static Text nullMeans(String name, Lineage.Entry e, long nulls, long rows) {
    if (nulls == 0) {
      return Text.of("この公表データでは空の値なし", "never null in this release");
    }
    String share =
        String.format(Locale.ROOT, "%d rows, %.1f %%", nulls, 100.0 * nulls / Math.max(1, rows));
    if (e != null && e.source() != null && !e.source().equals(name)) {
      return Text.of(
          "元の項目「" + e.source() + "」に値がなかった（" + share + "）",
          "the source column "
              + e.source()
              + " had no value ("
              + share
              + "), e.g. a purchase without delivery has no "
              + "delivery address");
    }
    return Text.of(
        "入力に値がなかった（任意項目、" + share + "）", "the input had no value (optional column; " + share + ")");
  }

  private static boolean categorical(DataType type, Lineage.Entry e) {
    if (e == null
        || !(type.equals(DataTypes.StringType)
            || type.equals(DataTypes.IntegerType)
            || type.equals(DataTypes.BooleanType))) {
      return false;
    }
    ColumnRole role = e.role();
    return role != ColumnRole.LINKING
        && role != ColumnRole.FREE_TEXT
        && role != ColumnRole.IDENTIFIER
        && role != ColumnRole.ID_CODE
        && !e.kinds().contains(Processing.PSEUDONYMIZED)
        && !e.kinds().contains(Processing.SCRUBBED);
  }

  /** The Parquet physical type (and logical annotation) Spark writes for a Spark SQL type. */
  static String parquetType(DataType t) {
    if (t.equals(DataTypes.StringType)) {
      return "BYTE_ARRAY (STRING)";
    } else if (t.equals(DataTypes.LongType)) {
      return "INT64";
    } else if (t.equals(DataTypes.IntegerType)) {
      return "INT32";
    } else if (t.equals(DataTypes.DateType)) {
      return "INT32 (DATE)";
    } else if (t.equals(DataTypes.BooleanType)) {
      return "BOOLEAN";
    } else if (t.equals(DataTypes.DoubleType)) {
      return "DOUBLE";
    } else if (t.equals(DataTypes.TimestampType)) {
      return "INT96 (timestamp)";
    }
    return t.sql();
  }

  private static Text join(List<Text> parts) {
    Text out = parts.get(0);
    for (int i = 1; i < parts.size(); i++) {
      out = out.append(parts.get(i), "、", "; ");
    }
    return out;
  }

  private static Map<String, Object> text(Text t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ja", t.ja());
    m.put("en", t.en());
    return m;
  }

  @SuppressWarnings("unchecked")
  static String markdown(Map<String, Object> dict) {
    StringBuilder sb = new StringBuilder();
    sb.append("# データ辞書 / Data dictionary — ").append(dict.get("release_id")).append("\n\n");
    sb.append(
        "Types: Spark SQL type and the Parquet type of the files. Typed companion columns (`_from`, `_to`, "
            + "`_top_coded`) are computed from the published label alone.\n");
    for (Map<String, Object> d : (List<Map<String, Object>>) dict.get("datasets")) {
      Map<String, Object> title = (Map<String, Object>) d.get("title");
      sb.append("\n## ")
          .append(d.get("name"))
          .append(": ")
          .append(title.get("ja"))
          .append(" / ")
          .append(title.get("en"))
          .append("\n\n")
          .append(d.get("rows"))
          .append(" rows.\n");
      for (Map<String, Object> t : (List<Map<String, Object>>) d.get("record_processing")) {
        sb.append("\n- ").append(t.get("ja")).append(" / ").append(t.get("en"));
      }
      sb.append("\n\n| column | type | Parquet | meaning | processing | nulls | null means |\n");
      sb.append("|---|---|---|---|---|---|---|\n");
      for (Map<String, Object> c : (List<Map<String, Object>>) d.get("columns")) {
        Map<String, Object> meaning = (Map<String, Object>) c.get("meaning");
        Map<String, Object> processing = (Map<String, Object>) c.get("processing");
        Map<String, Object> nullMeans = (Map<String, Object>) c.get("null_means");
        sb.append("| `")
            .append(c.get("name"))
            .append("` | ")
            .append(c.get("type"))
            .append(" | ")
            .append(c.get("parquet_type"))
            .append(" | ")
            .append(cell(meaning.get("ja") + " / " + meaning.get("en")))
            .append(" | ")
            .append(cell(processing.get("ja") + " / " + processing.get("en")))
            .append(" | ")
            .append(c.get("nulls"))
            .append(" | ")
            .append(cell(nullMeans.get("ja") + " / " + nullMeans.get("en")))
            .append(" |\n");
      }
      for (Map<String, Object> c : (List<Map<String, Object>>) d.get("columns")) {
        Map<String, Object> values = (Map<String, Object>) c.get("value_counts");
        if (values != null) {
          sb.append("\n### `")
              .append(c.get("name"))
              .append("` value counts\n\n| value | rows |\n|---|---|\n");
          values.forEach(
              (v, n) -> sb.append("| ").append(cell(v)).append(" | ").append(n).append(" |\n"));
        }
      }
    }
    return sb.toString();
  }

  private static String cell(String s) {
    return s.replace("|", "\\|").replace("\n", " ");
  }
}
