package io.appianon.pipeline;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;

import io.appianon.hierarchy.Hierarchy;
import io.appianon.policy.DatasetPolicy;
import io.appianon.policy.PersonSpec;
import io.appianon.policy.PrivacySpec;
import io.appianon.policy.Text;
import io.appianon.privacy.PersonLevelAnonymity;
import io.appianon.privacy.PersonProfiles;
import io.appianon.privacy.PrivacyUnsatisfiableException;
import io.appianon.technique.TechniqueContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The release-level privacy stage: the person, not the row, is the unit. It sees every dataset that holds a person of
 * the release's pseudonym domain (after each dataset's techniques, record deletion and k^m, before its privacy models)
 * and makes the joined person (k, k^m)-anonymous ({@link PersonLevelAnonymity}) over the relational dataset's
 * quasi-identifiers and the declared item columns:
 *
 * <ol>
 *   <li><b>Floor.</b> Each dataset's own models choose their levels first (policy or search); generalization only
 *       ever goes up from there, so every dataset's own models keep holding.</li>
 *   <li><b>Search</b> over the lattice of the relational quasi-identifiers' and the item columns' hierarchy levels
 *       for the node of least (weighted) generalization whose violating persons fit within {@code max-suppression}
 *       of all persons. When the persons' profiles are small enough to hold on the driver ({@link PersonProfiles})
 *       the search is exact (ascending loss, pruned by monotonicity). Otherwise it is greedy on Spark: at each step
 *       every one-level raise is evaluated in one Spark job and the raise that removes the most violating persons
 *       per unit of loss is taken (a node's count does not roll up from a frequency table, so each costs a pass over
 *       the persons' itemsets).</li>
 *   <li><b>Suppression in persons.</b> The remaining violators are removed with all their rows, in every dataset of
 *       the domain. Then each dataset's own models run at the chosen levels; a person whose relational row they
 *       suppress is removed from the other datasets too, and the model is evaluated again on the outputs, until no
 *       person violates (a fixpoint, at most {@value #MAX_ROUNDS} rounds).</li>
 * </ol>
 */
public final class ReleasePrivacy {
  private static final Logger LOG = LoggerFactory.getLogger(ReleasePrivacy.class);
  static final int MAX_ROUNDS = 6;
  /** Profiles of at most this many (person, item) rows are searched on the driver ({@link PersonProfiles}). */
  static final long DRIVER_SEARCH_MAX_ROWS = 500_000;
  private static final String NO_CLASS = "(no relational row)";
  private static final String SEP = "\u001f";
  private static final String NULL = "\u0000";
  private static final String HAS_ITEM = "__has_item";

  private final PersonSpec spec;
  private final PersonLevelAnonymity model;
  private final long driverSearchMaxRows;

  public ReleasePrivacy(PersonSpec spec) {
    this(spec, DRIVER_SEARCH_MAX_ROWS);
  }

  /** As {@link #ReleasePrivacy(PersonSpec)}, searching on the driver up to {@code driverSearchMaxRows} rows. */
  ReleasePrivacy(PersonSpec spec, long driverSearchMaxRows) {
    this.spec = spec;
    this.model = new PersonLevelAnonymity(spec.k(), spec.m());
    this.driverSearchMaxRows = driverSearchMaxRows;
  }

  /** One dataset of the release, after {@link DatasetPipeline#process}. */
  public record Input(DatasetPolicy policy, DatasetPipeline pipeline, DatasetPipeline.Processed processed,
      TechniqueContext ctx) {}

  /** The datasets' results and the stage's report (persons, levels, search steps, rounds). */
  public record Outcome(Map<String, PipelineResult> results, Map<String, Object> report, long persons,
      long suppressedPersons) {}

  /** A dimension of the search: a relational quasi-identifier or an item column, with its floor level. */
  private record Dim(String dataset, String column, Hierarchy hierarchy, int floor, boolean item, double weight) {
    double loss(int level) {
      return weight * level / Math.max(1, hierarchy.maxLevel());
    }
  }

  /** Checks, before any data is read, that the item columns are published columns of their datasets. */
  public static void check(PersonSpec spec, List<DatasetPolicy> policies) {
    for (PersonSpec.ItemColumn ic : spec.items()) {
      DatasetPolicy p = policies.stream().filter(x -> x.name().equals(ic.dataset())).findFirst().orElseThrow();
      if (!Plan.of(p).outputSchema().getFieldIndex(ic.column()).isDefined()) {
        throw ic.origin().child("column").error("'" + ic.column() + "' is not a published column of dataset '"
            + p.name() + "' (published: " + String.join(", ", Plan.of(p).outputSchema().fieldNames()) + ")");
      }
    }
  }

  public Outcome run(List<Input> inputs) {
    long t0 = System.nanoTime();
    List<Input> domain = inputs.stream()
        .filter(i -> PersonSpec.personColumn(i.policy(), spec.domain()).isPresent()).toList();
    Map<String, Input> byName = new LinkedHashMap<>();
    domain.forEach(i -> byName.put(i.policy().name(), i));
    Optional<Input> relational = spec.relational().map(byName::get);
    Optional<Input> itemInput = spec.items().isEmpty() ? Optional.empty()
        : Optional.of(byName.get(spec.items().get(0).dataset()));

    // 1. The floor: each dataset's own levels.
    Map<String, Map<String, Integer>> own = new LinkedHashMap<>();
    for (Input i : domain) {
      own.put(i.policy().name(), i.pipeline().ownLevels(i.processed()));
    }
    List<Dim> dims = new ArrayList<>();
    relational.ifPresent(r -> {
      for (PrivacySpec.QuasiIdentifier q : r.policy().privacy().quasiIdentifiers()) {
        dims.add(new Dim(r.policy().name(), q.column(), q.hierarchy(), own.get(r.policy().name()).get(q.column()),
            false, spec.weight(q.column())));
      }
    });
    for (PersonSpec.ItemColumn ic : spec.items()) {
      int floor = own.get(ic.dataset()).getOrDefault(ic.column(), 0);
      dims.add(new Dim(ic.dataset(), ic.column(), ic.hierarchy(), floor, true, spec.weight(ic.column())));
    }

    // 2. The persons' base profile (original values), cached for the search.
    Dataset<Row> persons = null;
    for (Input i : domain) {
      Dataset<Row> p = i.processed().kept().select(col(quote(personColumn(i))).as(PersonLevelAnonymity.PERSON));
      persons = persons == null ? p : persons.union(p);
    }
    persons = persons.distinct();
    Dataset<Row> base = persons;
    if (relational.isPresent()) {
      List<Column> aggs = new ArrayList<>();
      for (Dim d : dims) {
        if (!d.item()) {
          aggs.add(min(col(quote(d.column())).cast("string")).as(d.column()));
        }
      }
      Dataset<Row> rel = relational.get().processed().kept()
          .withColumnRenamed(personColumn(relational.get()), PersonLevelAnonymity.PERSON)
          .groupBy(col(PersonLevelAnonymity.PERSON))
          .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(new Column[0]))
          .withColumn("__has_rel", lit(true));
      base = base.join(rel, toSeq(PersonLevelAnonymity.PERSON), "left");
    }
    if (itemInput.isPresent()) {
      List<Column> cols = new ArrayList<>();
      cols.add(col(quote(personColumn(itemInput.get()))).as(PersonLevelAnonymity.PERSON));
      for (Dim d : dims) {
        if (d.item()) {
          cols.add(col(quote(d.column())).cast("string").as("__item_" + d.column()));
        }
      }
      Dataset<Row> items = itemInput.get().processed().kept().select(cols.toArray(new Column[0])).distinct()
          .withColumn(HAS_ITEM, lit(true));
      base = base.join(items, toSeq(PersonLevelAnonymity.PERSON), "left");
    }
    // Every level of every dimension computed once (an array per dimension), and the lineage cut: a candidate's
    // profile is then element_at per dimension, and its query plan stays small (the hierarchies are map literals).
    base = withLevels(base, dims, true).localCheckpoint(true);
    try {
      long total = persons.count();
      long baseRows = base.count();
      Optional<PersonProfiles> local = baseRows <= driverSearchMaxRows
          ? Optional.of(collect(base, dims)) : Optional.empty();
      long budget = (long) Math.floor(spec.maxSuppression() * total);
      LOG.info("[persons] {} persons in datasets {}; (k={}, k^m with m={}) over {}; at most {} may be suppressed",
          total, byName.keySet(), spec.k(), spec.m(), dims.stream().map(Dim::column).toList(), budget);

      // 3. Greedy search from the floor.
      int[] node = new int[dims.size()];
      for (int d = 0; d < dims.size(); d++) {
        node[d] = dims.get(d).floor();
      }
      List<Map<String, Object>> steps = new ArrayList<>();
      long violators = evaluate(base, local, dims, List.of(node)).getOrDefault(0, 0L);
      steps.add(step(dims, node, violators));
      LOG.info("[persons] at the floor {}: {} persons violate", levels(dims, node), violators);
      if (violators > budget && local.isPresent()) {
        // Small enough to search on the driver: the feasible node of least loss, exactly.
        int[] best = optimal(local.get(), dims, budget, steps);
        if (best == null) {
          throw new PrivacyUnsatisfiableException(spec.origin().file(), new PrivacyUnsatisfiableException(
              describe(), spec.maxSuppression(), (double) violators / Math.max(1, total),
              "no generalization of " + dims.stream().map(Dim::column).toList() + " above the datasets' own"));
        }
        node = best;
        violators = evaluate(base, local, dims, List.of(node)).getOrDefault(0, 0L);
        LOG.info("[persons] least-loss node {}: {} persons violate", levels(dims, node), violators);
      }
      while (violators > budget) {
        List<int[]> candidates = new ArrayList<>();
        List<Integer> raised = new ArrayList<>();
        for (int d = 0; d < dims.size(); d++) {
          if (node[d] < dims.get(d).hierarchy().maxLevel()) {
            int[] c = node.clone();
            c[d]++;
            candidates.add(c);
            raised.add(d);
          }
        }
        if (candidates.isEmpty()) {
          throw new PrivacyUnsatisfiableException(spec.origin().file(), new PrivacyUnsatisfiableException(
              describe(), spec.maxSuppression(), (double) violators / Math.max(1, total),
              "every attribute at its most general level"));
        }
        Map<Integer, Long> counts = evaluate(base, local, dims, candidates);
        int best = -1;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < candidates.size(); c++) {
          long v = counts.getOrDefault(c, 0L);
          Dim d = dims.get(raised.get(c));
          double cost = d.loss(candidates.get(c)[raised.get(c)]) - d.loss(node[raised.get(c)]);
          double score = (violators - v) / cost;
          if (score > bestScore) {
            bestScore = score;
            best = c;
          }
        }
        node = candidates.get(best);
        violators = counts.getOrDefault(best, 0L);
        steps.add(step(dims, node, violators));
        LOG.info("[persons] raised {}: {} -> {} persons violate", dims.get(raised.get(best)).column(),
            levels(dims, node), violators);
      }

      // 4. Apply: suppress the violators everywhere, run each dataset's models at the chosen levels, repeat.
      Dataset<Row> drop = model.violators(profile(base, dims, node, 0)).select(col(PersonLevelAnonymity.PERSON))
          .localCheckpoint(true);
      long dropped = drop.count();
      Map<String, DatasetPipeline.Processed> processed = new LinkedHashMap<>();
      Map<String, Map<String, Integer>> finalLevels = new LinkedHashMap<>();
      for (Input i : domain) {
        String name = i.policy().name();
        DatasetPipeline.Processed p = i.processed();
        Map<String, Integer> lv = new LinkedHashMap<>(own.get(name));
        for (int d = 0; d < dims.size(); d++) {
          Dim dim = dims.get(d);
          if (!dim.dataset().equals(name)) {
            continue;
          }
          if (lv.containsKey(dim.column())) {
            lv.put(dim.column(), Math.max(lv.get(dim.column()), node[d]));
          } else if (node[d] > 0) {
            // an item column that is not a quasi-identifier of its dataset: generalized here
            p = p.withKept(p.kept().withColumn(dim.column(),
                dim.hierarchy().generalize(col(quote(dim.column())).cast("string"), node[d])));
          }
        }
        processed.put(name, p);
        finalLevels.put(name, lv);
      }
      Map<String, PipelineResult> results = new LinkedHashMap<>();
      List<Map<String, Object>> rounds = new ArrayList<>();
      for (int round = 1; ; round++) {
        results.clear();
        for (Input i : domain) {
          String name = i.policy().name();
          PipelineResult r = i.pipeline().finish(processed.get(name), i.ctx(),
              Optional.of(new DatasetPipeline.PersonDrop(personColumn(i), drop, PersonLevelAnonymity.PERSON)),
              Optional.of(finalLevels.get(name)), decidedColumns(spec, i.policy()));
          // Computed once, here: the check below and the write read the same rows, and the check's query plan stays
          // small (the outputs' plans hold every hierarchy as a map literal).
          results.put(name, new PipelineResult(r.output().localCheckpoint(true), r.processed(), r.published(),
              r.suppressedByReason(), r.report(), r.lineage(), r.readsInput(), r.cleanup()));
        }
        // persons whose relational row the dataset's own models suppressed, and persons violating on the outputs
        Dataset<Row> more = model.violators(outputProfile(results, byName, dims))
            .select(col(PersonLevelAnonymity.PERSON));
        if (relational.isPresent()) {
          Input r = relational.get();
          Dataset<Row> before = r.processed().kept().select(col(quote(personColumn(r))).as(PersonLevelAnonymity.PERSON))
              .join(drop, toSeq(PersonLevelAnonymity.PERSON), "left_anti");
          Dataset<Row> after = results.get(r.policy().name()).output()
              .select(col(quote(personColumn(r))).as(PersonLevelAnonymity.PERSON));
          more = more.union(before.except(after));
        }
        more = more.distinct().localCheckpoint(true);
        long added = more.count();
        rounds.add(Map.of("round", round, "persons_suppressed_so_far", dropped, "persons_added", added));
        LOG.info("[persons] round {}: {} persons suppressed, {} more to suppress", round, dropped, added);
        if (added == 0) {
          more.unpersist(false);
          break;
        }
        if (round >= MAX_ROUNDS || dropped + added > budget) {
          throw new PrivacyUnsatisfiableException(spec.origin().file(), new PrivacyUnsatisfiableException(
              describe(), spec.maxSuppression(), (double) (dropped + added) / Math.max(1, total),
              "levels " + levels(dims, node) + " after " + round + " rounds"));
        }
        Dataset<Row> next = drop.union(more).distinct().localCheckpoint(true);
        dropped = next.count();
        drop.unpersist(false);
        more.unpersist(false);
        drop = next;
      }
      for (Input i : domain) {
        describe(spec, i.policy(), results.get(i.policy().name()).lineage(), decidedColumns(spec, i.policy()));
      }
      Map<String, Object> report = new LinkedHashMap<>();
      report.put("model", describe());
      report.put("domain", spec.domain());
      report.put("datasets", List.copyOf(byName.keySet()));
      report.put("persons", total);
      report.put("max_suppression", spec.maxSuppression());
      report.put("suppressed_persons", dropped);
      report.put("suppressed_share", total == 0 ? 0.0 : (double) dropped / total);
      report.put("levels", levels(dims, node));
      report.put("floor_levels", levels(dims, floors(dims)));
      List<String> words = new ArrayList<>();
      words.add(String.format(Locale.ROOT, "%d persons in %s; %d suppressed with all their rows (%.1f %%, limit %.0f %%)",
          total, String.join(" + ", byName.keySet()), dropped, 100.0 * dropped / Math.max(1, total),
          100 * spec.maxSuppression()));
      for (int d = 0; d < dims.size(); d++) {
        Dim dim = dims.get(d);
        int level = node[d];
        if (level > dim.floor()) {
          String example = dim.hierarchy().values().stream().findFirst()
              .map(v -> dim.hierarchy().generalize(v, level)).orElse(Hierarchy.ROOT);
          words.add(dim.dataset() + "." + dim.column() + (level == dim.hierarchy().maxLevel()
              ? ": removed (every value '*') so that persons cannot be singled out"
              : ": generalized to level " + level + " (values like '" + example + "') for persons"));
        }
      }
      report.put("in_words", words);
      report.put("search_steps", steps);
      report.put("rounds", rounds);
      report.put("elapsed_seconds", (System.nanoTime() - t0) / 1e9);
      LOG.info("[persons] done: levels {}, {} of {} persons suppressed ({} s)", levels(dims, node), dropped, total,
          String.format(Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9));
      drop.unpersist(false);
      return new Outcome(Map.copyOf(results), report, total, dropped);
    } finally {
      base.unpersist(false);
    }
  }

  /**
   * {@code base} with one array column per dimension, {@code __g<d>}: the value at every level of its hierarchy
   * ({@code all}), or just the value as it is (the outputs, already generalized).
   */
  private static Dataset<Row> withLevels(Dataset<Row> base, List<Dim> dims, boolean all) {
    List<Column> cols = new ArrayList<>();
    cols.add(col(PersonLevelAnonymity.PERSON));
    if (hasColumn(base, "__has_rel")) {
      cols.add(col("__has_rel"));
    }
    if (hasColumn(base, HAS_ITEM)) {
      cols.add(col(HAS_ITEM));
    }
    for (int d = 0; d < dims.size(); d++) {
      Dim dim = dims.get(d);
      Column v = col(quote(dim.item() ? "__item_" + dim.column() : dim.column()));
      List<Column> levels = new ArrayList<>();
      for (int l = 0; l <= (all ? dim.hierarchy().maxLevel() : 0); l++) {
        levels.add(dim.hierarchy().generalize(v, l));
      }
      cols.add(org.apache.spark.sql.functions.array(levels.toArray(new Column[0])).as("__g" + d));
    }
    return base.select(cols.toArray(new Column[0]));
  }

  /** The columns of {@code policy} whose generalization this stage decides per release. */
  public static java.util.Set<String> decidedColumns(PersonSpec spec, DatasetPolicy policy) {
    java.util.Set<String> out = new java.util.TreeSet<>();
    if (spec.relational().map(policy.name()::equals).orElse(false)) {
      policy.privacy().quasiIdentifiers().forEach(q -> out.add(q.column()));
    }
    spec.items().stream().filter(i -> i.dataset().equals(policy.name())).forEach(i -> out.add(i.column()));
    return out;
  }

  /**
   * What the stage does to a dataset, in the public wording: the same whatever levels a release needs, so it can be
   * announced before any data is read ({@link #plannedLineage}).
   */
  static void describe(PersonSpec spec, DatasetPolicy policy, Lineage lineage, java.util.Set<String> decided) {
    if (PersonSpec.personColumn(policy, spec.domain()).isEmpty()) {
      return;
    }
    for (String column : decided) {
      if (lineage.has(column)) {
        lineage.process(column, "generalized", Text.of(
            "同一人物の他のデータと組み合わせても" + spec.k() + "人以上に共通するよう、必要に応じて階層に沿って一般化",
            "generalized along its hierarchy where needed so that, joined with the person's other data, it is shared"
                + " by at least " + spec.k() + " persons"));
      }
    }
    lineage.records(Text.of(
        "同一人物の準識別子と任意の" + spec.m() + "件までの購買等の組合せが" + spec.k()
            + "人未満にしか共通しない人物は、全データセットから削除",
        "persons whose quasi-identifiers together with any " + spec.m() + " of their items were shared by fewer"
            + " than " + spec.k() + " persons were removed from every dataset"));
  }

  /** The lineage a release of {@code policy} will report under this person-level model, before any data is read. */
  public static Lineage plannedLineage(PersonSpec spec, List<DatasetPolicy> policies, DatasetPolicy policy) {
    java.util.Set<String> decided = decidedColumns(spec, policy);
    Lineage lineage = DatasetPipeline.plannedLineage(policy, decided);
    describe(spec, policy, lineage, decided);
    return lineage;
  }

  public String describe() {
    return "(k, k^m)-anonymity of persons (k=" + spec.k() + ", m=" + spec.m() + ", domain " + spec.domain() + ")";
  }

  /**
   * The node of least loss whose violating persons fit the budget, among all nodes at or above the floor: nodes in
   * ascending loss, each skipped when it lies below a node already found infeasible (generalizing never adds a
   * violator, so it is infeasible too), until the first feasible one. Records each evaluated node in {@code steps}.
   */
  private int[] optimal(PersonProfiles local, List<Dim> dims, long budget, List<Map<String, Object>> steps) {
    List<int[]> nodes = new ArrayList<>();
    enumerate(dims, 0, new int[dims.size()], nodes);
    nodes.sort(java.util.Comparator.comparingDouble((int[] n) -> loss(dims, n))
        .thenComparing(n -> java.util.Arrays.toString(n)));
    List<int[]> infeasible = new ArrayList<>();
    for (int[] n : nodes) {
      boolean below = false;
      for (int[] bad : infeasible) {
        boolean le = true;
        for (int d = 0; le && d < n.length; d++) {
          le = n[d] <= bad[d];
        }
        if (le) {
          below = true;
          break;
        }
      }
      if (below) {
        continue;
      }
      long v = evaluate(null, Optional.of(local), dims, List.<int[]>of(n)).getOrDefault(0, 0L);
      steps.add(step(dims, n, v));
      if (v <= budget) {
        return n;
      }
      infeasible.add(n);
    }
    return null;
  }

  private static void enumerate(List<Dim> dims, int d, int[] node, List<int[]> out) {
    if (d == dims.size()) {
      out.add(node.clone());
      return;
    }
    for (int l = dims.get(d).floor(); l <= dims.get(d).hierarchy().maxLevel(); l++) {
      node[d] = l;
      enumerate(dims, d + 1, node, out);
    }
  }

  private static double loss(List<Dim> dims, int[] node) {
    double sum = 0;
    for (int d = 0; d < dims.size(); d++) {
      sum += dims.get(d).loss(node[d]);
    }
    return sum;
  }

  /**
   * Violating persons per candidate node: on the driver when the persons' profiles were small enough to collect
   * ({@link PersonProfiles}), else all candidates in one Spark job.
   */
  private Map<Integer, Long> evaluate(Dataset<Row> base, Optional<PersonProfiles> local, List<Dim> dims,
      List<int[]> nodes) {
    if (local.isPresent()) {
      List<Dim> rel = dims.stream().filter(d -> !d.item()).toList();
      List<Dim> items = dims.stream().filter(Dim::item).toList();
      Hierarchy[] rh = rel.stream().map(Dim::hierarchy).toArray(Hierarchy[]::new);
      Hierarchy[] ih = items.stream().map(Dim::hierarchy).toArray(Hierarchy[]::new);
      Map<Integer, Long> out = new LinkedHashMap<>();
      for (int n = 0; n < nodes.size(); n++) {
        int[] node = nodes.get(n);
        int[] rl = new int[rel.size()];
        int[] il = new int[items.size()];
        for (int d = 0, r = 0, i = 0; d < dims.size(); d++) {
          if (dims.get(d).item()) {
            il[i++] = node[d];
          } else {
            rl[r++] = node[d];
          }
        }
        out.put(n, local.get().violators(spec.k(), spec.m(), rh, rl, ih, il));
      }
      return out;
    }
    Dataset<Row> all = null;
    for (int n = 0; n < nodes.size(); n++) {
      Dataset<Row> p = profile(base, dims, nodes.get(n), n);
      all = all == null ? p : all.union(p);
    }
    return model.countViolators(all);
  }

  /** The base profile on the driver, one entry per person (at most {@link #DRIVER_SEARCH_MAX_ROWS} rows). */
  private static PersonProfiles collect(Dataset<Row> base, List<Dim> dims) {
    List<Integer> rel = new ArrayList<>();
    List<Integer> items = new ArrayList<>();
    for (int d = 0; d < dims.size(); d++) {
      (dims.get(d).item() ? items : rel).add(d);
    }
    List<Column> cols = new ArrayList<>();
    cols.add(col(PersonLevelAnonymity.PERSON));
    cols.add(hasColumn(base, "__has_rel") ? col("__has_rel") : lit(false));
    rel.forEach(d -> cols.add(org.apache.spark.sql.functions.element_at(col("__g" + d), 1)));
    cols.add(hasColumn(base, HAS_ITEM) ? col(HAS_ITEM) : lit(false));
    items.forEach(d -> cols.add(org.apache.spark.sql.functions.element_at(col("__g" + d), 1)));
    Map<Object, String[]> relOf = new LinkedHashMap<>();
    Map<Object, List<String[]>> itemsOf = new LinkedHashMap<>();
    java.util.Iterator<Row> it = base.select(cols.toArray(new Column[0])).toLocalIterator();
    while (it.hasNext()) {
      Row r = it.next();
      Object person = r.get(0);
      List<String[]> mine = itemsOf.computeIfAbsent(person, x -> new ArrayList<>());
      if (!r.isNullAt(1) && r.getBoolean(1)) {
        String[] v = new String[rel.size()];
        for (int a = 0; a < v.length; a++) {
          v[a] = r.isNullAt(2 + a) ? null : r.getString(2 + a);
        }
        relOf.put(person, v);
      }
      int at = 2 + rel.size();
      if (!r.isNullAt(at) && r.getBoolean(at)) {
        String[] v = new String[items.size()];
        for (int a = 0; a < v.length; a++) {
          v[a] = r.isNullAt(at + 1 + a) ? null : r.getString(at + 1 + a);
        }
        mine.add(v);
      }
    }
    PersonProfiles profiles = new PersonProfiles();
    itemsOf.forEach((person, mine) -> profiles.add(relOf.get(person), mine));
    return profiles;
  }

  /** The profile rows of one node: (node, person, qi_class, item) with the values generalized to its levels. */
  private static Dataset<Row> profile(Dataset<Row> base, List<Dim> dims, int[] levels, int node) {
    List<Column> qi = new ArrayList<>();
    List<Column> item = new ArrayList<>();
    for (int d = 0; d < dims.size(); d++) {
      Column v = coalesce(org.apache.spark.sql.functions.element_at(col("__g" + d), levels[d] + 1), lit(NULL));
      (dims.get(d).item() ? item : qi).add(v);
    }
    Column cls = qi.isEmpty() || !hasColumn(base, "__has_rel") ? lit(NO_CLASS)
        : when(col("__has_rel"), concat_ws(SEP, qi.toArray(new Column[0]))).otherwise(lit(NO_CLASS));
    Column it = item.isEmpty() || !hasColumn(base, HAS_ITEM) ? lit(null).cast("string")
        : when(col(HAS_ITEM), concat_ws(SEP, item.toArray(new Column[0])));
    return base.select(lit(node).as(PersonLevelAnonymity.NODE), col(PersonLevelAnonymity.PERSON),
        cls.as(PersonLevelAnonymity.CLASS), it.as(PersonLevelAnonymity.ITEM));
  }

  /** The profile rows of the datasets' outputs, values as they will be published (one node, 0). */
  private Dataset<Row> outputProfile(Map<String, PipelineResult> results, Map<String, Input> byName, List<Dim> dims) {
    Dataset<Row> persons = null;
    for (Map.Entry<String, PipelineResult> e : results.entrySet()) {
      Dataset<Row> p = e.getValue().output()
          .select(col(quote(personColumn(byName.get(e.getKey())))).as(PersonLevelAnonymity.PERSON));
      persons = persons == null ? p : persons.union(p);
    }
    Dataset<Row> base = persons.distinct();
    if (spec.relational().isPresent()) {
      Input r = byName.get(spec.relational().get());
      List<Column> aggs = new ArrayList<>();
      for (Dim d : dims) {
        if (!d.item()) {
          aggs.add(min(col(quote(d.column())).cast("string")).as(d.column()));
        }
      }
      Dataset<Row> rel = results.get(r.policy().name()).output()
          .withColumnRenamed(personColumn(r), PersonLevelAnonymity.PERSON)
          .groupBy(col(PersonLevelAnonymity.PERSON))
          .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(new Column[0]))
          .withColumn("__has_rel", lit(true));
      base = base.join(rel, toSeq(PersonLevelAnonymity.PERSON), "left");
    }
    if (!spec.items().isEmpty()) {
      Input i = byName.get(spec.items().get(0).dataset());
      List<Column> cols = new ArrayList<>();
      cols.add(col(quote(personColumn(i))).as(PersonLevelAnonymity.PERSON));
      for (Dim d : dims) {
        if (d.item()) {
          cols.add(col(quote(d.column())).cast("string").as("__item_" + d.column()));
        }
      }
      Dataset<Row> items = results.get(i.policy().name()).output().select(cols.toArray(new Column[0])).distinct()
          .withColumn(HAS_ITEM, lit(true));
      base = base.join(items, toSeq(PersonLevelAnonymity.PERSON), "left");
    }
    return profile(withLevels(base, dims, false), dims, new int[dims.size()], 0);
  }

  private String personColumn(Input i) {
    return PersonSpec.personColumn(i.policy(), spec.domain()).orElseThrow();
  }

  private static int[] floors(List<Dim> dims) {
    int[] f = new int[dims.size()];
    for (int d = 0; d < dims.size(); d++) {
      f[d] = dims.get(d).floor();
    }
    return f;
  }

  private static Map<String, Integer> levels(List<Dim> dims, int[] node) {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (int d = 0; d < dims.size(); d++) {
      out.put(dims.get(d).dataset() + "." + dims.get(d).column(), node[d]);
    }
    return out;
  }

  private static Map<String, Object> step(List<Dim> dims, int[] node, long violators) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("levels", levels(dims, node));
    m.put("violating_persons", violators);
    return m;
  }

  private static boolean hasColumn(Dataset<Row> df, String name) {
    return List.of(df.columns()).contains(name);
  }

  private static String quote(String name) {
    return "`" + name.replace("`", "``") + "`";
  }

  private static scala.collection.immutable.Seq<String> toSeq(String... names) {
    return scala.jdk.javaapi.CollectionConverters.asScala(List.of(names)).toList();
  }
}
