package io.appianon.pipeline;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.appianon.core.Checkpoints;
import io.appianon.core.Lineage;
import io.appianon.core.Processing;
import io.appianon.core.Text;
import io.appianon.hierarchy.Hierarchy;
import io.appianon.policy.DatasetPolicy;
import io.appianon.policy.PersonSpec;
import io.appianon.policy.PrivacySpec;
import io.appianon.privacy.PartitionedProfiles;
import io.appianon.privacy.PersonProfiles;
import io.appianon.privacy.PrivacyUnsatisfiableException;
import io.appianon.report.PersonsSection;
import io.appianon.technique.TechniqueContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The release-level privacy stage: the person, not the row, is the unit. It sees every dataset that
 * holds a person of the release's pseudonym domain (after each dataset's techniques, record
 * deletion and k^m, before its privacy models) and makes the joined person (k, k^m)-anonymous
 * ({@link PersonLevelAnonymity}) over the relational dataset's quasi-identifiers and the declared
 * item columns:
 *
 * <ol>
 *   <li><b>Floor.</b> Each dataset's own models choose their levels first (policy or search);
 *       generalization only ever goes up from there, so every dataset's own models keep holding.
 *   <li><b>Search</b> over the lattice of the relational quasi-identifiers' and the item columns'
 *       hierarchy levels for the node of least (weighted) generalization whose violating persons
 *       fit within {@code max-suppression} of all persons, exactly: nodes in ascending loss until
 *       the loss alone exceeds the best found, several per Spark job. The persons' profiles are
 *       spread over partitions by their class at the caps ({@link PartitionedProfiles}), so each
 *       partition holds whole classes of any node and is counted in memory ({@link
 *       PersonProfiles}); only per-node totals reach the driver.
 *   <li><b>Suppression in persons.</b> At the chosen node each class settles ({@link
 *       PersonProfiles#settle}): rare items go, then the violators, until the persons left hold the
 *       model; they are removed with all their rows, in every dataset of the domain. Then each
 *       dataset's own models run at the chosen levels, the relational dataset's first: a person
 *       whose relational row they suppress leaves every dataset, and the relational dataset runs
 *       again without them until it suppresses nobody more (one row per person: cheap), so each
 *       other dataset runs once per round. The classes those models changed (the persons they
 *       removed or whose item rows they suppressed) are checked again, from the kept input profiles
 *       less everything removed, until no person violates (a fixpoint, at most {@value #MAX_ROUNDS}
 *       rounds; every other class is as it settled). A domain with datasets beyond the relational
 *       and the item dataset profiles every output again instead.
 * </ol>
 */
public final class ReleasePrivacy {
  private static final Logger LOG = LoggerFactory.getLogger(ReleasePrivacy.class);
  static final int MAX_ROUNDS = 6;

  /**
   * (person, item) profile rows per partition, about: a task holds its partition's rows in memory.
   */
  static final long ROWS_PER_PARTITION = 250_000;

  /** Nodes assessed per Spark job by the search. */
  static final int BATCH = 8;

  private static final String NO_CLASS = "(no relational row)";
  private static final String SEP = "\u001f";
  private static final String NULL = "\u0000";
  private static final String HAS_ITEM = "__has_item";
  private static final String ROWS = "__rows";

  private final PersonSpec spec;
  private final int partitions;
  private final boolean profileAllOutputs;

  public ReleasePrivacy(PersonSpec spec) {
    this(spec, 0);
  }

  /**
   * As {@link #ReleasePrivacy(PersonSpec)}, the profiles spread over {@code partitions} partitions
   * (0: by size).
   */
  ReleasePrivacy(PersonSpec spec, int partitions) {
    this(spec, partitions, false);
  }

  /**
   * As above; with {@code profileAllOutputs}, each round profiles every output again instead of
   * checking only the classes the datasets' own models changed (what a domain with other datasets
   * does; tests compare the two).
   */
  ReleasePrivacy(PersonSpec spec, int partitions, boolean profileAllOutputs) {
    this.spec = spec;
    this.partitions = partitions;
    this.profileAllOutputs = profileAllOutputs;
  }

  /** One dataset of the release, after {@link DatasetPipeline#process}. */
  public record Input(
      DatasetPolicy policy,
      DatasetPipeline pipeline,
      DatasetPipeline.Processed processed,
      TechniqueContext ctx) {}

  /** The datasets' results and the stage's report (persons, levels, search steps, rounds). */
  public record Outcome(
      Map<String, PipelineResult> results,
      PersonsSection report,
      long persons,
      long suppressedPersons) {}

  /**
   * A dimension of the search: a relational quasi-identifier or an item column, with its floor
   * level.
   */
  private record Dim(
      String dataset,
      String column,
      Hierarchy hierarchy,
      int floor,
      int cap,
      boolean item,
      double weight) {
    double loss(int level) {
      return weight * level / Math.max(1, hierarchy.maxLevel());
    }
  }

  /**
   * Checks, before any data is read, that the item columns are published columns of their datasets.
   */
  public static void check(PersonSpec spec, List<DatasetPolicy> policies) {
    for (PersonSpec.ItemColumn ic : spec.items()) {
      DatasetPolicy p =
          policies.stream().filter(x -> x.name().equals(ic.dataset())).findFirst().orElseThrow();
      if (!Plan.of(p).outputSchema().getFieldIndex(ic.column()).isDefined()) {
        throw ic.origin()
            .child("column")
            .error(
                "'"
                    + ic.column()
                    + "' is not a published column of dataset '"
                    + p.name()
                    + "' (published: "
                    + String.join(", ", Plan.of(p).outputSchema().fieldNames())
                    + ")");
      }
    }
  }

  public Outcome run(List<Input> inputs) {
    long t0 = System.nanoTime();
    List<Input> domain =
        inputs.stream()
            .filter(i -> PersonSpec.personColumn(i.policy(), spec.domain()).isPresent())
            .toList();
    Map<String, Input> byName = new LinkedHashMap<>();
    domain.forEach(i -> byName.put(i.policy().name(), i));
    Optional<Input> relational = spec.relational().map(byName::get);
    Optional<Input> itemInput =
        spec.items().isEmpty()
            ? Optional.empty()
            : Optional.of(byName.get(spec.items().get(0).dataset()));

    // 1. The floor: each dataset's own levels.
    Map<String, Map<String, Integer>> own = new LinkedHashMap<>();
    for (Input i : domain) {
      own.put(i.policy().name(), i.pipeline().ownLevels(i.processed()));
    }
    List<Dim> dims = new ArrayList<>();
    relational.ifPresent(
        r -> {
          for (PrivacySpec.QuasiIdentifier q : r.policy().privacy().quasiIdentifiers()) {
            int floor = own.get(r.policy().name()).get(q.column());
            dims.add(
                new Dim(
                    r.policy().name(),
                    q.column(),
                    q.hierarchy(),
                    floor,
                    Math.max(floor, q.cap()),
                    false,
                    spec.weight(q.column())));
          }
        });
    for (PersonSpec.ItemColumn ic : spec.items()) {
      int floor = own.get(ic.dataset()).getOrDefault(ic.column(), 0);
      dims.add(
          new Dim(
              ic.dataset(),
              ic.column(),
              ic.hierarchy(),
              floor,
              Math.max(floor, ic.cap()),
              true,
              spec.weight(ic.column())));
    }

    // 2. The persons' base profile (original values), cached for the search.
    Map<String, Dataset<Row>> processedRows = new LinkedHashMap<>();
    domain.forEach(i -> processedRows.put(i.policy().name(), i.processed().kept()));
    Dataset<Row> base = base(processedRows, byName, dims);
    PartitionedProfiles parts = null;
    try {
      // Every class of every node the search may choose lies inside one class at the caps: spread
      // by it, each partition is counted on its own. (At most one profile row per item row, plus
      // one per person without items.)
      long itemRowsIn = itemInput.map(i -> i.processed().keptRows()).orElse(0L);
      parts =
          PartitionedProfiles.of(
              layout(base, dims),
              relCount(dims),
              dims.size() - relCount(dims),
              group(base, dims, caps(dims)),
              partitions(base, itemRowsIn));
      long total = parts.persons();
      long budget = (long) Math.floor(spec.maxSuppression() * total);
      boolean itemRemedy = spec.maxItemSuppression() > 0 && spec.m() > 0 && itemInput.isPresent();
      long itemRows = itemInput.map(i -> i.processed().keptRows()).orElse(0L);
      Limits limits =
          new Limits(
              budget,
              itemRemedy ? (long) Math.floor(spec.maxItemSuppression() * itemRows) : 0,
              itemRemedy,
              itemRows);
      LOG.info(
          "[persons] {} persons in datasets {}; (k={}, k^m with m={}) over {}; at most {} may be suppressed{}",
          total,
          byName.keySet(),
          spec.k(),
          spec.m(),
          dims.stream().map(Dim::column).toList(),
          budget,
          itemRemedy
              ? ", and at most "
                  + limits.itemRows()
                  + " of "
                  + itemRows
                  + " item rows as rare items"
              : "");

      // 3. Search from the floor for the feasible node of least loss, exactly.
      int[] node = floors(dims);
      List<Map<String, Object>> steps = new ArrayList<>();
      Assessment at = assess(parts, dims, List.of(node), limits).get(0);
      steps.add(step(dims, node, at));
      LOG.info("[persons] at the floor {}: {}", levels(dims, node), at);
      // A feasible floor is the answer unless it removes rows: their cost can exceed a more general
      // node's that removes fewer (the nodes cheaper than the floor's total are searched too).
      if (!at.feasible() || at.loss() > loss(dims, node) + 1e-12) {
        Map.Entry<int[], Assessment> best =
            optimal(parts, dims, limits, steps, at.feasible() ? Map.entry(node, at) : null);
        if (best == null) {
          throw refusal(
              at.violators(),
              total,
              "no generalization of "
                  + dims.stream().map(Dim::column).toList()
                  + " above the datasets' own"
                  + capsInWords(dims));
        }
        node = best.getKey();
        at = best.getValue();
        LOG.info(
            "[persons] least-loss node {}: {} ({} nodes assessed)",
            levels(dims, node),
            at,
            steps.size());
      }

      // 4. Apply: remove the rare items (if the policy allows), suppress the violators everywhere,
      // run each dataset's
      // models at the chosen levels, repeat.
      Optional<DatasetPipeline.ItemDrop> itemDrop = Optional.empty();
      int removalRounds = at.rounds();
      int[][] chosen = split(dims, node);
      Dataset<Row> decided =
          parts.apply(
              spec.k(),
              spec.m(),
              relHierarchies(dims),
              chosen[0],
              itemHierarchies(dims),
              chosen[1],
              itemRemedy);
      Dataset<Row> removed = decided.where(col(PartitionedProfiles.ITEM).isNotNull());
      long removedItems = itemRemedy ? removed.count() : 0;
      if (itemRemedy) {
        Input items = itemInput.get();
        itemDrop =
            Optional.of(
                new DatasetPipeline.ItemDrop(
                    personColumn(items),
                    itemKey(dims, node, own.get(items.policy().name())),
                    removed,
                    PartitionedProfiles.PERSON,
                    PartitionedProfiles.ITEM));
      }
      Dataset<Row> drop =
          decided
              .where(col(PartitionedProfiles.ITEM).isNull())
              .select(col(PartitionedProfiles.PERSON));
      long dropped = drop.count();
      if (dropped > budget) {
        // A guard: the search already counts the persons settling suppresses at a node
        // (PartitionedProfiles.assess: without the rare-item remedy a suppressed person's items
        // leave the supports of their class, so others can fall below k), so the node it chose
        // settles within the budget; should the two ever disagree, the release is refused rather
        // than published over its limit. Every round after this adds persons only within the
        // budget (checked below).
        throw refusal(
            dropped,
            total,
            "levels "
                + levels(dims, node)
                + ", settled: "
                + dropped
                + " persons suppressed where the search counted "
                + at.violators());
      }
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
            p =
                p.withKept(
                    p.kept()
                        .withColumn(
                            dim.column(),
                            dim.hierarchy()
                                .generalize(col(quote(dim.column())).cast("string"), node[d])));
          }
        }
        processed.put(name, p);
        finalLevels.put(name, lv);
      }
      Map<String, PipelineResult> results = new LinkedHashMap<>();
      List<Map<String, Object>> rounds = new ArrayList<>();
      boolean local =
          !profileAllOutputs
              && domain.stream()
                  .allMatch(
                      i ->
                          spec.relational().map(i.policy().name()::equals).orElse(false)
                              || spec.items().stream()
                                  .anyMatch(ic -> ic.dataset().equals(i.policy().name())));
      Dataset<Row> affected =
          null; // persons whose classes the datasets' own models changed, over the rounds
      for (int round = 1; ; round++) {
        long tr = System.nanoTime();
        long droppedBefore = dropped;
        results.values().forEach(r -> Checkpoints.release(r.output()));
        results.clear();
        // The relational dataset first: the persons whose relational row its own models suppress
        // leave every dataset, so it runs again without them until it suppresses nobody more (one
        // row per person: cheap), and only then the other datasets, once each in the round.
        List<Dataset<Row>> lostParts = new ArrayList<>();
        long lostCount = 0;
        if (relational.isPresent()) {
          Input r = relational.get();
          while (true) {
            PipelineResult res = finish(r, processed, finalLevels, drop, Optional.empty());
            Dataset<Row> before =
                r.processed()
                    .kept()
                    .select(col(quote(personColumn(r))).as(PartitionedProfiles.PERSON))
                    .join(drop, toSeq(PartitionedProfiles.PERSON), "left_anti");
            Dataset<Row> after =
                res.output().select(col(quote(personColumn(r))).as(PartitionedProfiles.PERSON));
            Dataset<Row> newlyLost = before.except(after).localCheckpoint(true);
            long n = newlyLost.count();
            if (n == 0) {
              Checkpoints.release(newlyLost);
              results.put(r.policy().name(), res);
              break;
            }
            Checkpoints.release(res.output());
            if (dropped + n > budget) {
              throw afterRounds(dims, node, round, dropped + n, total);
            }
            lostParts.add(newlyLost);
            lostCount += n;
            drop = grown(drop, newlyLost);
            dropped = drop.count();
          }
        }
        for (Input i : domain) {
          String name = i.policy().name();
          PipelineResult res =
              relational.isPresent() && relational.get() == i
                  ? results.remove(name)
                  : finish(
                      i,
                      processed,
                      finalLevels,
                      drop,
                      itemInput.isPresent() && itemInput.get() == i ? itemDrop : Optional.empty());
          results.put(name, res); // in the domain's order
        }
        // the persons the relational dataset's own models suppressed in this round (now in drop)
        Dataset<Row> lost = lostParts.stream().reduce(Dataset::union).orElse(null);
        // On the outputs: items that became rare (persons removed, rows the datasets' own models
        // suppressed) are removed too, when the policy allows; then the persons still violating are
        // suppressed. The stage settled every class, so only the classes the datasets' own models
        // changed are checked again (when the domain is the relational and the item dataset;
        // otherwise every output is profiled again).
        PartitionedProfiles out;
        Dataset<Row> ownRows = null;
        long affectedPersons = 0;
        long tc = System.nanoTime();
        if (local) {
          // the item rows the item dataset's own models suppressed: its rows before the stage's
          // removals in the suppressed classes (the dataset is not computed again), less the
          // persons and items the stage removed
          Dataset<Row> gonePersons = drop;
          Dataset<Row> rare = removed;
          ownRows =
              itemInput
                  .flatMap(
                      i ->
                          results
                              .get(i.policy().name())
                              .privacySuppressed()
                              .map(
                                  s ->
                                      ownRows(
                                          s.rowsOf(processed.get(i.policy().name()).kept()),
                                          personColumn(i),
                                          dims,
                                          gonePersons,
                                          rare)))
                  .orElse(null);
          Dataset<Row> touched = lost;
          if (ownRows != null) {
            Dataset<Row> p = ownRows.select(col(PartitionedProfiles.PERSON));
            touched = touched == null ? p : touched.union(p);
          }
          if (touched != null) {
            affected = grown(affected, touched);
          }
          affectedPersons = affected == null ? 0 : affected.count();
          out =
              affectedPersons == 0
                  ? null
                  : recheck(parts, dims, node, affected, drop, removed, ownRows);
        } else {
          out = outputProfiles(results, byName, dims);
        }
        int[][] asIs = split(dims, new int[dims.size()]);
        Dataset<Row> outDecided =
            out == null
                ? decided.limit(0)
                : out.apply(
                    spec.k(),
                    spec.m(),
                    relHierarchies(dims),
                    asIs[0],
                    itemHierarchies(dims),
                    asIs[1],
                    itemRemedy);
        if (out != null) {
          out.unpersist();
        }
        long addedItems = 0;
        Dataset<Row> moreItems = null;
        if (itemRemedy) {
          moreItems = outDecided.where(col(PartitionedProfiles.ITEM).isNotNull());
          addedItems = moreItems.count();
        }
        Dataset<Row> more =
            outDecided
                .where(col(PartitionedProfiles.ITEM).isNull())
                .select(col(PartitionedProfiles.PERSON))
                .distinct()
                .localCheckpoint(true);
        long added = more.count();
        lostParts.forEach(Checkpoints::release);
        if (ownRows != null) {
          Checkpoints.release(ownRows);
        }
        LOG.info(
            "[persons] round {}: outputs computed in {} s, checked in {} s ({})",
            round,
            String.format(Locale.ROOT, "%.1f", (tc - tr) / 1e9),
            String.format(Locale.ROOT, "%.1f", (System.nanoTime() - tc) / 1e9),
            local ? affectedPersons + " persons' classes again" : "every output profiled");
        rounds.add(
            Map.of(
                "round",
                round,
                "persons_suppressed_so_far",
                droppedBefore,
                "persons_added",
                lostCount + added,
                "rare_items_added",
                addedItems));
        LOG.info(
            "[persons] round {}: {} persons suppressed, {} more to suppress{}{}",
            round,
            droppedBefore,
            lostCount + added,
            relational.isPresent()
                ? " ("
                    + lostCount
                    + " whose "
                    + relational.get().policy().name()
                    + " row its own models suppressed, already left out of every dataset)"
                : "",
            itemRemedy ? ", " + addedItems + " more rare items to remove" : "");
        if (added == 0 && addedItems == 0) {
          Checkpoints.release(more);
          Checkpoints.release(outDecided);
          break;
        }
        if (round >= MAX_ROUNDS || dropped + added > budget) {
          throw afterRounds(dims, node, round, dropped + added, total);
        }
        if (addedItems > 0) {
          removed = grown(removed, moreItems);
          removedItems = removed.count();
          Checkpoints.release(moreItems);
          Input items = itemInput.get();
          itemDrop =
              Optional.of(
                  new DatasetPipeline.ItemDrop(
                      personColumn(items),
                      itemKey(dims, node, own.get(items.policy().name())),
                      removed,
                      PartitionedProfiles.PERSON,
                      PartitionedProfiles.ITEM));
        }
        drop = grown(drop, more);
        dropped = drop.count();
        Checkpoints.release(more);
        Checkpoints.release(outDecided);
      }
      for (Input i : domain) {
        describe(
            spec,
            i.policy(),
            results.get(i.policy().name()).lineage(),
            decidedColumns(spec, i.policy()));
      }
      PersonsSection.RareItems rareItems = null;
      long rareRows = 0;
      if (itemRemedy) {
        rareRows =
            results
                .get(itemInput.get().policy().name())
                .suppressedByReason()
                .getOrDefault(DatasetPipeline.REASON_RARE_ITEM, 0L);
        if (rareRows > limits.itemRows()) {
          throw new PrivacyUnsatisfiableException(
              spec.origin().file(),
              new PrivacyUnsatisfiableException(
                  describe() + " with rare items removed",
                  spec.maxItemSuppression(),
                  (double) rareRows / itemRows,
                  "levels "
                      + levels(dims, node)
                      + ": "
                      + rareRows
                      + " "
                      + itemInput.get().policy().name()
                      + " rows would go as rare items, more than max-item-suppression allows"));
        }
        rareItems =
            new PersonsSection.RareItems(
                itemInput.get().policy().name(),
                spec.maxItemSuppression(),
                removedItems,
                rareRows,
                itemRows,
                itemRows == 0 ? 0.0 : (double) rareRows / itemRows,
                removalRounds);
      }
      List<String> words = new ArrayList<>();
      words.add(
          String.format(
              Locale.ROOT,
              "%d persons in %s; %d suppressed with all their rows (%.1f %%, limit %.0f %%)",
              total,
              String.join(" + ", byName.keySet()),
              dropped,
              100.0 * dropped / Math.max(1, total),
              100 * spec.maxSuppression()));
      if (itemRemedy) {
        words.add(
            String.format(
                Locale.ROOT,
                "%d %s rows (%.1f %%, limit %.0f %%) removed as rare items: a %s that,"
                    + " with the person's other data, fewer than %d persons share",
                rareRows,
                itemInput.get().policy().name(),
                100.0 * rareRows / Math.max(1, itemRows),
                100 * spec.maxItemSuppression(),
                String.join(
                    " × ", spec.items().stream().map(PersonSpec.ItemColumn::column).toList()),
                spec.k()));
      }
      for (int d = 0; d < dims.size(); d++) {
        Dim dim = dims.get(d);
        int level = node[d];
        if (level > dim.floor()) {
          String example =
              dim.hierarchy().values().stream()
                  .findFirst()
                  .map(v -> dim.hierarchy().generalize(v, level))
                  .orElse(Hierarchy.ROOT);
          words.add(
              dim.dataset()
                  + "."
                  + dim.column()
                  + (level == dim.hierarchy().maxLevel()
                      ? ": removed (every value '*') so that persons cannot be singled out"
                      : ": generalized to level "
                          + level
                          + " (values like '"
                          + example
                          + "') for persons"));
        }
      }
      PersonsSection report =
          new PersonsSection(
              describe(),
              spec.domain(),
              List.copyOf(byName.keySet()),
              total,
              spec.maxSuppression(),
              dropped,
              total == 0 ? 0.0 : (double) dropped / total,
              levels(dims, node),
              levels(dims, floors(dims)),
              rareItems,
              words,
              steps,
              rounds,
              (System.nanoTime() - t0) / 1e9,
              null);
      LOG.info(
          "[persons] done: levels {}, {} of {} persons suppressed ({} s)",
          levels(dims, node),
          dropped,
          total,
          String.format(Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9));
      Checkpoints.release(drop);
      Checkpoints.release(removed);
      Checkpoints.release(decided);
      if (affected != null) {
        Checkpoints.release(affected);
      }
      return new Outcome(Map.copyOf(results), report, total, dropped);
    } finally {
      if (parts != null) {
        parts.unpersist();
      }
    }
  }

  /**
   * The refusal when the rounds at {@code node} would suppress {@code persons} of {@code total}
   * (over the budget, or the rounds at their limit).
   */
  private PrivacyUnsatisfiableException afterRounds(
      List<Dim> dims, int[] node, int round, long persons, long total) {
    return refusal(persons, total, "levels " + levels(dims, node) + " after " + round + " rounds");
  }

  /**
   * {@code base} (null: nothing yet) and {@code more}, each row once, computed here; {@code base}
   * is released ({@code more} is the caller's to release).
   */
  private static Dataset<Row> grown(Dataset<Row> base, Dataset<Row> more) {
    Dataset<Row> all = (base == null ? more : base.union(more)).distinct().localCheckpoint(true);
    Checkpoints.release(base);
    return all;
  }

  /**
   * The refusal of the release because it would suppress {@code persons} of {@code total}, more
   * than its budget allows; {@code detail} says where (the levels, the round).
   */
  private PrivacyUnsatisfiableException refusal(long persons, long total, String detail) {
    return new PrivacyUnsatisfiableException(
        spec.origin().file(),
        new PrivacyUnsatisfiableException(
            describe(), spec.maxSuppression(), (double) persons / Math.max(1, total), detail));
  }

  /**
   * Dataset {@code i}'s own models at its final levels, without the persons in {@code drop} (and
   * the rare items of {@code items}); its output computed once, here: the round's check and the
   * write read the same rows, and the check's query plan stays small (the outputs' plans hold every
   * hierarchy as a map literal).
   */
  private PipelineResult finish(
      Input i,
      Map<String, DatasetPipeline.Processed> processed,
      Map<String, Map<String, Integer>> finalLevels,
      Dataset<Row> drop,
      Optional<DatasetPipeline.ItemDrop> items) {
    String name = i.policy().name();
    PipelineResult r =
        i.pipeline()
            .finish(
                processed.get(name),
                i.ctx(),
                Optional.of(
                    new DatasetPipeline.PersonDrop(
                        personColumn(i), drop, PartitionedProfiles.PERSON)),
                items,
                Optional.of(finalLevels.get(name)),
                decidedColumns(spec, i.policy()));
    Dataset<Row> output = r.output().localCheckpoint(true);
    return new PipelineResult(
        output,
        r.processed(),
        r.published(),
        r.suppressedByReason(),
        r.report(),
        r.lineage(),
        r.readsInput(),
        () -> {
          Checkpoints.release(output);
          r.cleanup().run();
        },
        r.privacySuppressed());
  }

  /** The columns of {@code policy} whose generalization this stage decides per release. */
  public static java.util.Set<String> decidedColumns(PersonSpec spec, DatasetPolicy policy) {
    java.util.Set<String> out = new java.util.TreeSet<>();
    if (spec.relational().map(policy.name()::equals).orElse(false)) {
      policy.quasiIdentifiers().forEach(q -> out.add(q.column()));
    }
    spec.items().stream()
        .filter(i -> i.dataset().equals(policy.name()))
        .forEach(i -> out.add(i.column()));
    return out;
  }

  /**
   * What the stage does to a dataset, in the public wording: the same whatever levels a release
   * needs, so it can be announced before any data is read ({@link #plannedLineage}).
   */
  static void describe(
      PersonSpec spec, DatasetPolicy policy, Lineage lineage, java.util.Set<String> decided) {
    if (PersonSpec.personColumn(policy, spec.domain()).isEmpty()) {
      return;
    }
    for (String column : decided) {
      if (lineage.has(column)) {
        lineage.process(
            column,
            Processing.GENERALIZED,
            Text.of(
                "同一人物の他のデータと組み合わせても" + spec.k() + "人以上に共通するよう、必要に応じて階層に沿って一般化",
                "generalized along its hierarchy where needed so that, joined with the person's other data, it is shared"
                    + " by at least "
                    + spec.k()
                    + " persons"));
      }
    }
    if (spec.maxItemSuppression() > 0
        && spec.m() > 0
        && spec.items().stream().anyMatch(i -> i.dataset().equals(policy.name()))) {
      // the public reads each column's category label, never the column name
      List<Text> labels =
          spec.items().stream()
              .map(
                  i ->
                      (lineage.has(i.column())
                              ? lineage.entry(i.column()).category()
                              : Optional.<Text>empty())
                          .orElse(Text.of(i.column(), i.column())))
              .toList();
      lineage.records(
          Text.of(
              "同一人物の他のデータと組み合わせると"
                  + spec.k()
                  + "人未満にしか共通しない希少な組合せ（"
                  + String.join("と", labels.stream().map(Text::ja).toList())
                  + "）のレコードは削除",
              "records of rare combinations ("
                  + String.join(" and ", labels.stream().map(Text::en).toList())
                  + ") that, with the person's other data, fewer than "
                  + spec.k()
                  + " persons share were deleted"));
    }
    lineage.records(
        Text.of(
            "同一人物の準識別子と任意の" + spec.m() + "件までの購買等の組合せが" + spec.k() + "人未満にしか共通しない人物は、全データセットから削除",
            "persons whose quasi-identifiers together with any "
                + spec.m()
                + " of their items were shared by fewer"
                + " than "
                + spec.k()
                + " persons were removed from every dataset"));
  }

  /**
   * The lineage a release of {@code policy} will report under this person-level model, before any
   * data is read.
   */
  public static Lineage plannedLineage(
      PersonSpec spec, List<DatasetPolicy> policies, DatasetPolicy policy) {
    java.util.Set<String> decided = decidedColumns(spec, policy);
    Lineage lineage = DatasetPipeline.plannedLineage(policy, decided);
    describe(spec, policy, lineage, decided);
    return lineage;
  }

  public String describe() {
    return "(k, k^m)-anonymity of persons (k="
        + spec.k()
        + ", m="
        + spec.m()
        + ", domain "
        + spec.domain()
        + ")";
  }

  /**
   * The node of least loss that fits the limits, among all nodes at or above the floor and at or
   * below the caps: nodes in ascending loss of generalization, until the next node's generalization
   * loss alone is no better than the best total found (a removed item costs its columns' full loss:
   * the total is never below the generalization loss). No node is skipped as lying below an
   * infeasible one: every weight is above 0, so a node below another has the smaller loss and is
   * assessed first (or in the same batch). Records each evaluated node in {@code steps}; up to
   * {@link #BATCH} nodes are assessed per Spark job. The floor is assessed already (its step
   * recorded), so it is not assessed again; {@code floor}, when not null, is it, feasible: the best
   * so far. Null when no node is feasible.
   */
  private Map.Entry<int[], Assessment> optimal(
      PartitionedProfiles parts,
      List<Dim> dims,
      Limits limits,
      List<Map<String, Object>> steps,
      Map.Entry<int[], Assessment> floor) {
    List<int[]> nodes = new ArrayList<>();
    enumerate(dims, 0, new int[dims.size()], nodes);
    int[] assessed = floors(dims);
    nodes.removeIf(n -> java.util.Arrays.equals(n, assessed));
    nodes.sort(
        java.util.Comparator.comparingDouble((int[] n) -> loss(dims, n))
            .thenComparing(n -> java.util.Arrays.toString(n)));
    Map.Entry<int[], Assessment> best = floor;
    double bestLoss = floor == null ? Double.POSITIVE_INFINITY : floor.getValue().loss();
    int next = 0;
    while (next < nodes.size()) {
      List<int[]> batch = new ArrayList<>();
      while (next < nodes.size() && batch.size() < BATCH) {
        int[] n = nodes.get(next);
        if (loss(dims, n) >= bestLoss - 1e-12) {
          next = nodes.size();
          break;
        }
        next++;
        batch.add(n);
      }
      if (batch.isEmpty()) {
        break;
      }
      List<Assessment> as = assess(parts, dims, batch, limits);
      for (int i = 0; i < batch.size(); i++) {
        Assessment a = as.get(i);
        steps.add(step(dims, batch.get(i), a));
        if (a.feasible() && a.loss() < bestLoss) {
          best = Map.entry(batch.get(i), a);
          bestLoss = a.loss();
        }
      }
    }
    return best;
  }

  /**
   * What a release may lose: persons suppressed, and item rows removed as rare (when the remedy is
   * on).
   */
  private record Limits(long persons, long itemRows, boolean itemRemedy, long totalItemRows) {}

  /**
   * A node as assessed: persons violating without any item removed, persons left violating after
   * the rare-item removal (the same without it), item rows removed, and the loss: generalization,
   * plus each removed row's item columns at their full loss.
   */
  private record Assessment(
      long plainViolators,
      long violators,
      long removedRows,
      double loss,
      boolean feasible,
      int rounds) {
    @Override
    public String toString() {
      return violators
          + " persons violate"
          + (removedRows > 0 || plainViolators != violators
              ? " after removing " + removedRows + " item rows (" + plainViolators + " without)"
              : "");
    }
  }

  /** The nodes assessed in one Spark job, in order. */
  private List<Assessment> assess(
      PartitionedProfiles parts, List<Dim> dims, List<int[]> nodes, Limits limits) {
    List<int[][]> levels = nodes.stream().map(n -> split(dims, n)).toList();
    List<PartitionedProfiles.Outcome> outcomes =
        parts.assess(
            spec.k(),
            spec.m(),
            relHierarchies(dims),
            itemHierarchies(dims),
            levels,
            limits.itemRemedy());
    List<Assessment> out = new ArrayList<>();
    for (int n = 0; n < nodes.size(); n++) {
      int[] node = nodes.get(n);
      PartitionedProfiles.Outcome o = outcomes.get(n);
      double loss = loss(dims, node);
      long rows = o.removedRows();
      double share = limits.totalItemRows() == 0 ? 0.0 : (double) rows / limits.totalItemRows();
      for (int d = 0; d < dims.size(); d++) {
        if (dims.get(d).item()) {
          loss += share * (dims.get(d).weight() - dims.get(d).loss(node[d]));
        }
      }
      out.add(
          new Assessment(
              o.plainViolators(),
              o.violators(),
              rows,
              loss,
              o.violators() <= limits.persons() && rows <= limits.itemRows(),
              o.rounds()));
    }
    return out;
  }

  /**
   * A node's levels split into the relational dimensions' and the item dimensions', each in order.
   */
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

  /**
   * The item of a row of the item dataset as the profile names it, computed on its kept rows: the
   * item columns at the node's levels (a column its dataset's models generalize later is
   * generalized here; one the stage generalized already stays as it is), joined as {@link #profile}
   * joins them.
   */
  private static Column itemKey(List<Dim> dims, int[] node, Map<String, Integer> ownLevels) {
    List<Column> parts = new ArrayList<>();
    for (int d = 0; d < dims.size(); d++) {
      Dim dim = dims.get(d);
      if (dim.item()) {
        int level = ownLevels.containsKey(dim.column()) ? node[d] : 0;
        parts.add(
            coalesce(
                dim.hierarchy().generalize(col(quote(dim.column())).cast("string"), level),
                lit(NULL)));
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
    return out.isEmpty()
        ? ""
        : " within the policy's maximum levels (" + String.join(", ", out) + ")";
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
   * The profile rows as {@link PersonProfiles#fromRows} reads them, from {@code base}: the person,
   * the relational values (columns named as the dimensions) and the item values ({@code
   * __item_<column>}), as strings.
   */
  private static Dataset<Row> layout(Dataset<Row> base, List<Dim> dims) {
    List<Column> cols = new ArrayList<>();
    cols.add(col(PartitionedProfiles.PERSON));
    cols.add(hasColumn(base, "__has_rel") ? col("__has_rel") : lit(false));
    for (Dim d : dims) {
      if (!d.item()) {
        cols.add(value(base, d));
      }
    }
    cols.add(hasColumn(base, HAS_ITEM) ? col(HAS_ITEM) : lit(false));
    for (Dim d : dims) {
      if (d.item()) {
        cols.add(value(base, d));
      }
    }
    cols.add(hasColumn(base, ROWS) ? col(ROWS) : lit(1L));
    return base.select(cols.toArray(new Column[0]));
  }

  /** A dimension's value in {@code base}, as a string (null where the person has no such row). */
  private static Column value(Dataset<Row> base, Dim d) {
    String name = d.item() ? "__item_" + d.column() : d.column();
    return hasColumn(base, name) ? col(quote(name)).cast("string") : lit(null).cast("string");
  }

  /** A person's relational class at {@code levels} (one per dimension; item dimensions ignored). */
  private static Column group(Dataset<Row> base, List<Dim> dims, int[] levels) {
    List<Column> qi = new ArrayList<>();
    for (int d = 0; d < dims.size(); d++) {
      Dim dim = dims.get(d);
      if (!dim.item()) {
        qi.add(
            coalesce(
                dim.hierarchy()
                    .generalize(value(base, dim), Math.min(levels[d], dim.hierarchy().maxLevel())),
                lit(NULL)));
      }
    }
    return qi.isEmpty() || !hasColumn(base, "__has_rel")
        ? lit(NO_CLASS)
        : when(col("__has_rel"), concat_ws(SEP, qi.toArray(new Column[0])))
            .otherwise(lit(NO_CLASS));
  }

  /**
   * Partitions for the profiles: at least the cluster's parallelism, about {@link
   * #ROWS_PER_PARTITION} rows each.
   */
  private int partitions(Dataset<Row> base, long rows) {
    if (partitions > 0) {
      return partitions;
    }
    int parallelism = base.sparkSession().sparkContext().defaultParallelism();
    return (int)
        Math.max(
            parallelism, Math.min(10_000, (rows + ROWS_PER_PARTITION - 1) / ROWS_PER_PARTITION));
  }

  private static int[] caps(List<Dim> dims) {
    return dims.stream().mapToInt(Dim::cap).toArray();
  }

  private static int relCount(List<Dim> dims) {
    return (int) dims.stream().filter(d -> !d.item()).count();
  }

  private static Hierarchy[] relHierarchies(List<Dim> dims) {
    return dims.stream().filter(d -> !d.item()).map(Dim::hierarchy).toArray(Hierarchy[]::new);
  }

  private static Hierarchy[] itemHierarchies(List<Dim> dims) {
    return dims.stream().filter(Dim::item).map(Dim::hierarchy).toArray(Hierarchy[]::new);
  }

  /**
   * The profiles of the datasets' outputs, values as they will be published (level 0), spread by
   * class.
   */
  private PartitionedProfiles outputProfiles(
      Map<String, PipelineResult> results, Map<String, Input> byName, List<Dim> dims) {
    Map<String, Dataset<Row>> outputs = new LinkedHashMap<>();
    results.forEach((name, r) -> outputs.put(name, r.output()));
    Dataset<Row> base = base(outputs, byName, dims);
    return PartitionedProfiles.of(
        layout(base, dims),
        relCount(dims),
        dims.size() - relCount(dims),
        group(base, dims, new int[dims.size()]),
        partitions(base, 0));
  }

  /**
   * An item as {@link PersonProfiles} names it, from rows whose item columns are already at the
   * node's levels.
   */
  private static Column itemName(List<Dim> dims, Dataset<Row> rows) {
    List<Column> parts = new ArrayList<>();
    for (Dim d : dims) {
      if (d.item()) {
        parts.add(coalesce(rows.col(quote(d.column())).cast("string"), lit(NULL)));
      }
    }
    return concat_ws(SEP, parts.toArray(new Column[0]));
  }

  /**
   * The (person, item) rows the item dataset's own models suppressed ({@code suppressed}: its rows
   * in the suppressed classes, before the stage's removals) less the persons {@code gone} and the
   * rare items the stage removed; kept. Every join is against a few rows: the rare items are
   * narrowed to these persons first, so they are not all shuffled.
   */
  private static Dataset<Row> ownRows(
      Dataset<Row> suppressed,
      String personColumn,
      List<Dim> dims,
      Dataset<Row> gone,
      Dataset<Row> rare) {
    Dataset<Row> own =
        suppressed
            .select(
                col(quote(personColumn)).as(PartitionedProfiles.PERSON),
                itemName(dims, suppressed).as(PartitionedProfiles.ITEM))
            .join(broadcast(gone), toSeq(PartitionedProfiles.PERSON), "left_anti")
            .localCheckpoint(true);
    Dataset<Row> theirRare =
        rare.select(col(PartitionedProfiles.PERSON), col(PartitionedProfiles.ITEM))
            .join(
                broadcast(own.select(col(PartitionedProfiles.PERSON)).distinct()),
                toSeq(PartitionedProfiles.PERSON),
                "left_semi");
    Dataset<Row> out =
        own.join(
                broadcast(theirRare),
                toSeq(PartitionedProfiles.PERSON, PartitionedProfiles.ITEM),
                "left_anti")
            .localCheckpoint(true);
    Checkpoints.release(own);
    return out;
  }

  /**
   * The profiles, as the outputs hold them, of the classes (at {@code node}) of the {@code
   * affected} persons: their input profiles ({@code parts}) less the persons {@code gone}, the rare
   * items {@code removed} and the item rows the item dataset's own models suppressed ({@code
   * ownRows}: person, item; or null), values generalized to the node (so assessed at level 0, as
   * the outputs are). Every other class is as the stage settled it.
   */
  private PartitionedProfiles recheck(
      PartitionedProfiles parts,
      List<Dim> dims,
      int[] node,
      Dataset<Row> affected,
      Dataset<Row> gone,
      Dataset<Row> removed,
      Dataset<Row> ownRows) {
    Dataset<Row> rows = parts.rows();
    String[] c = rows.columns();
    int rc = relCount(dims);
    int ic = dims.size() - rc;
    List<Column> rel = new ArrayList<>();
    List<Column> item = new ArrayList<>();
    for (int d = 0, r = 0, i = 0; d < dims.size(); d++) {
      Dim dim = dims.get(d);
      int level = Math.min(node[d], dim.hierarchy().maxLevel());
      if (dim.item()) {
        item.add(dim.hierarchy().generalize(col(quote(c[3 + rc + i])), level).as("__i" + i++));
      } else {
        rel.add(dim.hierarchy().generalize(col(quote(c[2 + r])), level).as("__r" + r++));
      }
    }
    Column hasRel = coalesce(col(quote(c[1])), lit(false));
    List<Column> cls = new ArrayList<>();
    rel.forEach(x -> cls.add(coalesce(x, lit(NULL))));
    Column key =
        rc == 0
            ? lit(NO_CLASS)
            : when(hasRel, concat_ws(SEP, cls.toArray(new Column[0]))).otherwise(lit(NO_CLASS));
    Object[] keys =
        rows.join(broadcast(affected), toSeq(PartitionedProfiles.PERSON), "left_semi")
            .select(key)
            .distinct()
            .as(Encoders.STRING())
            .collectAsList()
            .toArray();
    List<Column> cols =
        new ArrayList<>(List.of(col(PartitionedProfiles.PERSON), hasRel.as("__has_rel")));
    cols.addAll(rel);
    cols.add(coalesce(col(quote(c[2 + rc])), lit(false)).as(HAS_ITEM));
    cols.addAll(item);
    cols.add(col(quote(c[3 + rc + ic])).as(ROWS));
    // The classes' rows: first a set lookup of each relational value's originals (cheap on every
    // row), then the exact class key on the rows left; kept, as the persons' removals below are
    // narrowed to them.
    Column near = lit(false);
    if (java.util.Arrays.asList(keys).contains(NO_CLASS)) {
      near = hasRel.unary_$bang();
    }
    Column classes = hasRel;
    for (int r = 0, d = 0; d < dims.size(); d++) {
      Dim dim = dims.get(d);
      if (dim.item()) {
        continue;
      }
      int at = r++;
      List<String> wanted = new ArrayList<>();
      for (Object k : keys) {
        if (!NO_CLASS.equals(k)) {
          String v = ((String) k).split(SEP, -1)[at];
          wanted.add(NULL.equals(v) ? null : v);
        }
      }
      Optional<Column> in =
          dim.hierarchy()
              .generalizesTo(
                  col(quote(c[2 + at])), wanted, Math.min(node[d], dim.hierarchy().maxLevel()));
      if (in.isPresent()) {
        classes = classes.and(in.get());
      }
    }
    Dataset<Row> inClasses =
        rows.where(near.or(classes)).where(key.isin(keys)).localCheckpoint(true);
    Dataset<Row> here =
        broadcast(
            inClasses.select(col(PartitionedProfiles.PERSON)).distinct().localCheckpoint(true));
    Dataset<Row> sub =
        inClasses
            .join(
                broadcast(gone.join(here, toSeq(PartitionedProfiles.PERSON), "left_semi")),
                toSeq(PartitionedProfiles.PERSON),
                "left_anti")
            .select(cols.toArray(new Column[0]));
    Dataset<Row> removedHere =
        removed
            .select(col(PartitionedProfiles.PERSON), col(PartitionedProfiles.ITEM))
            .join(here, toSeq(PartitionedProfiles.PERSON), "left_semi");
    List<String> relNames = new ArrayList<>();
    List<String> itemNames = new ArrayList<>();
    for (int r = 0; r < rc; r++) {
      relNames.add("__r" + r);
    }
    for (int i = 0; i < ic; i++) {
      itemNames.add("__i" + i);
    }
    // a person with a relational row keeps it whatever items go
    List<Column> relOnly =
        new ArrayList<>(List.of(col(PartitionedProfiles.PERSON), lit(true).as("__has_rel")));
    relNames.forEach(n -> relOnly.add(col(n)));
    relOnly.add(lit(false).as(HAS_ITEM));
    itemNames.forEach(n -> relOnly.add(lit(null).cast("string").as(n)));
    relOnly.add(lit(0L).as(ROWS));
    Dataset<Row> relRows =
        sub.where(col("__has_rel")).select(relOnly.toArray(new Column[0])).distinct();
    List<Column> name = new ArrayList<>();
    itemNames.forEach(n -> name.add(coalesce(col(n), lit(NULL))));
    List<Column> group =
        new ArrayList<>(List.of(col(PartitionedProfiles.PERSON), col("__has_rel")));
    relNames.forEach(n -> group.add(col(n)));
    group.add(col(HAS_ITEM));
    itemNames.forEach(n -> group.add(col(n)));
    group.add(col(PartitionedProfiles.ITEM));
    Dataset<Row> itemRows =
        sub.where(col(HAS_ITEM))
            .withColumn(PartitionedProfiles.ITEM, concat_ws(SEP, name.toArray(new Column[0])))
            .join(
                broadcast(removedHere),
                toSeq(PartitionedProfiles.PERSON, PartitionedProfiles.ITEM),
                "left_anti")
            .groupBy(group.toArray(new Column[0]))
            .agg(sum(col(ROWS)).as(ROWS));
    if (ownRows != null) {
      Dataset<Row> own =
          ownRows
              .groupBy(col(PartitionedProfiles.PERSON), col(PartitionedProfiles.ITEM))
              .agg(org.apache.spark.sql.functions.count(lit(1)).as("__gone"));
      itemRows =
          itemRows
              .join(own, toSeq(PartitionedProfiles.PERSON, PartitionedProfiles.ITEM), "left")
              .withColumn(ROWS, col(ROWS).minus(coalesce(col("__gone"), lit(0L))))
              .where(col(ROWS).gt(0));
    }
    Column[] order =
        java.util.Arrays.stream(relRows.columns()).map(n -> col(quote(n))).toArray(Column[]::new);
    Dataset<Row> layout = relRows.union(itemRows.select(order));
    List<Column> at0 = new ArrayList<>();
    relNames.forEach(n -> at0.add(coalesce(col(n), lit(NULL))));
    Column group0 =
        rc == 0
            ? lit(NO_CLASS)
            : when(col("__has_rel"), concat_ws(SEP, at0.toArray(new Column[0])))
                .otherwise(lit(NO_CLASS));
    PartitionedProfiles out =
        PartitionedProfiles.of(
            layout, rc, ic, group0, layout.sparkSession().sparkContext().defaultParallelism());
    Checkpoints.release(here);
    Checkpoints.release(inClasses);
    return out;
  }

  /**
   * The persons' base profile from each dataset's rows (the processed inputs, or a round's
   * outputs): per person, the relational values (from the relational dataset) and one row per
   * distinct item with the item dataset's rows behind it. When the domain is just the relational
   * and the item dataset, every person is in one of them: one full outer join on the person (a
   * distinct of every dataset's persons and two joins, each a shuffle keyed by the pseudonym, were
   * a fifth of the stage at 4M); a dataset of the domain that is neither adds its persons with no
   * values.
   */
  private Dataset<Row> base(
      Map<String, Dataset<Row>> rowsByDataset, Map<String, Input> byName, List<Dim> dims) {
    Dataset<Row> rel = null;
    if (spec.relational().isPresent()) {
      Input r = byName.get(spec.relational().get());
      List<Column> aggs = new ArrayList<>();
      for (Dim d : dims) {
        if (!d.item()) {
          aggs.add(min(col(quote(d.column())).cast("string")).as(d.column()));
        }
      }
      rel =
          rowsByDataset
              .get(r.policy().name())
              .withColumnRenamed(personColumn(r), PartitionedProfiles.PERSON)
              .groupBy(col(PartitionedProfiles.PERSON))
              .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(new Column[0]))
              .withColumn("__has_rel", lit(true));
    }
    Dataset<Row> items = null;
    if (!spec.items().isEmpty()) {
      Input i = byName.get(spec.items().get(0).dataset());
      List<Column> cols = new ArrayList<>();
      cols.add(col(quote(personColumn(i))).as(PartitionedProfiles.PERSON));
      List<Column> keys = new ArrayList<>(List.of(col(PartitionedProfiles.PERSON)));
      for (Dim d : dims) {
        if (d.item()) {
          cols.add(col(quote(d.column())).cast("string").as("__item_" + d.column()));
          keys.add(col(quote("__item_" + d.column())));
        }
      }
      items =
          rowsByDataset
              .get(i.policy().name())
              .select(cols.toArray(new Column[0]))
              .groupBy(keys.toArray(new Column[0]))
              .agg(org.apache.spark.sql.functions.count(lit(1)).as(ROWS))
              .withColumn(HAS_ITEM, lit(true));
    }
    java.util.Set<String> others = new java.util.LinkedHashSet<>(rowsByDataset.keySet());
    spec.relational().ifPresent(others::remove);
    spec.items().forEach(ic -> others.remove(ic.dataset()));
    if (others.isEmpty() && (rel != null || items != null)) {
      return rel == null
          ? items
          : items == null ? rel : rel.join(items, toSeq(PartitionedProfiles.PERSON), "full_outer");
    }
    Dataset<Row> persons = null;
    for (Map.Entry<String, Dataset<Row>> e : rowsByDataset.entrySet()) {
      Dataset<Row> p =
          e.getValue()
              .select(
                  col(quote(personColumn(byName.get(e.getKey())))).as(PartitionedProfiles.PERSON));
      persons = persons == null ? p : persons.union(p);
    }
    Dataset<Row> base = persons.distinct();
    if (rel != null) {
      base = base.join(rel, toSeq(PartitionedProfiles.PERSON), "left");
    }
    if (items != null) {
      base = base.join(items, toSeq(PartitionedProfiles.PERSON), "left");
    }
    return base;
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
