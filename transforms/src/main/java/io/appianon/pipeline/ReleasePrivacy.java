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
  private static final String ROWS = "__rows";
  /** Rounds of rare-item removal at most (each removes at least one item; real data settles in about ten). */
  static final int MAX_REMOVAL_ROUNDS = 30;

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
  private record Dim(String dataset, String column, Hierarchy hierarchy, int floor, int cap, boolean item,
      double weight) {
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
        int floor = own.get(r.policy().name()).get(q.column());
        dims.add(new Dim(r.policy().name(), q.column(), q.hierarchy(), floor, Math.max(floor, q.cap()), false,
            spec.weight(q.column())));
      }
    });
    for (PersonSpec.ItemColumn ic : spec.items()) {
      int floor = own.get(ic.dataset()).getOrDefault(ic.column(), 0);
      dims.add(new Dim(ic.dataset(), ic.column(), ic.hierarchy(), floor, Math.max(floor, ic.cap()), true,
          spec.weight(ic.column())));
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
      List<Column> keyList = new ArrayList<>(List.of(col(PersonLevelAnonymity.PERSON)));
      dims.stream().filter(Dim::item).forEach(d -> keyList.add(col(quote("__item_" + d.column()))));
      Column[] keys = keyList.toArray(new Column[0]);
      Dataset<Row> items = itemInput.get().processed().kept().select(cols.toArray(new Column[0]))
          .groupBy(keys).agg(org.apache.spark.sql.functions.count(lit(1)).as(ROWS))
          .withColumn(HAS_ITEM, lit(true));
      base = base.join(items, toSeq(PersonLevelAnonymity.PERSON), "left");
    }
    // Every level of every dimension computed once (an array per dimension), and the lineage cut: a candidate's
    // profile is then element_at per dimension, and its query plan stays small (the hierarchies are map literals).
    base = withLevels(base, dims, true).localCheckpoint(true);
    try {
      long total = persons.count();
      long baseRows = base.count();
      Optional<Local> local = baseRows <= driverSearchMaxRows
          ? Optional.of(collect(base, dims)) : Optional.empty();
      long budget = (long) Math.floor(spec.maxSuppression() * total);
      boolean itemRemedy = spec.maxItemSuppression() > 0 && spec.m() > 0 && itemInput.isPresent();
      long itemRows = itemInput.map(i -> i.processed().keptRows()).orElse(0L);
      Limits limits = new Limits(budget, itemRemedy ? (long) Math.floor(spec.maxItemSuppression() * itemRows) : 0,
          itemRemedy, itemRows);
      LOG.info("[persons] {} persons in datasets {}; (k={}, k^m with m={}) over {}; at most {} may be suppressed{}",
          total, byName.keySet(), spec.k(), spec.m(), dims.stream().map(Dim::column).toList(), budget,
          itemRemedy ? ", and at most " + limits.itemRows() + " of " + itemRows + " item rows as rare items" : "");

      // 3. Search from the floor: exact on the driver when the profiles fit there, else greedy on Spark.
      int[] node = floors(dims);
      List<Map<String, Object>> steps = new ArrayList<>();
      Assessment at = assess(base, local, dims, node, limits);
      steps.add(step(dims, node, at));
      LOG.info("[persons] at the floor {}: {}", levels(dims, node), at);
      if (!at.feasible() && local.isPresent()) {
        // Small enough to search on the driver: the feasible node of least loss, exactly.
        int[] best = optimal(local.get(), dims, limits, steps);
        if (best == null) {
          throw new PrivacyUnsatisfiableException(spec.origin().file(), new PrivacyUnsatisfiableException(
              describe(), spec.maxSuppression(), (double) at.violators() / Math.max(1, total),
              "no generalization of " + dims.stream().map(Dim::column).toList() + " above the datasets' own"
                  + capsInWords(dims)));
        }
        node = best;
        at = assess(base, local, dims, node, limits);
        LOG.info("[persons] least-loss node {}: {}", levels(dims, node), at);
      }
      while (!at.feasible()) {
        List<int[]> candidates = new ArrayList<>();
        List<Integer> raised = new ArrayList<>();
        for (int d = 0; d < dims.size(); d++) {
          if (node[d] < dims.get(d).cap()) {
            int[] c = node.clone();
            c[d]++;
            candidates.add(c);
            raised.add(d);
          }
        }
        if (candidates.isEmpty() && limits.itemRemedy() && local.isEmpty()) {
          // On Spark the rare-item removal is tried once, where generalization can go no further: each try is a few
          // Spark jobs per round of removal, too many to make at every step.
          at = assess(base, local, dims, node, limits.withRemovalOnSpark());
          steps.add(step(dims, node, at));
          LOG.info("[persons] at the caps {}: {}", levels(dims, node), at);
          if (at.feasible()) {
            break;
          }
        }
        if (candidates.isEmpty()) {
          throw new PrivacyUnsatisfiableException(spec.origin().file(), new PrivacyUnsatisfiableException(
              describe(), spec.maxSuppression(), (double) at.violators() / Math.max(1, total),
              "every attribute at its most general level" + capsInWords(dims)));
        }
        long violators = at.plainViolators();
        Map<Integer, Long> counts = evaluate(base, local.map(Local::profiles), dims, candidates);
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
        at = assess(base, local, dims, node, limits);
        steps.add(step(dims, node, at));
        LOG.info("[persons] raised {}: {} -> {}", dims.get(raised.get(best)).column(), levels(dims, node), at);
      }

      // 4. Apply: remove the rare items (if the policy allows), suppress the violators everywhere, run each dataset's
      // models at the chosen levels, repeat.
      Dataset<Row> chosen = profile(base, dims, node, 0);
      Optional<DatasetPipeline.ItemDrop> itemDrop = Optional.empty();
      long removedItems = 0;
      int removalRounds = 0;
      Dataset<Row> removed = null;
      if (itemRemedy) {
        if (local.isPresent()) {
          List<Map.Entry<Integer, String>> list = new ArrayList<>();
          PersonProfiles.Removal r = removal(local.get().profiles(), dims, node, list);
          removalRounds = r.rounds();
          List<Row> rows = new ArrayList<>(list.size());
          list.forEach(e -> rows.add(org.apache.spark.sql.RowFactory.create(local.get().ids().get(e.getKey()),
              e.getValue())));
          removed = base.sparkSession().createDataFrame(rows, chosen.select(col(PersonLevelAnonymity.PERSON),
              col(PersonLevelAnonymity.ITEM)).schema());
        } else {
          PersonLevelAnonymity.RareItems r = model.removeRareItems(chosen, MAX_REMOVAL_ROUNDS);
          removalRounds = r.rounds();
          removed = r.removed();
        }
        removed = removed.localCheckpoint(true);
        removedItems = removed.count();
        chosen = remaining(chosen, removed);
        Input items = itemInput.get();
        itemDrop = Optional.of(new DatasetPipeline.ItemDrop(personColumn(items), itemKey(dims, node, own.get(
            items.policy().name())), removed, PersonLevelAnonymity.PERSON, PersonLevelAnonymity.ITEM));
      }
      Dataset<Row> drop = model.violators(chosen).select(col(PersonLevelAnonymity.PERSON)).localCheckpoint(true);
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
              itemInput.isPresent() && itemInput.get() == i ? itemDrop : Optional.empty(),
              Optional.of(finalLevels.get(name)),
              decidedColumns(spec, i.policy()));
          // Computed once, here: the check below and the write read the same rows, and the check's query plan stays
          // small (the outputs' plans hold every hierarchy as a map literal).
          results.put(name, new PipelineResult(r.output().localCheckpoint(true), r.processed(), r.published(),
              r.suppressedByReason(), r.report(), r.lineage(), r.readsInput(), r.cleanup()));
        }
        // On the outputs: items that became rare (persons removed, rows the datasets' own models suppressed) are
        // removed too, when the policy allows; then the persons still violating, and those whose relational row the
        // dataset's own models suppressed, are suppressed.
        Dataset<Row> out = outputProfile(results, byName, dims);
        long addedItems = 0;
        Dataset<Row> moreItems = null;
        if (itemRemedy) {
          moreItems = model.removeRareItems(out, MAX_REMOVAL_ROUNDS).removed().localCheckpoint(true);
          addedItems = moreItems.count();
          out = remaining(out, moreItems);
        }
        Dataset<Row> more = model.violators(out).select(col(PersonLevelAnonymity.PERSON));
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
        rounds.add(Map.of("round", round, "persons_suppressed_so_far", dropped, "persons_added", added,
            "rare_items_added", addedItems));
        LOG.info("[persons] round {}: {} persons suppressed, {} more to suppress{}", round, dropped, added,
            itemRemedy ? ", " + addedItems + " more rare items to remove" : "");
        if (added == 0 && addedItems == 0) {
          more.unpersist(false);
          break;
        }
        if (round >= MAX_ROUNDS || dropped + added > budget) {
          throw new PrivacyUnsatisfiableException(spec.origin().file(), new PrivacyUnsatisfiableException(
              describe(), spec.maxSuppression(), (double) (dropped + added) / Math.max(1, total),
              "levels " + levels(dims, node) + " after " + round + " rounds"));
        }
        if (addedItems > 0) {
          Dataset<Row> all = removed.union(moreItems).distinct().localCheckpoint(true);
          removedItems = all.count();
          removed.unpersist(false);
          moreItems.unpersist(false);
          removed = all;
          Input items = itemInput.get();
          itemDrop = Optional.of(new DatasetPipeline.ItemDrop(personColumn(items), itemKey(dims, node, own.get(
              items.policy().name())), removed, PersonLevelAnonymity.PERSON, PersonLevelAnonymity.ITEM));
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
      long rareRows = 0;
      if (itemRemedy) {
        rareRows = results.get(itemInput.get().policy().name()).suppressedByReason()
            .getOrDefault(DatasetPipeline.REASON_RARE_ITEM, 0L);
        if (rareRows > limits.itemRows()) {
          throw new PrivacyUnsatisfiableException(spec.origin().file(), new PrivacyUnsatisfiableException(
              describe() + " with rare items removed", spec.maxItemSuppression(), (double) rareRows / itemRows,
              "levels " + levels(dims, node) + ": " + rareRows + " " + itemInput.get().policy().name()
                  + " rows would go as rare items, more than max-item-suppression allows"));
        }
        Map<String, Object> ir = new LinkedHashMap<>();
        ir.put("dataset", itemInput.get().policy().name());
        ir.put("max_item_suppression", spec.maxItemSuppression());
        ir.put("removed_person_items", removedItems);
        ir.put("removed_rows", rareRows);
        ir.put("item_rows", itemRows);
        ir.put("removed_share", itemRows == 0 ? 0.0 : (double) rareRows / itemRows);
        ir.put("rounds", removalRounds);
        report.put("rare_items", ir);
      }
      List<String> words = new ArrayList<>();
      words.add(String.format(Locale.ROOT, "%d persons in %s; %d suppressed with all their rows (%.1f %%, limit %.0f %%)",
          total, String.join(" + ", byName.keySet()), dropped, 100.0 * dropped / Math.max(1, total),
          100 * spec.maxSuppression()));
      if (itemRemedy) {
        words.add(String.format(Locale.ROOT, "%d %s rows (%.1f %%, limit %.0f %%) removed as rare items: a %s that,"
            + " with the person's other data, fewer than %d persons share", rareRows, itemInput.get().policy().name(),
            100.0 * rareRows / Math.max(1, itemRows), 100 * spec.maxItemSuppression(),
            String.join(" × ", spec.items().stream().map(PersonSpec.ItemColumn::column).toList()), spec.k()));
      }
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
    if (hasColumn(base, ROWS)) {
      cols.add(col(ROWS));
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
      policy.quasiIdentifiers().forEach(q -> out.add(q.column()));
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
    if (spec.maxItemSuppression() > 0 && spec.m() > 0
        && spec.items().stream().anyMatch(i -> i.dataset().equals(policy.name()))) {
      // the public reads each column's category label, never the column name
      List<Text> labels = spec.items().stream().map(i -> (lineage.has(i.column())
          ? lineage.entry(i.column()).category() : Optional.<Text>empty()).orElse(Text.of(i.column(), i.column())))
          .toList();
      lineage.records(Text.of(
          "同一人物の他のデータと組み合わせると" + spec.k() + "人未満にしか共通しない希少な組合せ（"
              + String.join("と", labels.stream().map(Text::ja).toList()) + "）のレコードは削除",
          "records of rare combinations (" + String.join(" and ", labels.stream().map(Text::en).toList())
              + ") that, with the person's other data, fewer than " + spec.k() + " persons share were deleted"));
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
   * The node of least loss that fits the limits, among all nodes at or above the floor and at or below the caps: nodes
   * in ascending loss of generalization, each skipped when it lies below a node already found infeasible (generalizing
   * never adds a violator, so it is infeasible too; with rare-item removal this is a close heuristic, not a theorem),
   * until the next node's generalization loss alone is no better than the best total found (a removed item costs its
   * columns' full loss: the total is never below the generalization loss). Records each evaluated node in {@code
   * steps}.
   */
  private int[] optimal(Local local, List<Dim> dims, Limits limits, List<Map<String, Object>> steps) {
    List<int[]> nodes = new ArrayList<>();
    enumerate(dims, 0, new int[dims.size()], nodes);
    nodes.sort(java.util.Comparator.comparingDouble((int[] n) -> loss(dims, n))
        .thenComparing(n -> java.util.Arrays.toString(n)));
    List<int[]> infeasible = new ArrayList<>();
    int[] best = null;
    double bestLoss = Double.POSITIVE_INFINITY;
    for (int[] n : nodes) {
      if (loss(dims, n) >= bestLoss - 1e-12) {
        break;
      }
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
      Assessment a = assess(null, Optional.of(local), dims, n, limits);
      steps.add(step(dims, n, a));
      if (a.feasible()) {
        if (a.loss() < bestLoss) {
          best = n;
          bestLoss = a.loss();
        }
      } else {
        infeasible.add(n);
      }
    }
    return best;
  }

  /** What a release may lose: persons suppressed, and item rows removed as rare (when the remedy is on). */
  private record Limits(long persons, long itemRows, boolean itemRemedy, long totalItemRows, boolean removalOnSpark) {
    Limits(long persons, long itemRows, boolean itemRemedy, long totalItemRows) {
      this(persons, itemRows, itemRemedy, totalItemRows, false);
    }

    Limits withRemovalOnSpark() {
      return new Limits(persons, itemRows, itemRemedy, totalItemRows, true);
    }
  }

  /**
   * A node as assessed: persons violating without any item removed, persons left violating after the rare-item removal
   * (the same without it), item rows removed, and the loss: generalization, plus each removed row's item columns at
   * their full loss.
   */
  private record Assessment(long plainViolators, long violators, long removedRows, double loss, boolean feasible) {
    @Override
    public String toString() {
      return violators + " persons violate" + (removedRows > 0 || plainViolators != violators
          ? " after removing " + removedRows + " item rows (" + plainViolators + " without)" : "");
    }
  }

  private Assessment assess(Dataset<Row> base, Optional<Local> local, List<Dim> dims, int[] node, Limits limits) {
    double loss = loss(dims, node);
    if (!limits.itemRemedy() || (local.isEmpty() && !limits.removalOnSpark())) {
      long v = evaluate(base, local.map(Local::profiles), dims, List.of(node)).getOrDefault(0, 0L);
      return new Assessment(v, v, 0, loss, v <= limits.persons());
    }
    long plain;
    long v;
    long rows;
    if (local.isPresent()) {
      plain = evaluate(base, Optional.of(local.get().profiles()), dims, List.of(node)).getOrDefault(0, 0L);
      PersonProfiles.Removal r = removal(local.get().profiles(), dims, node, null);
      v = r.violators();
      rows = r.removedRows();
    } else {
      Dataset<Row> prof = profile(base, dims, node, 0);
      plain = model.countViolators(prof).getOrDefault(0, 0L);
      if (plain <= limits.persons()) {
        return new Assessment(plain, plain, 0, loss, true);
      }
      Dataset<Row> removed = model.removeRareItems(prof, MAX_REMOVAL_ROUNDS).removed().localCheckpoint(true);
      v = model.countViolators(remaining(prof, removed)).getOrDefault(0, 0L);
      rows = removedRows(base, dims, node, removed);
      removed.unpersist(false);
    }
    double share = limits.totalItemRows() == 0 ? 0.0 : (double) rows / limits.totalItemRows();
    for (int d = 0; d < dims.size(); d++) {
      if (dims.get(d).item()) {
        loss += share * (dims.get(d).weight() - dims.get(d).loss(node[d]));
      }
    }
    return new Assessment(plain, v, rows, loss, v <= limits.persons() && rows <= limits.itemRows());
  }

  /** {@link PersonProfiles#removeRare} at a node. */
  private PersonProfiles.Removal removal(PersonProfiles profiles, List<Dim> dims, int[] node,
      List<Map.Entry<Integer, String>> removed) {
    List<Dim> rel = dims.stream().filter(d -> !d.item()).toList();
    List<Dim> items = dims.stream().filter(Dim::item).toList();
    int[][] levels = split(dims, node);
    return profiles.removeRare(spec.k(), spec.m(), rel.stream().map(Dim::hierarchy).toArray(Hierarchy[]::new),
        levels[0], items.stream().map(Dim::hierarchy).toArray(Hierarchy[]::new), levels[1], removed);
  }

  /** A node's levels split into the relational dimensions' and the item dimensions', each in order. */
  private static int[][] split(List<Dim> dims, int[] node) {
    int items = (int) dims.stream().filter(Dim::item).count();
    int[] rl = new int[dims.size() - items];
    int[] il = new int[items];
    for (int d = 0, r = 0, i = 0; d < dims.size(); d++) {
      if (dims.get(d).item()) {
        il[i++] = node[d];
      } else {
        rl[r++] = node[d];
      }
    }
    return new int[][] {rl, il};
  }

  /** A node's profile less the removed (person, item) pairs; every person keeps a row (a null item) and their class. */
  private static Dataset<Row> remaining(Dataset<Row> profile, Dataset<Row> removed) {
    Dataset<Row> kept = profile.join(removed, toSeq(PersonLevelAnonymity.PERSON, PersonLevelAnonymity.ITEM),
        "left_anti").select(col(PersonLevelAnonymity.NODE), col(PersonLevelAnonymity.PERSON),
        col(PersonLevelAnonymity.CLASS), col(PersonLevelAnonymity.ITEM));
    Dataset<Row> all = profile.select(col(PersonLevelAnonymity.NODE), col(PersonLevelAnonymity.PERSON),
        col(PersonLevelAnonymity.CLASS)).distinct().withColumn(PersonLevelAnonymity.ITEM, lit(null).cast("string"));
    return kept.union(all);
  }

  /** The item dataset's rows behind the removed (person, item) pairs, at a node. */
  private static long removedRows(Dataset<Row> base, List<Dim> dims, int[] node, Dataset<Row> removed) {
    Dataset<Row> prof = profile(base, dims, node, 0);
    Row r = prof.join(removed, toSeq(PersonLevelAnonymity.PERSON, PersonLevelAnonymity.ITEM), "left_semi")
        .agg(org.apache.spark.sql.functions.sum(col(ROWS))).first();
    return r.isNullAt(0) ? 0 : r.getLong(0);
  }

  /**
   * The item of a row of the item dataset as the profile names it, computed on its kept rows: the item columns at
   * the node's levels (a column its dataset's models generalize later is generalized here; one the stage generalized
   * already stays as it is), joined as {@link #profile} joins them.
   */
  private static Column itemKey(List<Dim> dims, int[] node, Map<String, Integer> ownLevels) {
    List<Column> parts = new ArrayList<>();
    for (int d = 0; d < dims.size(); d++) {
      Dim dim = dims.get(d);
      if (dim.item()) {
        int level = ownLevels.containsKey(dim.column()) ? node[d] : 0;
        parts.add(coalesce(dim.hierarchy().generalize(col(quote(dim.column())).cast("string"), level), lit(NULL)));
      }
    }
    return concat_ws(SEP, parts.toArray(new Column[0]));
  }

  /** The policy's caps, in words, for a refusal. */
  private static String capsInWords(List<Dim> dims) {
    List<String> out = new ArrayList<>();
    for (Dim d : dims) {
      if (d.cap() < d.hierarchy().maxLevel()) {
        out.add(d.dataset() + "." + d.column() + " at most level " + d.cap());
      }
    }
    return out.isEmpty() ? "" : " within the policy's maximum levels (" + String.join(", ", out) + ")";
  }

  private static void enumerate(List<Dim> dims, int d, int[] node, List<int[]> out) {
    if (d == dims.size()) {
      out.add(node.clone());
      return;
    }
    for (int l = dims.get(d).floor(); l <= dims.get(d).cap(); l++) {
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
        int[][] levels = split(dims, node);
        out.put(n, local.get().violators(spec.k(), spec.m(), rh, levels[0], ih, levels[1]));
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

  /** The persons' profiles held on the driver, and each profile's person (the pseudonym), in the same order. */
  private record Local(PersonProfiles profiles, List<Object> ids) {}

  /** The base profile on the driver, one entry per person (at most {@link #DRIVER_SEARCH_MAX_ROWS} rows). */
  private static Local collect(Dataset<Row> base, List<Dim> dims) {
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
    cols.add(hasColumn(base, ROWS) ? col(ROWS) : lit(1L));
    Map<Object, String[]> relOf = new LinkedHashMap<>();
    Map<Object, List<String[]>> itemsOf = new LinkedHashMap<>();
    Map<Object, List<Long>> rowsOf = new LinkedHashMap<>();
    java.util.Iterator<Row> it = base.select(cols.toArray(new Column[0])).toLocalIterator();
    while (it.hasNext()) {
      Row r = it.next();
      Object person = r.get(0);
      List<String[]> mine = itemsOf.computeIfAbsent(person, x -> new ArrayList<>());
      List<Long> counts = rowsOf.computeIfAbsent(person, x -> new ArrayList<>());
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
        counts.add(r.getLong(at + 1 + items.size()));
      }
    }
    PersonProfiles profiles = new PersonProfiles();
    List<Object> ids = new ArrayList<>();
    itemsOf.forEach((person, mine) -> {
      profiles.add(relOf.get(person), mine, rowsOf.get(person).stream().mapToLong(Long::longValue).toArray());
      ids.add(person);
    });
    return new Local(profiles, ids);
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
        cls.as(PersonLevelAnonymity.CLASS), it.as(PersonLevelAnonymity.ITEM),
        hasColumn(base, ROWS) ? coalesce(col(ROWS), lit(0L)).as(ROWS) : lit(0L).as(ROWS));
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

  private static Map<String, Object> step(List<Dim> dims, int[] node, Assessment a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("levels", levels(dims, node));
    m.put("violating_persons", a.violators());
    if (a.plainViolators() != a.violators() || a.removedRows() > 0) {
      m.put("violating_persons_without_item_removal", a.plainViolators());
      m.put("item_rows_removed", a.removedRows());
    }
    m.put("loss", a.loss());
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
