package io.appianon.privacy;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_from_arrays;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.percentile_approx;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.when;

import io.appianon.hierarchy.Hierarchy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Mondrian multidimensional local recoding: K. LeFevre, D. J. DeWitt, R. Ramakrishnan, "Mondrian
 * multidimensional k-anonymity", ICDE 2006 (strict partitioning). Starting from one partition
 * holding every record, each partition is split along the attribute with the widest normalized
 * range whose split leaves at least k records on every side: a numeric attribute at its median
 * (values equal to the median go to whichever side keeps both sides at least k, the more balanced
 * if both do), a categorical attribute into the children of its current hierarchy node (null values
 * form a child of their own). A partition that cannot be split is final; its records get the
 * partition's range ({@code 30-39}) or hierarchy label. Every partition has at least k records, so
 * the output is k-anonymous with no suppression (unless the input has fewer than k records, which
 * are then all suppressed).
 *
 * <p>Distributed on Spark, one round per tree level: the records carry a partition id; a round
 * computes per partition its count, numeric min/max and approximate median ({@code
 * percentile_approx}) with one aggregation, then the record count of every candidate side of every
 * attribute with one more (a broadcast join with the medians and an exploded group-by), decides the
 * splits on the driver from those aggregates, and assigns the new partition ids with a broadcast
 * join against the small plan table. Each round's working set is a lazy local checkpoint
 * (materialized by the next round's first aggregation, freed by Spark's cleaner once unreferenced),
 * which keeps the query plan from growing with the rounds and the output from replaying them. Only
 * per-partition aggregates reach the driver. Null numeric values go to the lower side.
 */
public final class Mondrian {
  /** Default bound on splitting rounds (a balanced tree over 2^64 records is deeper). */
  public static final int DEFAULT_MAX_ITERATIONS = 64;

  private static final int BROADCAST_LIMIT = 200_000;
  private static final String P = "__m_";

  /** The side label of a null categorical value (a map key cannot be null). */
  private static final String NULL_SIDE = "\u0000null";

  private final int k;
  private final int maxIterations;

  public Mondrian(int k) {
    this(k, DEFAULT_MAX_ITERATIONS);
  }

  public Mondrian(int k, int maxIterations) {
    if (k < 2) {
      throw new IllegalArgumentException("Invalid k: " + k + " (must be >= 2)");
    }
    if (maxIterations < 1) {
      throw new IllegalArgumentException(
          "Invalid maxIterations: " + maxIterations + " (must be >= 1)");
    }
    this.k = k;
    this.maxIterations = maxIterations;
  }

  /** A partition as the driver tracks it. */
  private static final class Part {
    final int[] level;
    final String[] label;
    long count;
    double[] min;
    double[] max;
    double[] median;

    Part(int[] level, String[] label) {
      this.level = level;
      this.label = label;
    }
  }

  /** Runs Mondrian on {@code data} (which should be persisted) over the given QIs. */
  public MondrianResult apply(Dataset<Row> data, List<QuasiIdentifier> qis) {
    long start = System.nanoTime();
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(qis, "qis");
    if (qis.isEmpty()) {
      throw new IllegalArgumentException("Invalid quasi-identifiers: [] (need at least one)");
    }
    Set<String> columns = new HashSet<>(Arrays.asList(data.columns()));
    for (QuasiIdentifier qi : qis) {
      if (!columns.contains(qi.column())) {
        throw new IllegalArgumentException(
            "Unknown quasi-identifier column '"
                + qi.column()
                + "' (columns: "
                + String.join(", ", data.columns())
                + ")");
      }
    }
    SparkSession spark = data.sparkSession();
    int q = qis.size();
    Dataset<Row> work = data;
    for (int a = 0; a < q; a++) {
      QuasiIdentifier qi = qis.get(a);
      work =
          work.withColumn(
              P + "v" + a, Anonymizer.column(qi.column()).cast(qi.numeric() ? "double" : "string"));
    }

    // global count and numeric ranges
    List<Column> globals = new ArrayList<>();
    globals.add(functions.count(lit(1)));
    for (int a = 0; a < q; a++) {
      if (qis.get(a).numeric()) {
        globals.add(min(col(P + "v" + a)));
        globals.add(max(col(P + "v" + a)));
      }
    }
    Row g =
        work.agg(globals.get(0), globals.subList(1, globals.size()).toArray(new Column[0])).first();
    long n = g.getLong(0);
    double[] gmin = new double[q];
    double[] gmax = new double[q];
    for (int a = 0, i = 1; a < q; a++) {
      if (qis.get(a).numeric()) {
        gmin[a] = g.isNullAt(i) ? 0.0 : g.getDouble(i);
        gmax[a] = g.isNullAt(i + 1) ? 0.0 : g.getDouble(i + 1);
        i += 2;
      }
    }
    if (n < k) {
      // everything suppressed: each record counts as fully generalized
      double lost = n == 0 ? 0.0 : 1.0;
      return new MondrianResult(
          data.where(lit(false)),
          n,
          n,
          0,
          0,
          uniformLoss(qis, lost),
          lost,
          n * n,
          0.0,
          0,
          millis(start));
    }
    Map<Integer, Map<Integer, Map<String, Integer>>> leaves = categoricalLeaves(work, qis);

    int[] rootLevel = new int[q];
    String[] rootLabel = new String[q];
    for (int a = 0; a < q; a++) {
      QuasiIdentifier qi = qis.get(a);
      if (!qi.numeric()) {
        rootLevel[a] = qi.hierarchy().maxLevel();
        rootLabel[a] = Hierarchy.ROOT;
        work = work.withColumn(P + "lv" + a, lit(rootLevel[a]));
      }
    }
    work =
        work.withColumn(P + "pid", lit(0L)).withColumn(P + "act", lit(true)).localCheckpoint(false);
    Map<Long, Part> active = new LinkedHashMap<>();
    active.put(0L, new Part(rootLevel, rootLabel));
    Map<Long, Part> done = new LinkedHashMap<>();
    long nextPid = 1;
    int iterations = 0;
    while (!active.isEmpty()) {
      Dataset<Row> act = work.where(col(P + "act"));
      collectStats(act, qis, active);
      if (iterations >= maxIterations) {
        done.putAll(active);
        break;
      }
      iterations++;
      Map<Long, Map<Integer, Map<String, Long>>> sides = sideCounts(spark, act, qis, active);
      List<Row> plan = new ArrayList<>();
      Map<Long, Part> next = new LinkedHashMap<>();
      for (Map.Entry<Long, Part> e : active.entrySet()) {
        long pid = e.getKey();
        Part part = e.getValue();
        Split split = chooseSplit(qis, part, sides.getOrDefault(pid, Map.of()), gmin, gmax, leaves);
        if (split == null) {
          done.put(pid, part);
          continue;
        }
        List<String> keys = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        Map<String, Long> childOf = new HashMap<>();
        for (Map.Entry<String, String> side : split.childBySide().entrySet()) {
          Long child = childOf.get(side.getValue());
          if (child == null) {
            child = nextPid++;
            childOf.put(side.getValue(), child);
            int[] level = part.level.clone();
            String[] label = part.label.clone();
            if (!qis.get(split.dim()).numeric()) {
              level[split.dim()] = part.level[split.dim()] - 1;
              label[split.dim()] = NULL_SIDE.equals(side.getValue()) ? null : side.getValue();
            }
            next.put(child, new Part(level, label));
          }
          keys.add(side.getKey());
          ids.add(child);
        }
        plan.add(
            RowFactory.create(
                pid,
                split.dim(),
                part.median[split.dim()],
                keys.toArray(new String[0]),
                ids.toArray(new Long[0])));
      }
      if (plan.isEmpty()) {
        break;
      }
      // a lazy local checkpoint: materialized by the next round's first aggregation, and it cuts
      // the plan
      work = assign(spark, work, qis, plan).localCheckpoint(false);
      active = next;
    }

    Dataset<Row> output = output(spark, data, work, qis, done);
    return metrics(output, n, qis, done, gmin, gmax, leaves, iterations, start);
  }

  private static long millis(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  private static Map<String, Double> uniformLoss(List<QuasiIdentifier> qis, double loss) {
    Map<String, Double> m = new LinkedHashMap<>();
    qis.forEach(qi -> m.put(qi.column(), loss));
    return m;
  }

  /**
   * For each categorical QI: per level, the number of domain values (the hierarchy's and the
   * data's) under each label; the data's distinct values come from one aggregation.
   */
  private static Map<Integer, Map<Integer, Map<String, Integer>>> categoricalLeaves(
      Dataset<Row> work, List<QuasiIdentifier> qis) {
    List<Column> entries = new ArrayList<>();
    for (int a = 0; a < qis.size(); a++) {
      if (!qis.get(a).numeric()) {
        entries.add(struct(lit(a).as("d"), col(P + "v" + a).as("v")));
      }
    }
    Map<Integer, Set<String>> values = new HashMap<>();
    if (!entries.isEmpty()) {
      List<Row> rows =
          work.select(explode(array(entries.toArray(new Column[0]))).as("e"))
              .select(col("e.d"), col("e.v"))
              .distinct()
              .collectAsList();
      for (Row r : rows) {
        values
            .computeIfAbsent(r.getInt(0), x -> new HashSet<>())
            .add(r.isNullAt(1) ? null : r.getString(1));
      }
    }
    Map<Integer, Map<Integer, Map<String, Integer>>> out = new HashMap<>();
    for (int a = 0; a < qis.size(); a++) {
      QuasiIdentifier qi = qis.get(a);
      if (qi.numeric()) {
        continue;
      }
      Set<String> domain = new HashSet<>(qi.hierarchy().values());
      domain.addAll(values.getOrDefault(a, Set.of()));
      Map<Integer, Map<String, Integer>> perLevel = new HashMap<>();
      for (int l = 0; l < qi.hierarchy().height(); l++) {
        Map<String, Integer> counts = new HashMap<>();
        for (String v : domain) {
          counts.merge(qi.hierarchy().generalize(v, l), 1, Integer::sum);
        }
        perLevel.put(l, counts);
      }
      perLevel.put(-1, Map.of("", domain.size()));
      out.put(a, perLevel);
    }
    return out;
  }

  private static int domainSize(Map<Integer, Map<Integer, Map<String, Integer>>> leaves, int a) {
    return leaves.get(a).get(-1).get("");
  }

  /** Count, numeric min / max / approximate median per active partition. */
  private static void collectStats(
      Dataset<Row> act, List<QuasiIdentifier> qis, Map<Long, Part> active) {
    List<Column> aggs = new ArrayList<>();
    for (int a = 0; a < qis.size(); a++) {
      if (qis.get(a).numeric()) {
        Column v = col(P + "v" + a);
        aggs.add(min(v));
        aggs.add(max(v));
        aggs.add(percentile_approx(v, lit(0.5), lit(10_000)));
      }
    }
    List<Row> rows =
        act.groupBy(col(P + "pid"))
            .agg(functions.count(lit(1)), aggs.toArray(new Column[0]))
            .collectAsList();
    for (Row r : rows) {
      Part part = active.get(r.getLong(0));
      part.count = r.getLong(1);
      part.min = new double[qis.size()];
      part.max = new double[qis.size()];
      part.median = new double[qis.size()];
      for (int a = 0, i = 2; a < qis.size(); a++) {
        if (qis.get(a).numeric()) {
          part.min[a] = r.isNullAt(i) ? Double.NaN : r.getDouble(i);
          part.max[a] = r.isNullAt(i + 1) ? Double.NaN : r.getDouble(i + 1);
          part.median[a] = r.isNullAt(i + 2) ? Double.NaN : r.getDouble(i + 2);
          i += 3;
        }
      }
    }
  }

  /**
   * The side a record falls on for attribute a: L / E / R around the median, or the child label.
   */
  private static Column side(QuasiIdentifier qi, int a, Column median) {
    Column v = col(P + "v" + a);
    if (qi.numeric()) {
      return when(v.isNull().or(v.lt(median)), lit("L"))
          .when(v.equalTo(median), lit("E"))
          .otherwise(lit("R"));
    }
    Column lv = col(P + "lv" + a);
    Column expr = null;
    for (int l = 1; l <= qi.hierarchy().maxLevel(); l++) {
      Column child = qi.hierarchy().generalize(v, l - 1);
      expr = expr == null ? when(lv.equalTo(l), child) : expr.when(lv.equalTo(l), child);
    }
    return expr == null ? lit(NULL_SIDE) : coalesce(expr, lit(NULL_SIDE));
  }

  private static StructType mediansSchema(int q) {
    List<StructField> fields = new ArrayList<>();
    fields.add(DataTypes.createStructField(P + "mpid", DataTypes.LongType, false));
    for (int a = 0; a < q; a++) {
      fields.add(DataTypes.createStructField(P + "med" + a, DataTypes.DoubleType, true));
    }
    return new StructType(fields.toArray(new StructField[0]));
  }

  private static <T> Dataset<T> small(Dataset<T> table, long rows) {
    return rows <= BROADCAST_LIMIT ? broadcast(table) : table;
  }

  /** Records per (partition, attribute, side), with one exploded aggregation. */
  private static Map<Long, Map<Integer, Map<String, Long>>> sideCounts(
      SparkSession spark, Dataset<Row> act, List<QuasiIdentifier> qis, Map<Long, Part> active) {
    int q = qis.size();
    List<Row> medianRows = new ArrayList<>();
    for (Map.Entry<Long, Part> e : active.entrySet()) {
      Object[] row = new Object[q + 1];
      row[0] = e.getKey();
      for (int a = 0; a < q; a++) {
        double m = e.getValue().median == null ? Double.NaN : e.getValue().median[a];
        row[a + 1] = qis.get(a).numeric() && !Double.isNaN(m) ? m : null;
      }
      medianRows.add(RowFactory.create(row));
    }
    Dataset<Row> medians = spark.createDataFrame(medianRows, mediansSchema(q));
    Dataset<Row> joined =
        act.join(
            small(medians, medianRows.size()), act.col(P + "pid").equalTo(medians.col(P + "mpid")));
    List<Column> entries = new ArrayList<>();
    for (int a = 0; a < q; a++) {
      entries.add(struct(lit(a).as("d"), side(qis.get(a), a, col(P + "med" + a)).as("s")));
    }
    List<Row> rows =
        joined
            .select(col(P + "pid"), explode(array(entries.toArray(new Column[0]))).as("e"))
            .groupBy(col(P + "pid"), col("e.d"), col("e.s"))
            .count()
            .collectAsList();
    Map<Long, Map<Integer, Map<String, Long>>> out = new HashMap<>();
    for (Row r : rows) {
      out.computeIfAbsent(r.getLong(0), x -> new HashMap<>())
          .computeIfAbsent(r.getInt(1), x -> new HashMap<>())
          .put(r.getString(2), r.getLong(3));
    }
    return out;
  }

  /**
   * A chosen split: the attribute and, per side label, the child it goes to (named by a child key).
   */
  private record Split(int dim, Map<String, String> childBySide) {}

  private Split chooseSplit(
      List<QuasiIdentifier> qis,
      Part part,
      Map<Integer, Map<String, Long>> sides,
      double[] gmin,
      double[] gmax,
      Map<Integer, Map<Integer, Map<String, Integer>>> leaves) {
    if (part.count < 2L * k) {
      return null;
    }
    int q = qis.size();
    Integer[] dims = new Integer[q];
    double[] width = new double[q];
    for (int a = 0; a < q; a++) {
      dims[a] = a;
      QuasiIdentifier qi = qis.get(a);
      if (qi.numeric()) {
        double range = gmax[a] - gmin[a];
        width[a] =
            range <= 0 || Double.isNaN(part.min[a]) ? 0.0 : (part.max[a] - part.min[a]) / range;
      } else {
        int m = domainSize(leaves, a);
        int covered = leaves.get(a).get(part.level[a]).getOrDefault(part.label[a], 1);
        width[a] = part.level[a] == 0 || m <= 1 ? 0.0 : (covered - 1.0) / (m - 1.0);
      }
    }
    Arrays.sort(dims, Comparator.<Integer>comparingDouble(a -> -width[a]).thenComparingInt(a -> a));
    for (int a : dims) {
      if (width[a] <= 0.0) {
        break;
      }
      Map<String, Long> s = sides.getOrDefault(a, Map.of());
      if (qis.get(a).numeric()) {
        long l = s.getOrDefault("L", 0L);
        long e = s.getOrDefault("E", 0L);
        long r = s.getOrDefault("R", 0L);
        boolean upper = l + e >= k && r >= k; // median goes left
        boolean lower = l >= k && e + r >= k; // median goes right
        if (upper && (!lower || Math.min(l + e, r) >= Math.min(l, e + r))) {
          return new Split(a, numericSides("lo", "lo", "hi"));
        }
        if (lower) {
          return new Split(a, numericSides("lo", "hi", "hi"));
        }
      } else {
        if (s.size() >= 2 && s.values().stream().allMatch(c -> c >= k)) {
          Map<String, String> children = new LinkedHashMap<>();
          s.keySet().stream().sorted().forEach(label -> children.put(label, label));
          return new Split(a, children);
        }
      }
    }
    return null;
  }

  /**
   * The children of the L, E and R sides of a numeric split, in a fixed order (partition ids are
   * deterministic).
   */
  private static Map<String, String> numericSides(String l, String e, String r) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("L", l);
    m.put("E", e);
    m.put("R", r);
    return m;
  }

  /** New partition ids (and categorical levels) from a broadcast join with the plan. */
  private static Dataset<Row> assign(
      SparkSession spark, Dataset<Row> work, List<QuasiIdentifier> qis, List<Row> plan) {
    StructType schema =
        new StructType(
            new StructField[] {
              DataTypes.createStructField(P + "ppid", DataTypes.LongType, false),
              DataTypes.createStructField(P + "dim", DataTypes.IntegerType, false),
              DataTypes.createStructField(P + "pmed", DataTypes.DoubleType, true),
              DataTypes.createStructField(
                  P + "keys", DataTypes.createArrayType(DataTypes.StringType), false),
              DataTypes.createStructField(
                  P + "ids", DataTypes.createArrayType(DataTypes.LongType), false)
            });
    Dataset<Row> planTable = spark.createDataFrame(plan, schema);
    Dataset<Row> joined =
        work.join(
            small(planTable, plan.size()),
            work.col(P + "pid").equalTo(planTable.col(P + "ppid")),
            "left");
    Column dim = col(P + "dim");
    Column sideExpr = null;
    for (int a = 0; a < qis.size(); a++) {
      Column s = side(qis.get(a), a, col(P + "pmed"));
      sideExpr = sideExpr == null ? when(dim.equalTo(a), s) : sideExpr.when(dim.equalTo(a), s);
    }
    Column newPid =
        coalesce(
            try_element_at(map_from_arrays(col(P + "keys"), col(P + "ids")), sideExpr),
            col(P + "pid"));
    Dataset<Row> out = joined.withColumn(P + "pid", newPid).withColumn(P + "act", dim.isNotNull());
    for (int a = 0; a < qis.size(); a++) {
      if (!qis.get(a).numeric()) {
        Column lv = col(P + "lv" + a);
        out = out.withColumn(P + "lv" + a, when(dim.equalTo(a), lv.minus(1)).otherwise(lv));
      }
    }
    return out.drop(P + "ppid", P + "dim", P + "pmed", P + "keys", P + "ids");
  }

  static String format(double x) {
    if (Double.isNaN(x)) {
      return null;
    }
    if (x == Math.rint(x) && Math.abs(x) < 1e15) {
      return Long.toString((long) x);
    }
    return Double.toString(x);
  }

  private static String numericLabel(Part part, int a) {
    String lo = format(part.min[a]);
    String hi = format(part.max[a]);
    if (lo == null) {
      return null;
    }
    return part.min[a] == part.max[a] ? lo : lo + "-" + hi;
  }

  /**
   * The input columns with QIs replaced by their partition's labels (a join with the small label
   * table).
   */
  private static Dataset<Row> output(
      SparkSession spark,
      Dataset<Row> data,
      Dataset<Row> work,
      List<QuasiIdentifier> qis,
      Map<Long, Part> done) {
    int q = qis.size();
    List<StructField> fields = new ArrayList<>();
    fields.add(DataTypes.createStructField(P + "lpid", DataTypes.LongType, false));
    for (int a = 0; a < q; a++) {
      fields.add(DataTypes.createStructField(P + "label" + a, DataTypes.StringType, true));
    }
    List<Row> rows = new ArrayList<>();
    for (Map.Entry<Long, Part> e : done.entrySet()) {
      Object[] row = new Object[q + 1];
      row[0] = e.getKey();
      for (int a = 0; a < q; a++) {
        row[a + 1] = qis.get(a).numeric() ? numericLabel(e.getValue(), a) : e.getValue().label[a];
      }
      rows.add(RowFactory.create(row));
    }
    Dataset<Row> labels =
        spark.createDataFrame(rows, new StructType(fields.toArray(new StructField[0])));
    Dataset<Row> joined =
        work.join(small(labels, rows.size()), work.col(P + "pid").equalTo(labels.col(P + "lpid")));
    Map<String, Integer> qiIndex = new HashMap<>();
    for (int a = 0; a < q; a++) {
      qiIndex.put(qis.get(a).column(), a);
    }
    List<Column> select = new ArrayList<>();
    for (String c : data.columns()) {
      Integer a = qiIndex.get(c);
      select.add(a == null ? Anonymizer.column(c) : col(P + "label" + a).as(c));
    }
    return joined.select(select.toArray(new Column[0]));
  }

  private MondrianResult metrics(
      Dataset<Row> output,
      long n,
      List<QuasiIdentifier> qis,
      Map<Long, Part> done,
      double[] gmin,
      double[] gmax,
      Map<Integer, Map<Integer, Map<String, Integer>>> leaves,
      int iterations,
      long start) {
    int q = qis.size();
    double[] lossSum = new double[q];
    long dm = 0;
    long minSize = Long.MAX_VALUE;
    for (Part part : done.values()) {
      long c = part.count;
      dm += c * c;
      minSize = Math.min(minSize, c);
      for (int a = 0; a < q; a++) {
        double w;
        if (qis.get(a).numeric()) {
          double range = gmax[a] - gmin[a];
          w = range <= 0 || Double.isNaN(part.min[a]) ? 0.0 : (part.max[a] - part.min[a]) / range;
        } else {
          int m = domainSize(leaves, a);
          int covered = leaves.get(a).get(part.level[a]).getOrDefault(part.label[a], 1);
          w = m <= 1 ? 0.0 : (covered - 1.0) / (m - 1.0);
        }
        lossSum[a] += c * w;
      }
    }
    Map<String, Double> lossBy = new LinkedHashMap<>();
    double total = 0.0;
    for (int a = 0; a < q; a++) {
      double l = lossSum[a] / n;
      lossBy.put(qis.get(a).column(), l);
      total += l;
    }
    int partitions = done.size();
    return new MondrianResult(
        output,
        n,
        0,
        partitions,
        partitions == 0 ? 0 : minSize,
        lossBy,
        total / q,
        dm,
        partitions == 0 ? 0.0 : ((double) n / partitions) / k,
        iterations,
        millis(start));
  }
}
