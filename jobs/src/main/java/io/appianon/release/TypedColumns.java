package io.appianon.release;

import static org.apache.spark.sql.functions.add_months;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.last_day;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.make_date;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.when;

import io.appianon.policy.DatasetPolicy;
import io.appianon.technique.AgeFromDate;
import io.appianon.technique.DateTruncate;
import io.appianon.technique.IntervalBands;
import io.appianon.technique.Technique;
import io.appianon.technique.TopBottomCode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Typed companion columns of published labels (issue 22 item 5). The privacy models, hierarchies
 * and the verifier work on the label columns (strings such as {@code 20-39}, {@code 10+}, {@code
 * 2026-Q1}), which sort as text and cannot be summed; each label column of a numeric band or a
 * period gets companions computed <em>only from the published label</em>, so they carry no
 * information the label does not:
 *
 * <ul>
 *   <li>a numeric band ({@code age}, {@code quantity}, {@code amount_band}: outputs of {@code age}
 *       and {@code interval}, columns top-coded with a label): {@code <col>_from} and {@code
 *       <col>_to}, BIGINT, the inclusive bounds ({@code 20-39} gives 20 and 39, {@code 7} gives 7
 *       and 7, {@code 10+} gives 10 and null, {@code <500} gives null and 499); a column top-coded
 *       with a label also gets {@code <col>_top_coded}, BOOLEAN, true when the band is open above
 *       ({@code 10+});
 *   <li>a period (outputs of {@code date-truncate}, however generalized later): {@code <col>_from}
 *       and {@code <col>_to}, DATE, its first and last day ({@code 2026-03}, {@code 2026-Q1},
 *       {@code 2026-H1}, {@code 2026}, or a day).
 * </ul>
 *
 * A label that is suppressed ({@code *}), null or not of these forms gives null companions (and a
 * null flag).
 */
public final class TypedColumns {
  public static final String FROM = "_from";
  public static final String TO = "_to";
  public static final String TOP_CODED = "_top_coded";

  /** The kind of a label column. */
  public enum Kind {
    NUMERIC_BAND,
    PERIOD
  }

  /**
   * One label column and its companions.
   *
   * @param column the published label column
   * @param kind numeric band or period
   * @param topCodedFlag whether a {@code <column>_top_coded} flag is added
   * @param weekly a period whose day labels are the Monday of a week (its last day is 6 days later)
   */
  public record Typed(String column, Kind kind, boolean topCodedFlag, boolean weekly) {
    public List<String> companions() {
      List<String> out = new ArrayList<>(List.of(column + FROM, column + TO));
      if (topCodedFlag) {
        out.add(column + TOP_CODED);
      }
      return out;
    }

    /** The Parquet / Spark SQL type of a companion, as the data dictionary shows it. */
    public String typeOf(String companion) {
      return companion.endsWith(TOP_CODED) ? "BOOLEAN" : kind == Kind.PERIOD ? "DATE" : "BIGINT";
    }
  }

  private TypedColumns() {}

  /**
   * The label columns of {@code policy} that get companions, in policy order (whether or not
   * published).
   */
  public static List<Typed> of(DatasetPolicy policy) {
    Map<String, Typed> out = new LinkedHashMap<>();
    for (Technique t : policy.techniques()) {
      if (t instanceof IntervalBands b) {
        out.put(b.output(), new Typed(b.output(), Kind.NUMERIC_BAND, false, false));
      } else if (t instanceof AgeFromDate a) {
        out.put(a.output(), new Typed(a.output(), Kind.NUMERIC_BAND, false, false));
      } else if (t instanceof TopBottomCode c
          && (c.upperLabel().isPresent() || c.lowerLabel().isPresent())) {
        out.put(
            c.column(),
            new Typed(c.column(), Kind.NUMERIC_BAND, c.upperLabel().isPresent(), false));
      } else if (t instanceof DateTruncate d) {
        out.put(d.output(), new Typed(d.output(), Kind.PERIOD, false, d.unit().equals("week")));
      }
    }
    return List.copyOf(out.values());
  }

  /** The label columns of {@code policy} that {@code data} holds. */
  public static List<Typed> published(DatasetPolicy policy, Dataset<Row> data) {
    Set<String> cols = Set.of(data.columns());
    return of(policy).stream().filter(t -> cols.contains(t.column())).toList();
  }

  /**
   * {@code data} with the companions of every label column it holds, each placed after its label
   * column.
   */
  public static Dataset<Row> add(DatasetPolicy policy, Dataset<Row> data) {
    Map<String, Typed> typed = new LinkedHashMap<>();
    published(policy, data).forEach(t -> typed.put(t.column(), t));
    if (typed.isEmpty()) {
      return data;
    }
    List<Column> select = new ArrayList<>();
    for (String c : data.columns()) {
      select.add(col(c));
      Typed t = typed.get(c);
      if (t == null) {
        continue;
      }
      Column label = col(c).cast("string");
      if (t.kind() == Kind.NUMERIC_BAND) {
        select.add(lowerBound(label).as(c + FROM));
        select.add(upperBound(label).as(c + TO));
        if (t.topCodedFlag()) {
          select.add(
              when(label.isNull().or(label.equalTo("*")), lit(null).cast("boolean"))
                  .otherwise(label.rlike(OPEN_ABOVE))
                  .as(c + TOP_CODED));
        }
      } else {
        Column from = periodStart(label);
        select.add(from.as(c + FROM));
        select.add(periodEnd(label, from, t.weekly()).as(c + TO));
      }
    }
    return data.select(select.toArray(new Column[0]));
  }

  // ---- numeric bands: 7, 20-39, 10+, <500 (integral labels; IntervalBands and TopBottomCode write
  // them) -------------
  private static final String SINGLE = "^-?\\d+$";
  private static final String RANGE = "^(-?\\d+)-(-?\\d+)$";
  private static final String OPEN_ABOVE = "^-?\\d+\\+$";
  private static final String OPEN_BELOW = "^<(-?\\d+)$";

  private static Column lowerBound(Column label) {
    return when(label.rlike(SINGLE), label.try_cast("bigint"))
        .when(label.rlike(RANGE), regexp_extract(label, RANGE, 1).try_cast("bigint"))
        .when(label.rlike(OPEN_ABOVE), regexp_extract(label, "^(-?\\d+)", 1).try_cast("bigint"))
        .otherwise(lit(null).cast("bigint"));
  }

  private static Column upperBound(Column label) {
    return when(label.rlike(SINGLE), label.try_cast("bigint"))
        .when(label.rlike(RANGE), regexp_extract(label, RANGE, 2).try_cast("bigint"))
        .when(
            label.rlike(OPEN_BELOW),
            regexp_extract(label, OPEN_BELOW, 1).try_cast("bigint").minus(1))
        .otherwise(lit(null).cast("bigint"));
  }

  // ---- periods: 2026-03-02, 2026-03, 2026-Q1, 2026-H1, 2026 (DateTruncate and the month hierarchy
  // write them) -------
  private static final String DAY = "^(\\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$";
  private static final String MONTH = "^(\\d{4})-(0[1-9]|1[0-2])$";
  private static final String QUARTER = "^(\\d{4})-Q([1-4])$";
  private static final String HALF = "^(\\d{4})-H([12])$";
  private static final String YEAR = "^(\\d{4})$";

  private static Column part(Column label, String regex, int group) {
    return regexp_extract(label, regex, group).try_cast("int");
  }

  private static Column periodStart(Column label) {
    return when(
            label.rlike(DAY),
            make_date(part(label, DAY, 1), part(label, DAY, 2), part(label, DAY, 3)))
        .when(label.rlike(MONTH), make_date(part(label, MONTH, 1), part(label, MONTH, 2), lit(1)))
        .when(
            label.rlike(QUARTER),
            make_date(
                part(label, QUARTER, 1),
                part(label, QUARTER, 2).minus(1).multiply(3).plus(1),
                lit(1)))
        .when(
            label.rlike(HALF),
            make_date(
                part(label, HALF, 1), part(label, HALF, 2).minus(1).multiply(6).plus(1), lit(1)))
        .when(label.rlike(YEAR), make_date(part(label, YEAR, 1), lit(1), lit(1)))
        .otherwise(lit(null).cast("date"));
  }

  private static Column periodEnd(Column label, Column from, boolean weekly) {
    return when(label.rlike(DAY), weekly ? date_add(from, 6) : from)
        .when(label.rlike(MONTH), last_day(from))
        .when(label.rlike(QUARTER), last_day(add_months(from, 2)))
        .when(label.rlike(HALF), last_day(add_months(from, 5)))
        .when(label.rlike(YEAR), last_day(add_months(from, 11)))
        .otherwise(lit(null).cast("date"));
  }

  /**
   * The names of every companion column of {@code policy}, for checks that must tell them from
   * label columns.
   */
  public static Set<String> companionNames(DatasetPolicy policy) {
    return Set.copyOf(of(policy).stream().flatMap(t -> t.companions().stream()).toList());
  }

  /** Whether {@code columns} (e.g. a Parquet schema's) hold a companion of {@code label}. */
  public static boolean hasCompanions(String[] columns, String label) {
    return Arrays.asList(columns).contains(label + FROM);
  }
}
