package io.appianon.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.appianon.policy.PrivacySpec;
import io.appianon.privacy.PrivacyUnsatisfiableException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Enforces k-anonymity on generalized data: classes (rows sharing all quasi-identifier values) smaller than k are
 * suppressed when their records fit within the suppression limit; otherwise the release fails. One aggregation builds
 * the class table; the small classes are removed with a null-safe anti join.
 */
final class KAnonymityCheck {
  private static final String KEY_PREFIX = io.appianon.technique.TechniqueContext.HIDDEN_PREFIX + "key_";

  private KAnonymityCheck() {}

  static DatasetPipeline.PrivacyOutcome enforce(Dataset<Row> gen, long rows, PrivacySpec p,
      Map<String, Integer> levels) {
    List<String> qis = p.columns();
    Column[] qiCols = qis.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
    Dataset<Row> classes = gen.groupBy(qiCols).agg(count(lit(1)).as("n"));
    Row s = classes.agg(
        sum(when(col("n").lt(p.k()), col("n")).otherwise(0L)),
        count(when(col("n").lt(p.k()), lit(1))),
        min(when(col("n").geq(p.k()), col("n"))),
        count(when(col("n").geq(p.k()), lit(1))),
        max(col("n"))).first();
    long small = s.isNullAt(0) ? 0 : s.getLong(0);
    long smallClasses = s.getLong(1);
    long kAchieved = s.isNullAt(2) ? 0 : s.getLong(2);
    long keptClasses = s.getLong(3);
    double share = rows == 0 ? 0 : (double) small / rows;
    if (share > p.maxSuppression()) {
      throw new PrivacyUnsatisfiableException(String.format(
          "%s: k-anonymity with k=%d over %s at levels %s needs %d of %d records (%.2f%%) suppressed, more than the"
              + " limit of %.2f%% (privacy.max-suppression): raise the generalization levels or the limit",
          p.origin().file(), p.k(), qis, levels, small, rows, share * 100, p.maxSuppression() * 100));
    }
    Dataset<Row> out = gen;
    if (small > 0) {
      // The key table derives from the same plan as gen: rename its columns so the join condition compares the two
      // sides, not a column with itself.
      Column[] keys = qis.stream().map(q -> col(q).as(KEY_PREFIX + q)).toArray(Column[]::new);
      Dataset<Row> smallKeys = classes.where(col("n").lt(p.k())).select(keys);
      Column cond = null;
      for (String q : qis) {
        Column eq = col(q).eqNullSafe(col(KEY_PREFIX + q));
        cond = cond == null ? eq : cond.and(eq);
      }
      out = gen.join(smallKeys, cond, "left_anti");
    }
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("model", "k-anonymity");
    report.put("k", p.k());
    report.put("k_achieved", rows - small == 0 ? 0 : kAchieved);
    report.put("max_suppression", p.maxSuppression());
    report.put("suppressed_records", small);
    report.put("suppressed_share", share);
    report.put("suppressed_classes", smallClasses);
    report.put("equivalence_classes", keptClasses);
    report.put("average_class_size", keptClasses == 0 ? 0.0 : (double) (rows - small) / keptClasses);
    report.put("levels", levels);
    return new DatasetPipeline.PrivacyOutcome(out, small, levels, report);
  }
}
