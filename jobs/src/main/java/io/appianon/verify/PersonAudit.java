package io.appianon.verify;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.percentile_approx;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import io.appianon.policy.DatasetPolicy;
import io.appianon.policy.PersonSpec;
import io.appianon.policy.PrivacySpec;
import io.appianon.report.AuditSection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The attacker's view of a written release, checked with code of its own (it shares nothing with
 * the stage that enforces the person-level model but the policy): reads the Parquet files back,
 * joins the datasets on the person's pseudonym, and counts
 *
 * <ul>
 *   <li>persons violating the declared (k, k^m) model: for every person, their relational
 *       quasi-identifiers (as published; "none" for a person without a relational row) alone and
 *       together with every set of 1..m of their items, counted as distinct persons with self-joins
 *       of the (person, item) table;
 *   <li>persons unique under full knowledge of their item set (with the class-size histogram),
 *       which shows how much the bound m is carrying;
 *   <li>rows per person in each dataset;
 *   <li>pseudonyms shared by datasets outside the declared domain (none may be).
 * </ul>
 */
public final class PersonAudit {
  private static final String P = "p";
  private static final String C = "c";

  private PersonAudit() {}

  /** What the audit found. {@code holds}: no person violates the model. */
  public record Result(
      String model,
      long persons,
      long violatingPersons,
      Map<Integer, Long> violatingByItemsetSize,
      long uniqueUnderFullKnowledge,
      Map<String, Long> fullKnowledgeClassSizes,
      Map<String, AuditSection.RowsPerPerson> rowsPerPerson) {

    public boolean holds() {
      return violatingPersons == 0;
    }

    public String summary() {
      return violatingPersons
          + " of "
          + persons
          + " persons violate "
          + model
          + "; "
          + uniqueUnderFullKnowledge
          + " would be unique to an attacker who knew all of their items";
    }

    /** The report.json section {@code persons.audit_of_published_files}. */
    public AuditSection report() {
      return new AuditSection(
          model,
          holds(),
          persons,
          violatingPersons,
          violatingByItemsetSize,
          uniqueUnderFullKnowledge,
          fullKnowledgeClassSizes,
          rowsPerPerson,
          summary());
    }
  }

  /** Audits the release written under {@code releaseDir} (one Parquet folder per dataset). */
  public static Result run(
      SparkSession spark, Path releaseDir, List<DatasetPolicy> policies, PersonSpec spec) {
    Map<String, Dataset<Row>> written = new LinkedHashMap<>();
    Map<String, String> personCol = new LinkedHashMap<>();
    for (DatasetPolicy p : policies) {
      Optional<String> pc = PersonSpec.personColumn(p, spec.domain());
      Path dir = releaseDir.resolve(p.name());
      if (pc.isPresent() && Files.isDirectory(dir)) {
        written.put(p.name(), spark.read().parquet(dir.toUri().toString()));
        personCol.put(p.name(), pc.get());
      }
    }
    // every person of the release
    Dataset<Row> persons = null;
    for (Map.Entry<String, Dataset<Row>> e : written.entrySet()) {
      Dataset<Row> d = e.getValue().select(col(personCol.get(e.getKey())).as(P));
      persons = persons == null ? d : persons.union(d);
    }
    persons = persons.distinct();
    // the relational class as published: all quasi-identifiers as one JSON value
    Dataset<Row> classes = persons.withColumn(C, lit("none"));
    List<PrivacySpec.QuasiIdentifier> qis = spec.relationalQis(policies);
    if (spec.relational().isPresent()
        && !qis.isEmpty()
        && written.containsKey(spec.relational().get())) {
      String r = spec.relational().get();
      Column[] qcols = qis.stream().map(q -> col(q.column())).toArray(Column[]::new);
      Dataset<Row> rel =
          written
              .get(r)
              .select(col(personCol.get(r)).as(P), to_json(struct(qcols)).as(C))
              .groupBy(col(P))
              .agg(min(col(C)).as(C));
      classes =
          persons
              .join(rel, List.of(P).stream().collect(toSeq()), "left")
              .select(col(P), org.apache.spark.sql.functions.coalesce(col(C), lit("none")).as(C));
    }
    // the items as published: the declared item columns of a row, as one JSON value
    Dataset<Row> items = null;
    if (!spec.items().isEmpty()) {
      String d = spec.items().get(0).dataset();
      Column[] icols = spec.items().stream().map(i -> col(i.column())).toArray(Column[]::new);
      items =
          written
              .get(d)
              .select(col(personCol.get(d)).as(P), to_json(struct(icols)).as("i"))
              .distinct();
    }
    // Coded as numbers before anything is joined or counted: a person, a class and an item become
    // one number each (dictionaries of the distinct values, exact: no hashing), so the itemsets
    // below are rows of four numbers instead of a pseudonym and two JSON texts (at 16M purchase
    // rows the pairs alone were 72M such rows and spilled to disk). Each coded table is read by
    // several counts: checkpointed once, which also fixes the person numbers.
    List<Dataset<Row>> kept = new ArrayList<>();
    classes = keep(classes, kept);
    if (items != null) {
      items = keep(items, kept);
    }
    Dataset<Row> classCodes = code(classes.select(col(C)).distinct(), C, "cid");
    kept.add(classCodes);
    // checkpointed, not only persisted: a lost block must fail rather than be recomputed with other
    // numbers
    Dataset<Row> personCodes =
        classes
            .withColumn("pid", monotonically_increasing_id())
            .join(classCodes, List.of(C).stream().collect(toSeq()))
            .select(col(P), col("pid"), col("cid"))
            .localCheckpoint(true);
    kept.add(personCodes);
    Dataset<Row> coded = personCodes.select(col("pid"), col("cid"));
    Dataset<Row> codedItems = null;
    if (items != null) {
      Dataset<Row> itemCodes = code(items.select(col("i")).distinct(), "i", "iid");
      kept.add(itemCodes);
      codedItems =
          keep(
              items
                  .join(itemCodes, List.of("i").stream().collect(toSeq()))
                  .join(personCodes, List.of(P).stream().collect(toSeq()))
                  .select(col("pid"), col("iid").as("i")),
              kept);
    }
    long total = coded.count();
    Dataset<Row> violating =
        coded
            .join(
                coded.groupBy("cid").agg(count(lit(1)).as("n")).where(col("n").lt(spec.k())),
                List.of("cid").stream().collect(toSeq()),
                "left_semi")
            .select(col("pid"));
    Map<Integer, Long> bySize = new TreeMap<>();
    bySize.put(0, violating.count());
    if (codedItems != null && spec.m() >= 1) {
      // itemsets of size s as self-joins with strictly rising items: i1 < i2 < ... (each set once
      // per person)
      Dataset<Row> sets =
          codedItems
              .join(coded, List.of("pid").stream().collect(toSeq()))
              .select(col("pid"), col("cid"), col("i").as("i1"));
      List<String> names = new ArrayList<>(List.of("i1"));
      for (int s = 1; s <= spec.m(); s++) {
        if (s > 1) {
          String prev = names.get(names.size() - 1);
          String next = "i" + s;
          Dataset<Row> other = codedItems.select(col("pid").as("p2"), col("i").as(next));
          sets =
              sets.join(
                      other,
                      sets.col("pid")
                          .equalTo(other.col("p2"))
                          .and(other.col(next).gt(sets.col(prev))))
                  .drop("p2");
          names.add(next);
        }
        List<Column> keys = new ArrayList<>();
        keys.add(col("cid"));
        names.forEach(n -> keys.add(col(n)));
        // a person's (distinct) items give each of their sets once, so the rows of a set are its
        // distinct persons
        Dataset<Row> rare =
            sets.groupBy(keys.toArray(new Column[0]))
                .agg(count(lit(1)).as("n"))
                .where(col("n").lt(spec.k()))
                .drop("n");
        List<String> joinKeys = new ArrayList<>(List.of("cid"));
        joinKeys.addAll(names);
        sets = keep(sets, kept);
        Dataset<Row> v =
            keep(
                sets.join(rare, joinKeys.stream().collect(toSeq()), "left_semi")
                    .select(col("pid"))
                    .distinct(),
                kept);
        bySize.put(s, v.count());
        violating = violating.union(v);
      }
    }
    long violatingPersons = violating.distinct().count();
    // full knowledge: the class and the whole item set
    Dataset<Row> full =
        codedItems == null
            ? coded.withColumn("set", lit(""))
            : coded.join(
                codedItems.groupBy("pid").agg(array_sort(collect_set(col("i"))).as("set")),
                List.of("pid").stream().collect(toSeq()),
                "left");
    Map<String, Long> histogram = new TreeMap<>();
    long unique = 0;
    for (Row r :
        full.groupBy(col("cid"), col("set"))
            .agg(count(lit(1)).as("n"))
            .groupBy(col("n"))
            .count()
            .collectAsList()) {
      long size = r.getLong(0);
      long classesOfSize = r.getLong(1);
      if (size == 1) {
        unique = classesOfSize;
      }
      histogram.merge(bucket(size), size * classesOfSize, Long::sum);
    }
    Map<String, AuditSection.RowsPerPerson> rows = new LinkedHashMap<>();
    for (Map.Entry<String, Dataset<Row>> e : written.entrySet()) {
      Row r =
          e.getValue()
              .groupBy(col(personCol.get(e.getKey())))
              .agg(count(lit(1)).as("n"))
              .agg(
                  min("n"),
                  percentile_approx(col("n"), lit(0.5), lit(10000)),
                  max("n"),
                  count(lit(1)))
              .first();
      rows.put(
          e.getKey(),
          new AuditSection.RowsPerPerson(
              r.isNullAt(3) ? 0L : r.getLong(3),
              r.isNullAt(0) ? 0L : r.getLong(0),
              r.isNullAt(1) ? 0L : r.getLong(1),
              r.isNullAt(2) ? 0L : r.getLong(2)));
    }
    kept.forEach(io.appianon.core.Checkpoints::release);
    String model =
        "(k="
            + spec.k()
            + ", k^m with m="
            + spec.m()
            + ")-anonymity of persons over "
            + qis.stream().map(PrivacySpec.QuasiIdentifier::column).toList()
            + " + items "
            + spec.items().stream().map(PersonSpec.ItemColumn::column).toList();
    return new Result(model, total, violatingPersons, bySize, unique, histogram, rows);
  }

  /**
   * The distinct values of {@code column} in {@code distinct}, each with a number of its own
   * (unique, not dense: Spark's partition-wise ids, so no single partition has to number them all),
   * frozen by a local checkpoint so every use sees the same numbers.
   */
  private static Dataset<Row> code(Dataset<Row> distinct, String column, String code) {
    return distinct
        .select(col(column), monotonically_increasing_id().as(code))
        .localCheckpoint(true);
  }

  /**
   * {@code d} persisted (memory, then disk), remembered in {@code kept} to be released at the end.
   */
  private static Dataset<Row> keep(Dataset<Row> d, List<Dataset<Row>> kept) {
    Dataset<Row> out = d.persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
    kept.add(out);
    return out;
  }

  /** Persons per class-size bucket: 1, 2-4, 5-9, 10-19, 20+. */
  private static String bucket(long size) {
    if (size == 1) {
      return "1";
    }
    if (size < 5) {
      return "2-4";
    }
    if (size < 10) {
      return "5-9";
    }
    return size < 20 ? "10-19" : "20+";
  }

  private static java.util.stream.Collector<String, ?, scala.collection.immutable.Seq<String>>
      toSeq() {
    return java.util.stream.Collectors.collectingAndThen(
        java.util.stream.Collectors.toList(),
        l -> scala.jdk.javaapi.CollectionConverters.asScala(l).toList());
  }
}
