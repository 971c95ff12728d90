package io.appianon.privacy;

import static org.apache.spark.sql.functions.broadcast;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The classes a privacy stage suppressed: their quasi-identifiers' levels and labels (a few rows;
 * nothing but these labels reached the driver). Applied to rows with the quasi-identifier columns
 * at level 0, it generalizes them and keeps ({@link #rowsOf}) or removes ({@link #remove}) the rows
 * of those classes; any dataset with the same columns will do (the release stage finds the
 * suppressed rows among the dataset's rows before its persons were removed, without computing the
 * dataset again).
 */
public final class SuppressedClasses {
  private final List<QuasiIdentifier> qis;
  private final int[] levels;
  private final List<Row> labels;

  SuppressedClasses(List<QuasiIdentifier> qis, ClassSnapshot snapshot) {
    this.qis = List.copyOf(qis);
    this.levels = snapshot.levels().clone();
    this.labels = new ArrayList<>();
    for (int c = 0; c < snapshot.size(); c++) {
      if (snapshot.failed()[c]) {
        labels.add(RowFactory.create((Object[]) snapshot.labels()[c]));
      }
    }
  }

  /** The number of suppressed classes. */
  public int size() {
    return labels.size();
  }

  /** {@code data} with its quasi-identifiers generalized to the levels. */
  public Dataset<Row> generalize(Dataset<Row> data) {
    Dataset<Row> out = data;
    for (int a = 0; a < qis.size(); a++) {
      if (levels[a] > 0) {
        QuasiIdentifier qi = qis.get(a);
        out =
            out.withColumn(
                qi.column(),
                qi.hierarchy()
                    .generalize(Anonymizer.column(qi.column()).cast("string"), levels[a]));
      }
    }
    return out;
  }

  /** The rows of {@code data} (quasi-identifiers at level 0) in a suppressed class, generalized. */
  public Dataset<Row> rowsOf(Dataset<Row> data) {
    if (labels.isEmpty()) {
      return data.limit(0);
    }
    // each quasi-identifier's original values that can reach a suppressed class: a set lookup on
    // every row, and the generalization (map lookups) only on the rows left
    Dataset<Row> near = data;
    for (int a = 0; a < qis.size(); a++) {
      int at = a;
      QuasiIdentifier qi = qis.get(a);
      List<String> wanted = new ArrayList<>();
      labels.forEach(l -> wanted.add(l.isNullAt(at) ? null : l.getString(at)));
      Optional<Column> in =
          qi.hierarchy()
              .generalizesTo(Anonymizer.column(qi.column()).cast("string"), wanted, levels[a]);
      if (in.isPresent()) {
        near = near.where(in.get());
      }
    }
    return join(generalize(near), "left_semi");
  }

  /**
   * The rows of {@code data} (quasi-identifiers at level 0) outside the suppressed classes,
   * generalized.
   */
  public Dataset<Row> remove(Dataset<Row> data) {
    return join(generalize(data), "left_anti");
  }

  private Dataset<Row> join(Dataset<Row> out, String how) {
    if (labels.isEmpty()) {
      return how.equals("left_semi") ? out.limit(0) : out;
    }
    List<StructField> fields = new ArrayList<>();
    for (int a = 0; a < qis.size(); a++) {
      fields.add(DataTypes.createStructField("__suppress_" + a, DataTypes.StringType, true));
    }
    Dataset<Row> failed =
        out.sparkSession()
            .createDataFrame(labels, new StructType(fields.toArray(new StructField[0])));
    Column cond = null;
    for (int a = 0; a < qis.size(); a++) {
      Column eq =
          out.col(Anonymizer.quote(qis.get(a).column()))
              .cast("string")
              .eqNullSafe(failed.col("__suppress_" + a));
      cond = cond == null ? eq : cond.and(eq);
    }
    return out.join(broadcast(failed), cond, how);
  }
}
