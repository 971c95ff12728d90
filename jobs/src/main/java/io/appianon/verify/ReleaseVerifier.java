package io.appianon.verify;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.aggregate;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.map_from_arrays;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.when;

import io.appianon.hierarchy.Hierarchy;
import io.appianon.policy.DatasetPolicy;
import io.appianon.policy.PrivacySpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Checks, on the files of a published release read back with Spark, every privacy model the
 * policies declare. It shares no code with the pipeline that enforces the models (nothing of {@code
 * io.appianon.privacy}): it reads only the policy records and the published Parquet, and computes
 * every measure from the papers' definitions with Spark built-in functions; only one row of
 * aggregates per model reaches the driver (and the distinct sensitive values, for t-closeness).
 *
 * <p>An equivalence class is the set of published rows with the same values of the quasi-identifier
 * columns as published (after generalization; null is a value). Per model, the worst value reported
 * is:
 *
 * <ul>
 *   <li>k-anonymity: the smallest class size; holds when it is at least k.
 *   <li>distinct l-diversity: the fewest distinct sensitive values (null is a value) in a class; at
 *       least l.
 *   <li>entropy l-diversity (Machanavajjhala et al., TKDD 2007, Def. 4.1): the smallest {@code
 *       exp(H)} of a class, {@code H = -sum p log p} of its sensitive values; holds when {@code H
 *       >= log l}.
 *   <li>recursive (c,l)-diversity (ibid., Def. 4.2): with the counts of a class sorted {@code r1 >=
 *       r2 >= ...}, the largest {@code r1 / (r_l + ... + r_m)} (infinite when a class has fewer
 *       than l values); holds when every class has at least l values and {@code r1 < c (r_l + ... +
 *       r_m)}.
 *   <li>t-closeness (N. Li, T. Li, S. Venkatasubramanian, ICDE 2007, Sec. 4.2): the largest Earth
 *       Mover's Distance between a class's sensitive distribution P and Q, the distribution over
 *       the whole published dataset; holds when it is at most t. Equal distance: {@code 1/2 sum
 *       |p_i - q_i|}. Ordered distance (values must be numbers, ranked {@code 1..m} over the
 *       distinct published values): {@code 1/(m-1) sum_i |sum_{j<=i} (p_j - q_j)|}. Hierarchical
 *       distance on a hierarchy of height H: {@code sum over inner nodes N of level(N)/H
 *       min(pos_extra(N), neg_extra(N))}, where {@code extra} of a leaf is {@code p - q} and of a
 *       node the sum over its children; a value the hierarchy does not know hangs under the root.
 *   <li>k^m-anonymity (Terrovitis, Mamoulis, Kalnis, PVLDB 2008): over every itemset of 1..m
 *       distinct non-null items a person has ({@code collect_set} per person), the fewest persons
 *       having it; holds when at least k. Groups are the distinct itemsets; violating records are
 *       the rows of persons holding a violating itemset.
 * </ul>
 *
 * <p>Unlike the pipeline, which compares each class with the distribution of its input (as ARX
 * does), the verifier compares with the published rows: that is what a reader of the release sees
 * and can recompute. Real numbers are compared with a slack of {@value #SLACK}.
 */
public final class ReleaseVerifier {
  /** Slack for comparing an entropy or a distance with its bound. */
  public static final double SLACK = 1e-9;

  private static final String NULL_KEY = "\u0000null";
  private static final String S = "__verify_s";
  private static final String N = "__verify_n";
  private static final String SIZE = "__verify_size";
  private static final String MEASURE = "__verify_measure";
  private static final String BAD = "__verify_bad";

  private ReleaseVerifier() {}

  /**
   * Checks every dataset of {@code policies} in its folder {@code releaseDir/<dataset name>}; a
   * missing folder is reported as an error of that dataset (the report does not hold).
   */
  public static VerificationReport verify(
      SparkSession spark, List<DatasetPolicy> policies, Path releaseDir) {
    List<VerificationReport.DatasetVerification> out = new ArrayList<>();
    for (DatasetPolicy p : policies) {
      Path folder = releaseDir.resolve(p.name());
      if (!Files.isDirectory(folder)) {
        out.add(
            new VerificationReport.DatasetVerification(
                p.name(),
                folder.toString(),
                0,
                List.of(),
                Optional.of("no published folder " + folder + " (policy " + p.file() + ")")));
        continue;
      }
      Dataset<Row> published = spark.read().parquet(folder.toUri().toString());
      out.add(
          p.hasPrivacy()
              ? verify(p.name(), folder.toString(), p.privacy(), published)
              : unmodelled(p.name(), folder.toString(), published));
    }
    return new VerificationReport(out);
  }

  /** Checks the models of {@code spec} on the published rows of one dataset. */
  public static VerificationReport.DatasetVerification verify(
      String dataset, String folder, PrivacySpec spec, Dataset<Row> published) {
    Set<String> columns = new LinkedHashSet<>(Arrays.asList(published.columns()));
    List<ModelCheck> checks = new ArrayList<>();
    List<String> qis = spec.columns();
    checks.add(kAnonymity(published, columns, qis, spec.k()));
    spec.lDiversity().ifPresent(l -> checks.add(lDiversity(published, columns, qis, l)));
    spec.tCloseness().ifPresent(t -> checks.add(tCloseness(published, columns, qis, t)));
    spec.kmAnonymity().ifPresent(km -> checks.add(kmAnonymity(published, columns, km)));
    checks.addAll(typedCompanions(published, columns));
    return new VerificationReport.DatasetVerification(
        dataset, folder, published.count(), checks, Optional.empty());
  }

  /**
   * A dataset whose policy declares no privacy block (the pseudonymous kind only): no model to
   * check, only the typed companions.
   */
  static VerificationReport.DatasetVerification unmodelled(
      String dataset, String folder, Dataset<Row> published) {
    Set<String> columns = new LinkedHashSet<>(Arrays.asList(published.columns()));
    return new VerificationReport.DatasetVerification(
        dataset, folder, published.count(), typedCompanions(published, columns), Optional.empty());
  }

  // ---- typed companions
  // ----------------------------------------------------------------------------------------------

  /**
   * Typed companions ({@code <label>_from}, {@code <label>_to}, {@code <label>_top_coded}: issue
   * 22) add nothing to a label column only if they are a function of it: one check per label column
   * that has them, found by name in the published schema; a label with two different companion
   * values violates it (its rows are the violating records).
   */
  public static List<ModelCheck> typedCompanions(Dataset<Row> rows, Set<String> columns) {
    List<ModelCheck> out = new ArrayList<>();
    for (String label : columns) {
      List<String> companions =
          java.util.stream.Stream.of("_from", "_to", "_top_coded")
              .map(x -> label + x)
              .filter(columns::contains)
              .toList();
      if (!columns.contains(label + "_from")) {
        continue;
      }
      String requirement = String.join(", ", companions) + " take one value per value of " + label;
      Dataset<Row> groups =
          rows.groupBy(col(label))
              .agg(
                  count(lit(1)).as(SIZE),
                  org.apache
                      .spark
                      .sql
                      .functions
                      .size(collect_set(struct(cols(companions))))
                      .cast("double")
                      .as(MEASURE))
              .withColumn(BAD, col(MEASURE).gt(1));
      out.add(summarize("typed-columns", requirement, groups, true));
    }
    return out;
  }

  // ---- k-anonymity
  // -------------------------------------------------------------------------------------------------

  static ModelCheck kAnonymity(Dataset<Row> rows, Set<String> columns, List<String> qis, int k) {
    String model = "k-anonymity";
    String requirement =
        "every combination of "
            + String.join(", ", qis)
            + " is shared by at least "
            + k
            + " records";
    Optional<String> missing = missing(columns, qis);
    if (missing.isPresent()) {
      return ModelCheck.unchecked(model, requirement, missing.get());
    }
    Dataset<Row> classes =
        rows.groupBy(cols(qis))
            .agg(count(lit(1)).as(SIZE))
            .withColumn(MEASURE, col(SIZE).cast("double"))
            .withColumn(BAD, col(SIZE).lt(k));
    return summarize(model, requirement, classes, false);
  }

  // ---- l-diversity
  // -------------------------------------------------------------------------------------------------

  static ModelCheck lDiversity(
      Dataset<Row> rows, Set<String> columns, List<String> qis, PrivacySpec.LDiversity spec) {
    double l = spec.l();
    String s = spec.column();
    List<String> needed = new ArrayList<>(qis);
    needed.add(s);
    return switch (spec.variant()) {
      case "entropy" -> {
        String model = "entropy-l-diversity";
        String requirement = "the entropy of " + s + " in every class is at least log(" + l + ")";
        Optional<String> missing = missing(columns, needed);
        if (missing.isPresent()) {
          yield ModelCheck.unchecked(model, requirement, missing.get());
        }
        // H = log n - (sum c log c) / n over the counts c of the class's values, n their sum
        Dataset<Row> classes =
            cells(rows, qis, s)
                .groupBy(cols(qis))
                .agg(sum(N).as(SIZE), sum(col(N).multiply(log(col(N)))).as("__verify_clogc"))
                .withColumn(
                    "__verify_h", log(col(SIZE)).minus(col("__verify_clogc").divide(col(SIZE))))
                .withColumn(MEASURE, exp(col("__verify_h")))
                .withColumn(BAD, col("__verify_h").lt(Math.log(l) - SLACK));
        yield summarize(model, requirement, classes, false);
      }
      case "recursive" -> {
        int li = (int) Math.ceil(l);
        double c = spec.c();
        String model = "recursive-(c,l)-diversity";
        String requirement =
            "in every class "
                + s
                + " has at least "
                + li
                + " values and the most frequent count r1 < "
                + c
                + " * (r"
                + li
                + " + ... + rm)";
        Optional<String> missing = missing(columns, needed);
        if (missing.isPresent()) {
          yield ModelCheck.unchecked(model, requirement, missing.get());
        }
        WindowSpec byCount = Window.partitionBy(cols(qis)).orderBy(col(N).desc());
        Dataset<Row> classes =
            cells(rows, qis, s)
                .withColumn("__verify_rank", row_number().over(byCount))
                .groupBy(cols(qis))
                .agg(
                    sum(N).as(SIZE),
                    count(lit(1)).as("__verify_values"),
                    max(N).as("__verify_r1"),
                    sum(when(col("__verify_rank").geq(li), col(N)).otherwise(lit(0L)))
                        .as("__verify_tail"))
                .withColumn(
                    MEASURE,
                    when(
                            col("__verify_tail").gt(0),
                            col("__verify_r1")
                                .cast("double")
                                .divide(col("__verify_tail").cast("double")))
                        .otherwise(lit(Double.POSITIVE_INFINITY)))
                .withColumn(
                    BAD,
                    col("__verify_values")
                        .lt(li)
                        .or(
                            col("__verify_r1")
                                .cast("double")
                                .geq(col("__verify_tail").cast("double").multiply(c))));
        yield summarize(model, requirement, classes, true);
      }
      default -> {
        String model = "distinct-l-diversity";
        String requirement = "every class has at least " + l + " distinct values of " + s;
        Optional<String> missing = missing(columns, needed);
        if (missing.isPresent()) {
          yield ModelCheck.unchecked(model, requirement, missing.get());
        }
        Dataset<Row> classes =
            cells(rows, qis, s)
                .groupBy(cols(qis))
                .agg(sum(N).as(SIZE), count(lit(1)).as("__verify_values"))
                .withColumn(MEASURE, col("__verify_values").cast("double"))
                .withColumn(BAD, col("__verify_values").lt(l));
        yield summarize(model, requirement, classes, false);
      }
    };
  }

  // ---- t-closeness
  // -------------------------------------------------------------------------------------------------

  static ModelCheck tCloseness(
      Dataset<Row> rows, Set<String> columns, List<String> qis, PrivacySpec.TCloseness spec) {
    String s = spec.column();
    String model = "t-closeness (" + spec.distance() + " distance)";
    String requirement =
        "the distance of "
            + s
            + " in every class to its distribution in the published dataset is at"
            + " most "
            + spec.t()
            + (spec.distance().equals("hierarchical")
                ? " (hierarchy " + spec.hierarchy().map(Hierarchy::name).orElse("?") + ")"
                : "");
    List<String> needed = new ArrayList<>(qis);
    needed.add(s);
    Optional<String> missing = missing(columns, needed);
    if (missing.isPresent()) {
      return ModelCheck.unchecked(model, requirement, missing.get());
    }
    // Q: the published distribution of the sensitive values (one driver row per distinct value)
    Map<String, Long> totals = new TreeMap<>();
    for (Row r : rows.groupBy(sensitiveKey(s).as(S)).agg(count(lit(1)).as(N)).collectAsList()) {
      totals.put(r.getString(0), r.getLong(1));
    }
    long total = totals.values().stream().mapToLong(Long::longValue).sum();
    Map<String, Double> q = new HashMap<>();
    totals.forEach((v, n) -> q.put(v, (double) n / total));
    Dataset<Row> cells =
        cells(rows, qis, s).withColumn(SIZE, sum(N).over(Window.partitionBy(cols(qis))));
    Dataset<Row> classes;
    switch (spec.distance()) {
      case "ordered" -> {
        Optional<Dataset<Row>> ordered = orderedDistance(cells, qis, q);
        if (ordered.isEmpty()) {
          String bad =
              q.keySet().stream()
                  .filter(v -> number(v).isEmpty())
                  .map(ReleaseVerifier::shown)
                  .limit(3)
                  .collect(Collectors.joining(", "));
          return ModelCheck.unchecked(
              model,
              requirement,
              "the ordered distance needs numbers, but " + s + " has values " + bad);
        }
        classes = ordered.get();
      }
      case "hierarchical" ->
          classes =
              hierarchicalDistance(
                  rows.sparkSession(), cells, qis, q, spec.hierarchy().orElseThrow());
      default -> {
        // 1/2 sum |p - q|: the values a class lacks contribute their q, i.e. 1 - (sum of q of the
        // values it has)
        Column p = col(N).cast("double").divide(col(SIZE).cast("double"));
        Column qv = qOf(q, col(S));
        classes =
            cells
                .groupBy(cols(qis, SIZE))
                .agg(sum(abs(p.minus(qv))).as("__verify_present"), sum(qv).as("__verify_qpresent"))
                .withColumn(
                    MEASURE,
                    col("__verify_present")
                        .plus(lit(1.0))
                        .minus(col("__verify_qpresent"))
                        .multiply(0.5));
      }
    }
    return summarize(
        model, requirement, classes.withColumn(BAD, col(MEASURE).gt(spec.t() + SLACK)), true);
  }

  /** The ordered distance per class, or empty when a published value is not a number. */
  private static Optional<Dataset<Row>> orderedDistance(
      Dataset<Row> cells, List<String> qis, Map<String, Double> q) {
    TreeMap<Double, Double> byNumber = new TreeMap<>();
    Map<String, Double> numbers = new HashMap<>();
    for (Map.Entry<String, Double> e : q.entrySet()) {
      Optional<Double> x = number(e.getKey());
      if (x.isEmpty()) {
        return Optional.empty();
      }
      numbers.put(e.getKey(), x.get());
      byNumber.merge(x.get(), e.getValue(), Double::sum);
    }
    int m = byNumber.size();
    if (m <= 1) {
      return Optional.of(
          cells
              .groupBy(cols(qis, SIZE))
              .agg(count(lit(1)).as("__verify_values"))
              .withColumn(MEASURE, lit(0.0)));
    }
    List<Double> ranked = new ArrayList<>(byNumber.keySet());
    double[] qCumulative = new double[m];
    double running = 0.0;
    for (int i = 0; i < m; i++) {
      running += byNumber.get(ranked.get(i));
      qCumulative[i] = running;
    }
    String[] keys = numbers.keySet().toArray(new String[0]);
    int[] ranks = new int[keys.length];
    for (int i = 0; i < keys.length; i++) {
      ranks[i] = ranked.indexOf(numbers.get(keys[i]));
    }
    Column rank = try_element_at(map_from_arrays(lit(keys), lit(ranks)), col(S));
    Column hist = col("__verify_hist");
    // sum over ranks i = 0..m-1 of |P(rank <= i) - Q(rank <= i)|, divided by m - 1
    Column emd =
        aggregate(
                sequence(lit(0), lit(m - 1)),
                lit(0.0),
                (acc, i) ->
                    acc.plus(
                        abs(
                            aggregate(
                                    filter(hist, x -> x.getField("r").leq(i)),
                                    lit(0L),
                                    (a, x) -> a.plus(x.getField("n")))
                                .cast("double")
                                .divide(col(SIZE).cast("double"))
                                .minus(try_element_at(lit(qCumulative), i.plus(1))))))
            .divide(m - 1);
    return Optional.of(
        cells
            .groupBy(cols(qis, SIZE))
            .agg(collect_list(struct(rank.as("r"), col(N).as("n"))).as("__verify_hist"))
            .withColumn(MEASURE, emd));
  }

  /**
   * The hierarchical distance per class. With {@code extra(C) = P(C) - Q(C)} for a node C (the sums
   * over its leaves), a node N of level l costs {@code l/H min(pos(N), neg(N))} where pos / neg sum
   * the positive / negative extras of its children. Children a class has no record under have a
   * negative extra, so {@code pos(N)} comes from the children the class has, and {@code neg(N) =
   * pos(N) - extra(N)}: one row per (class, node with records).
   */
  private static Dataset<Row> hierarchicalDistance(
      SparkSession spark,
      Dataset<Row> cells,
      List<String> qis,
      Map<String, Double> q,
      Hierarchy hierarchy) {
    int height = hierarchy.maxLevel();
    Map<String, Double> qNode = new HashMap<>();
    List<Row> edges = new ArrayList<>();
    for (Map.Entry<String, Double> e : q.entrySet()) {
      String value = e.getKey().equals(NULL_KEY) ? null : e.getKey();
      List<String> path = new ArrayList<>();
      for (int level = 0; level <= height; level++) {
        // a node is named by its level and its labels up to the root, so equal labels under two
        // parents differ
        StringBuilder name = new StringBuilder().append(level);
        for (int up = level; up <= height; up++) {
          String label = up == 0 ? value : hierarchy.generalize(value, up);
          name.append('\u001f').append(label == null ? NULL_KEY : label);
        }
        path.add(name.toString());
        qNode.merge(name.toString(), e.getValue(), Double::sum);
      }
      for (int level = 0; level < height; level++) {
        edges.add(RowFactory.create(e.getKey(), level + 1, path.get(level), path.get(level + 1)));
      }
    }
    StructType schema =
        new StructType()
            .add(S, DataTypes.StringType, false)
            .add("__verify_level", DataTypes.IntegerType, false)
            .add("__verify_child", DataTypes.StringType, false)
            .add("__verify_node", DataTypes.StringType, false);
    Dataset<Row> tree = spark.createDataFrame(edges, schema);
    Column p = col(N).cast("double").divide(col(SIZE).cast("double"));
    Dataset<Row> children =
        cells
            .join(broadcast(tree), S)
            .groupBy(cols(qis, SIZE, "__verify_level", "__verify_child", "__verify_node"))
            .agg(sum(p).as("__verify_p"))
            .withColumn(
                "__verify_pos",
                greatest(col("__verify_p").minus(qOf(qNode, col("__verify_child"))), lit(0.0)));
    Dataset<Row> nodes =
        children
            .groupBy(cols(qis, SIZE, "__verify_level", "__verify_node"))
            .agg(sum("__verify_pos").as("__verify_pos"), sum("__verify_p").as("__verify_p"))
            .withColumn(
                "__verify_cost",
                col("__verify_level")
                    .cast("double")
                    .divide(height)
                    .multiply(
                        least(
                            col("__verify_pos"),
                            col("__verify_pos")
                                .minus(col("__verify_p"))
                                .plus(qOf(qNode, col("__verify_node"))))));
    return nodes.groupBy(cols(qis, SIZE)).agg(sum("__verify_cost").as(MEASURE));
  }

  // ---- k^m-anonymity
  // -----------------------------------------------------------------------------------------------

  static ModelCheck kmAnonymity(
      Dataset<Row> rows, Set<String> columns, PrivacySpec.KmAnonymity spec) {
    String model = "k^m-anonymity";
    String requirement =
        "every set of up to "
            + spec.m()
            + " values of "
            + spec.item()
            + " that one "
            + spec.person()
            + " has is shared by at least "
            + spec.k()
            + " of them";
    Optional<String> missing = missing(columns, List.of(spec.person(), spec.item()));
    if (missing.isPresent()) {
      return ModelCheck.unchecked(model, requirement, missing.get());
    }
    String person = "__verify_person";
    String items = "__verify_items";
    String set = "__verify_set";
    Dataset<Row> baskets =
        rows.where(col(spec.item()).isNotNull())
            .groupBy(col(spec.person()).as(person))
            .agg(sort_array(collect_set(col(spec.item()).cast("string"))).as(items));
    // itemsets of sizes 1..m: chained posexplodes of the basket, keeping strictly increasing
    // positions
    Dataset<Row> level =
        baskets.select(
            col(person),
            col(items),
            posexplode(col(items)).as(new String[] {"__verify_pos1", "__verify_item1"}));
    List<String> chosen = new ArrayList<>(List.of("__verify_item1"));
    Dataset<Row> itemsets = level.select(col(person), array(col("__verify_item1")).as(set));
    for (int size = 2; size <= spec.m(); size++) {
      String prevPos = "__verify_pos" + (size - 1);
      String pos = "__verify_pos" + size;
      String item = "__verify_item" + size;
      List<Column> keep = new ArrayList<>(List.of(col(person), col(items)));
      chosen.forEach(c -> keep.add(col(c)));
      keep.add(col(prevPos));
      keep.add(posexplode(col(items)).as(new String[] {pos, item}));
      level = level.select(keep.toArray(new Column[0])).where(col(pos).gt(col(prevPos)));
      chosen.add(item);
      itemsets = itemsets.union(level.select(col(person), array(cols(chosen)).as(set)));
    }
    Dataset<Row> supports =
        itemsets
            .groupBy(set)
            .agg(count(lit(1)).as(SIZE))
            .withColumn(MEASURE, col(SIZE).cast("double"))
            .withColumn(BAD, col(SIZE).lt(spec.k()));
    Row r =
        supports.agg(count(lit(1)), min(MEASURE), sum(when(col(BAD), 1L).otherwise(0L))).first();
    long groups = r.getLong(0);
    long violating = r.isNullAt(2) ? 0 : r.getLong(2);
    long records = 0;
    if (violating > 0) {
      Dataset<Row> persons =
          itemsets.join(supports.where(col(BAD)).select(set), set).select(person).distinct();
      Dataset<Row> perPerson =
          rows.groupBy(col(spec.person()).as("__verify_p2")).agg(count(lit(1)).as(N));
      Row v =
          perPerson
              .join(persons, perPerson.col("__verify_p2").eqNullSafe(persons.col(person)))
              .agg(sum(N))
              .first();
      records = v.isNullAt(0) ? 0 : v.getLong(0);
    }
    return new ModelCheck(
        model,
        requirement,
        violating == 0,
        r.isNullAt(1) ? Optional.empty() : Optional.of(r.getDouble(1)),
        groups,
        violating,
        records,
        Optional.empty());
  }

  // ---- helpers
  // -----------------------------------------------------------------------------------------------------

  /** Rows per (class, sensitive value): the class columns, {@link #S} and the count {@link #N}. */
  private static Dataset<Row> cells(Dataset<Row> rows, List<String> qis, String sensitive) {
    List<Column> keys = new ArrayList<>(Arrays.asList(cols(qis)));
    keys.add(sensitiveKey(sensitive).as(S));
    return rows.groupBy(keys.toArray(new Column[0])).agg(count(lit(1)).as(N));
  }

  /** The sensitive value as a string, null as a value of its own. */
  private static Column sensitiveKey(String column) {
    return coalesce(col(column).cast("string"), lit(NULL_KEY));
  }

  private static Column qOf(Map<String, Double> q, Column key) {
    String[] keys = q.keySet().toArray(new String[0]);
    double[] values = new double[keys.length];
    for (int i = 0; i < keys.length; i++) {
      values[i] = q.get(keys[i]);
    }
    return coalesce(try_element_at(map_from_arrays(lit(keys), lit(values)), key), lit(0.0));
  }

  private static Optional<Double> number(String value) {
    if (value.equals(NULL_KEY)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Double.parseDouble(value.strip()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static String shown(String value) {
    return value.equals(NULL_KEY) ? "null" : "'" + value + "'";
  }

  /**
   * One driver row of aggregates over per-group rows carrying {@link #SIZE} (records), {@link
   * #MEASURE} and {@link #BAD}: the worst measure is the largest when {@code largestIsWorst}, else
   * the smallest.
   */
  private static ModelCheck summarize(
      String model, String requirement, Dataset<Row> groups, boolean largestIsWorst) {
    Row r =
        groups
            .agg(
                count(lit(1)),
                largestIsWorst ? max(MEASURE) : min(MEASURE),
                sum(when(col(BAD), 1L).otherwise(0L)),
                sum(when(col(BAD), col(SIZE)).otherwise(0L)))
            .first();
    long violating = r.isNullAt(2) ? 0 : r.getLong(2);
    return new ModelCheck(
        model,
        requirement,
        violating == 0,
        r.isNullAt(1) ? Optional.empty() : Optional.of(r.getDouble(1)),
        r.getLong(0),
        violating,
        r.isNullAt(3) ? 0 : r.getLong(3),
        Optional.empty());
  }

  private static Optional<String> missing(Set<String> columns, List<String> needed) {
    List<String> absent = needed.stream().filter(c -> !columns.contains(c)).toList();
    return absent.isEmpty()
        ? Optional.empty()
        : Optional.of(
            "column(s) " + absent + " not in the published files (columns: " + columns + ")");
  }

  private static Column[] cols(List<String> names, String... more) {
    List<Column> out = new ArrayList<>();
    names.forEach(n -> out.add(col(n)));
    for (String m : more) {
      out.add(col(m));
    }
    return out.toArray(new Column[0]);
  }
}
