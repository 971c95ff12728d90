package io.appianon.pipeline;

import static org.apache.spark.sql.functions.col;

import io.appianon.core.ColumnRole;
import io.appianon.core.Lineage;
import io.appianon.core.Processing;
import io.appianon.core.Text;
import io.appianon.policy.ColumnSpec;
import io.appianon.policy.DatasetPolicy;
import io.appianon.report.TechniqueMetric;
import io.appianon.technique.TechniqueContext;
import io.appianon.technique.scrub.Action;
import io.appianon.technique.scrub.PiiKind;
import io.appianon.technique.scrub.ScrubFunctions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The free-text sentinel: every published string column that no {@code scrub} step covers and whose
 * role says it is data rather than an identifier (attribute, quasi-identifier, sensitive) is
 * checked, after the policy's techniques, with the detectors of the {@code scrub} technique (all
 * kinds: My Number, card, phone, e-mail, postal code, passport, licence, personal names and street
 * addresses). A payment method followed by a clerk's name and phone number is found; category
 * values (stores, prefectures, product categories, payment methods) are not.
 *
 * <p>What happens is chosen per column with {@code sentinel} in the column's declaration: {@code
 * fail} (the default: the run stops with {@link SentinelException}, exit 3, naming the column and
 * the count, before anything is written), {@code report} (the count goes to report.json only) or
 * {@code scrub} (the identifiers are replaced by tags such as [PHONE], as the scrub technique does,
 * and the manifest says so). A column derived by a transform follows the declaration of its source
 * column.
 *
 * <p><b>Cost.</b> The checks are hidden flags summed by the pipeline's one counting pass, not a
 * pass of their own; the detectors remember the last 10,000 values per task, so a column of a few
 * dozen distinct values is analysed a few dozen times per task, not once per row.
 */
public final class Sentinel {
  public static final String TECHNIQUE = "sentinel";
  public static final String METRIC = "values_with_identifiers";

  /**
   * The lineage kind of a column the sentinel scrubs (not "scrubbed": that one exempts a column
   * from the check).
   */
  public static final Processing KIND = Processing.SENTINEL_SCRUBBED;

  private static final Set<ColumnRole> CHECKED =
      EnumSet.of(ColumnRole.ATTRIBUTE, ColumnRole.QUASI_IDENTIFIER, ColumnRole.SENSITIVE);
  private static final Set<PiiKind> KINDS = EnumSet.allOf(PiiKind.class);

  private Sentinel() {}

  /**
   * The published string columns the sentinel checks, each with its mode (fail, report, scrub), in
   * output order.
   */
  public static Map<String, String> columns(
      DatasetPolicy policy, StructType output, Lineage lineage) {
    Map<String, String> out = new LinkedHashMap<>();
    for (StructField f : output.fields()) {
      if (!f.dataType().equals(DataTypes.StringType) || !lineage.has(f.name())) {
        continue;
      }
      Lineage.Entry e = lineage.entry(f.name());
      if (CHECKED.contains(e.role()) && !e.kinds().contains(Processing.SCRUBBED)) {
        out.put(f.name(), policy.column(e.source()).map(ColumnSpec::sentinel).orElse("fail"));
      }
    }
    return out;
  }

  /**
   * For {@link Plan}: the columns in {@code scrub} mode are described as scrubbed (the manifest's
   * wording).
   */
  static void describe(DatasetPolicy policy, StructType output, Lineage lineage) {
    columns(policy, output, lineage)
        .forEach(
            (c, mode) -> {
              if (mode.equals("scrub")) {
                lineage.process(
                    c,
                    KIND,
                    Text.of(
                        "値に含まれる個人識別符号・氏名・住所・連絡先等を記号に置換",
                        "identification codes, names, addresses and contact details found in the values replaced by tags"));
              }
            });
  }

  /**
   * Adds the sentinel's flags (and, in {@code scrub} mode, the scrubbed values) to {@code df}, the
   * rows after every technique: counted by the pipeline's counting pass as {@code
   * sentinel/<column>/values_with_identifiers}.
   */
  public static Dataset<Row> apply(
      Dataset<Row> df, DatasetPolicy policy, Plan plan, TechniqueContext ctx) {
    Map<String, String> checked = columns(policy, plan.outputSchema(), plan.lineage());
    Dataset<Row> out = df;
    String tmp = TechniqueContext.HIDDEN_PREFIX + "sentinel";
    for (Map.Entry<String, String> e : checked.entrySet()) {
      String c = e.getKey();
      if (!TechniqueContext.hasColumn(out, c)) {
        continue;
      }
      if (e.getValue().equals("scrub")) {
        out =
            out.withColumn(
                tmp, ScrubFunctions.scrubWithFlag(col(c), KINDS, Action.REPLACE_WITH_TAG));
        out = ctx.count(out, TECHNIQUE, c, METRIC, col(tmp + "." + ScrubFunctions.CHANGED_FIELD));
        out = out.withColumn(c, col(tmp + "." + ScrubFunctions.TEXT_FIELD)).drop(tmp);
      } else {
        out = ctx.count(out, TECHNIQUE, c, METRIC, ScrubFunctions.containsPii(col(c), KINDS));
      }
    }
    return out;
  }

  /**
   * After the counting pass: fails when a column in {@code fail} mode has values with identifiers.
   * {@code report} is the pipeline's technique report (entries with type, column, metric, value).
   */
  public static void check(DatasetPolicy policy, Plan plan, List<TechniqueMetric> report) {
    Map<String, String> modes = columns(policy, plan.outputSchema(), plan.lineage());
    List<String> found = new ArrayList<>();
    for (TechniqueMetric m : report) {
      if (TECHNIQUE.equals(m.type())
          && "fail".equals(modes.get(m.column()))
          && ((Number) m.value()).longValue() > 0) {
        found.add(m.column() + " (" + m.value() + " rows)");
      }
    }
    if (!found.isEmpty()) {
      throw new SentinelException(
          policy.file()
              + ": dataset "
              + policy.name()
              + ": published column(s) "
              + String.join(", ", found)
              + " hold identifiers (phone, e-mail, card or My Number, personal name or street"
              + " address) found by the scrub detectors. Nothing was written. Delete or scrub the column, or set"
              + " sentinel = scrub (replace them by tags) or sentinel = report (count only) in its declaration");
    }
  }
}
