package io.appianon.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.appianon.TestSpark;
import io.appianon.core.Conf;
import io.appianon.core.Origin;
import io.appianon.core.ReportJson;
import io.appianon.hierarchy.HierarchyResolver;
import io.appianon.policy.DatasetPolicy;
import io.appianon.policy.PersonSpec;
import io.appianon.policy.PolicyLoader;
import io.appianon.technique.PseudonymKey;
import io.appianon.technique.TechniqueContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release stage on two small linked datasets (people: age band and sex; visits: store), with
 * the persons' profiles in one partition and spread over several: the outputs are checked by a
 * brute force from the definition.
 */
class ReleasePrivacyTest {
  @TempDir Path tmp;
  private final SparkSession spark = TestSpark.session();

  private static final String PEOPLE =
      """
      dataset {
        name = people
        input { path = "unused.csv" }
        columns = [
          { name = member, role = linking, category = "会員ID" }
          { name = age, role = quasi-identifier, category = "年齢" }
          { name = sex, role = quasi-identifier, category = "性別" }
        ]
        transforms = [ { type = pseudonymize, columns = [member], domain = member } ]
        privacy {
          k = 2
          max-suppression = 0.3
          quasi-identifiers = [ { column = age, hierarchy = age, level = 0 }, { column = sex, hierarchy = none, level = 0 } ]
        }
      }
      """;
  private static final String VISITS =
      """
      dataset {
        name = visits
        input { path = "unused.csv" }
        columns = [
          { name = member, role = linking, category = "会員ID" }
          { name = store, role = attribute, category = "店舗" }
        ]
        transforms = [ { type = pseudonymize, columns = [member], domain = member } ]
        privacy {
          k = 2
          max-suppression = 0.3
          quasi-identifiers = [ { column = store, hierarchy = store, level = 0 } ]
        }
      }
      """;

  private DatasetPolicy policy(String text, HierarchyResolver h) {
    return PolicyLoader.parse(
        new Conf(ConfigFactory.parseString(text), new Origin("p.conf", "")), h);
  }

  private PersonSpec spec(HierarchyResolver h, List<DatasetPolicy> policies, int k, int m) {
    return PersonSpec.parse(
        new Conf(
            ConfigFactory.parseString(
                """
        domain = member, k = %d, m = %d, max-suppression = 0.25, relational = people
        items = [ { dataset = visits, column = store, hierarchy = store } ]
        """
                    .formatted(k, m)),
            new Origin("app.conf", "appianon.persons")),
        h,
        policies);
  }

  @Test
  void oneOrManyPartitionsLeaveNoPersonSingledOutAndRemovePersonsFromBothDatasets()
      throws IOException {
    Files.writeString(tmp.resolve("age.csv"), "20;20-29;*\n25;20-29;*\n30;30-39;*\n35;30-39;*\n");
    Files.writeString(
        tmp.resolve("store.csv"),
        "s1;east;*\ns2;east;*\ns3;east;*\ns4;west;*\ns5;west;*\ns6;west;*\n");
    HierarchyResolver h = new HierarchyResolver(tmp);
    List<DatasetPolicy> policies = List.of(policy(PEOPLE, h), policy(VISITS, h));
    Random rnd = new Random(11);
    String[] ages = {"20", "25", "30", "35"};
    List<Row> people = new ArrayList<>();
    List<Row> visits = new ArrayList<>();
    for (int p = 0; p < 80; p++) {
      people.add(RowFactory.create("m" + p, ages[rnd.nextInt(4)], rnd.nextBoolean() ? "F" : "M"));
      for (int v = rnd.nextInt(4); v > 0; v--) {
        visits.add(RowFactory.create("m" + p, "s" + (1 + rnd.nextInt(6))));
      }
    }
    Dataset<Row> peopleDf =
        spark.createDataFrame(
            people,
            new StructType()
                .add("member", DataTypes.StringType)
                .add("age", DataTypes.StringType)
                .add("sex", DataTypes.StringType));
    Dataset<Row> visitsDf =
        spark.createDataFrame(
            visits,
            new StructType()
                .add("member", DataTypes.StringType)
                .add("store", DataTypes.StringType));
    for (int partitions : new int[] {1, 7}) {
      PseudonymKey key = PseudonymKey.generate();
      List<ReleasePrivacy.Input> inputs = new ArrayList<>();
      Map<String, Dataset<Row>> in = Map.of("people", peopleDf, "visits", visitsDf);
      for (DatasetPolicy p : policies) {
        TechniqueContext ctx = new TechniqueContext(Optional.of(key), 7);
        DatasetPipeline pipe = new DatasetPipeline(p);
        inputs.add(
            new ReleasePrivacy.Input(p, pipe, pipe.process(in.get(p.name()), ctx, false), ctx));
      }
      ReleasePrivacy.Outcome out =
          new ReleasePrivacy(spec(h, policies, 3, 1), partitions).run(inputs);
      String path = partitions + " partition(s)";

      Map<String, String> classOf = new HashMap<>();
      for (Row r : out.results().get("people").output().collectAsList()) {
        classOf.put(r.getString(0), r.getString(1) + "|" + r.getString(2));
      }
      Map<String, Set<String>> itemsOf = new HashMap<>();
      for (Row r : out.results().get("visits").output().collectAsList()) {
        itemsOf.computeIfAbsent(r.getString(0), x -> new TreeSet<>()).add(r.getString(1));
      }
      // a person removed is removed from both datasets: every visitor is a published person
      assertTrue(classOf.keySet().containsAll(itemsOf.keySet()), path);
      assertEquals(80 - out.suppressedPersons(), classOf.size(), path);
      assertTrue(out.suppressedPersons() <= 20, path + ": " + out.suppressedPersons());
      // (3, 3^1) by brute force: the class, and the class with each single item, held by >= 3
      // persons
      Map<String, Integer> support = new HashMap<>();
      for (String p : classOf.keySet()) {
        support.merge(classOf.get(p), 1, Integer::sum);
        for (String i : itemsOf.getOrDefault(p, Set.of())) {
          support.merge(classOf.get(p) + "#" + i, 1, Integer::sum);
        }
      }
      Set<String> singledOut = new HashSet<>();
      for (String p : classOf.keySet()) {
        if (support.get(classOf.get(p)) < 3) {
          singledOut.add(p);
        }
        for (String i : itemsOf.getOrDefault(p, Set.of())) {
          if (support.get(classOf.get(p) + "#" + i) < 3) {
            singledOut.add(p);
          }
        }
      }
      assertEquals(Set.of(), singledOut, path);
      @SuppressWarnings("unchecked")
      Map<String, Integer> levels =
          (Map<String, Integer>) ReportJson.toMap(out.report()).get("levels");
      assertTrue(
          levels.values().stream().anyMatch(l -> l > 0),
          path + ": something had to be generalized " + levels);
      for (ReleasePrivacy.Input i : inputs) {
        i.processed().cleanup().run();
      }
    }
  }

  @Test
  void rareItemsAreRemovedInsteadOfGeneralizingAStoreCappedAtItsLevel() throws IOException {
    Files.writeString(tmp.resolve("age.csv"), "20;20-29;*\n25;20-29;*\n30;30-39;*\n35;30-39;*\n");
    Files.writeString(
        tmp.resolve("store.csv"),
        "s1;east;*\ns2;east;*\ns3;east;*\ns4;west;*\ns5;west;*\ns6;west;*\n");
    HierarchyResolver h = new HierarchyResolver(tmp);
    List<DatasetPolicy> policies = List.of(policy(PEOPLE, h), policy(VISITS, h));
    // Most people visit s1 and s2; a few rare visits elsewhere. The store may not be generalized
    // (max-level 0), so the rare visits must go, not the store's detail and not (many) persons.
    Random rnd = new Random(5);
    List<Row> people = new ArrayList<>();
    List<Row> visits = new ArrayList<>();
    for (int p = 0; p < 60; p++) {
      people.add(RowFactory.create("m" + p, p % 2 == 0 ? "20" : "30", "F"));
      visits.add(RowFactory.create("m" + p, rnd.nextBoolean() ? "s1" : "s2"));
      visits.add(RowFactory.create("m" + p, "s1"));
      if (p % 7 == 0) {
        visits.add(RowFactory.create("m" + p, "s" + (3 + rnd.nextInt(4))));
      }
    }
    Dataset<Row> peopleDf =
        spark.createDataFrame(
            people,
            new StructType()
                .add("member", DataTypes.StringType)
                .add("age", DataTypes.StringType)
                .add("sex", DataTypes.StringType));
    Dataset<Row> visitsDf =
        spark.createDataFrame(
            visits,
            new StructType()
                .add("member", DataTypes.StringType)
                .add("store", DataTypes.StringType));
    PersonSpec spec =
        PersonSpec.parse(
            new Conf(
                ConfigFactory.parseString(
                    """
        domain = member, k = 3, m = 2, max-suppression = 0.05, max-item-suppression = 0.2, relational = people
        items = [ { dataset = visits, column = store, hierarchy = store, max-level = 0 } ]
        """),
                new Origin("app.conf", "appianon.persons")),
            h,
            policies);
    for (int partitions : new int[] {1, 7}) {
      String path = partitions + " partition(s)";
      PseudonymKey key = PseudonymKey.generate();
      List<ReleasePrivacy.Input> inputs = new ArrayList<>();
      Map<String, Dataset<Row>> in = Map.of("people", peopleDf, "visits", visitsDf);
      for (DatasetPolicy p : policies) {
        TechniqueContext ctx = new TechniqueContext(Optional.of(key), 7);
        DatasetPipeline pipe = new DatasetPipeline(p);
        inputs.add(
            new ReleasePrivacy.Input(p, pipe, pipe.process(in.get(p.name()), ctx, false), ctx));
      }
      ReleasePrivacy.Outcome out = new ReleasePrivacy(spec, partitions).run(inputs);
      Map<String, String> classOf = new HashMap<>();
      for (Row r : out.results().get("people").output().collectAsList()) {
        classOf.put(r.getString(0), r.getString(1) + "|" + r.getString(2));
      }
      Map<String, Set<String>> itemsOf = new HashMap<>();
      long visitRows = 0;
      for (Row r : out.results().get("visits").output().collectAsList()) {
        itemsOf.computeIfAbsent(r.getString(0), x -> new TreeSet<>()).add(r.getString(1));
        visitRows++;
      }
      // the store keeps its detail
      Set<String> stores = new TreeSet<>();
      itemsOf.values().forEach(stores::addAll);
      assertTrue(stores.stream().allMatch(v -> v.matches("s[1-6]")), path + ": " + stores);
      // only the rare visits went: s1/s2 visits are all published, and every removed row is counted
      // as rare-item
      long rare = visits.stream().filter(r -> !r.getString(1).matches("s[12]")).count();
      Map<String, Long> reasons = out.results().get("visits").suppressedByReason();
      assertEquals(
          visits.size(),
          visitRows + reasons.values().stream().mapToLong(Long::longValue).sum(),
          path);
      long removedRare = reasons.getOrDefault(DatasetPipeline.REASON_RARE_ITEM, 0L);
      // the exact search keeps age and sex, so every rare visit goes
      assertEquals(rare, removedRare, path + ": " + reasons);
      long commonIn = visits.size() - rare;
      long commonOut = out.results().get("visits").output().where("store in ('s1', 's2')").count();
      assertEquals(commonIn, commonOut, path + ": no common visit is removed");
      assertEquals(0, out.suppressedPersons(), path);
      @SuppressWarnings("unchecked")
      Map<String, Object> ri =
          (Map<String, Object>) ReportJson.toMap(out.report()).get("rare_items");
      assertEquals(removedRare, ri.get("removed_rows"), path);
      // each processing clause once, whatever the number of rounds (the public pages and the
      // announcement read it)
      @SuppressWarnings("unchecked")
      List<Object> rounds = (List<Object>) ReportJson.toMap(out.report()).get("rounds");
      assertTrue(rounds.size() >= 1, path);
      for (PipelineResult r : out.results().values()) {
        assertEquals(
            new HashSet<>(r.lineage().recordLevel()).size(),
            r.lineage().recordLevel().size(),
            path + ": " + r.lineage().recordLevel());
        r.lineage()
            .columns()
            .forEach(
                (c, e) ->
                    assertEquals(
                        new HashSet<>(e.processing()).size(),
                        e.processing().size(),
                        path + ": " + c + " " + e.processing()));
      }
      // (3, 3^2) by brute force on the outputs
      for (String p : classOf.keySet()) {
        List<String> mine = new ArrayList<>(itemsOf.getOrDefault(p, Set.of()));
        List<Set<String>> sets = new ArrayList<>(List.of(Set.of()));
        for (int a = 0; a < mine.size(); a++) {
          sets.add(Set.of(mine.get(a)));
          for (int b = a + 1; b < mine.size(); b++) {
            sets.add(Set.of(mine.get(a), mine.get(b)));
          }
        }
        for (Set<String> set : sets) {
          long support =
              classOf.keySet().stream()
                  .filter(
                      q ->
                          classOf.get(q).equals(classOf.get(p))
                              && itemsOf.getOrDefault(q, Set.of()).containsAll(set))
                  .count();
          assertTrue(support >= 3, path + ": " + p + " " + set + " shared by " + support);
        }
      }
      for (ReleasePrivacy.Input i : inputs) {
        i.processed().cleanup().run();
      }
    }
  }

  private static final String ANSWERING_PEOPLE =
      """
      dataset {
        name = people
        input { path = "unused.csv" }
        columns = [
          { name = member, role = linking, category = "会員ID" }
          { name = age, role = quasi-identifier, category = "年齢" }
          { name = sex, role = quasi-identifier, category = "性別" }
          { name = answer, role = sensitive, category = "回答" }
        ]
        transforms = [ { type = pseudonymize, columns = [member], domain = member } ]
        privacy {
          k = 2
          max-suppression = 0.3
          quasi-identifiers = [ { column = age, hierarchy = age, level = 0 }, { column = sex, hierarchy = none, level = 0 } ]
          l-diversity { column = answer, l = 2, variant = distinct }
        }
      }
      """;
  private static final String CHANNEL_VISITS =
      """
      dataset {
        name = visits
        input { path = "unused.csv" }
        columns = [
          { name = member, role = linking, category = "会員ID" }
          { name = store, role = attribute, category = "店舗" }
          { name = channel, role = attribute, category = "経路" }
        ]
        transforms = [ { type = pseudonymize, columns = [member], domain = member } ]
        privacy {
          k = 2
          max-suppression = 0.3
          quasi-identifiers = [ { column = store, hierarchy = store, level = 0 }, { column = channel, hierarchy = none, level = 0 } ]
        }
      }
      """;

  /**
   * After the stage, the datasets' own models suppress more: the people's 2-diversity of their
   * answer (classes answering alike) and the visits' own k over store and channel (rare channels).
   * Only the classes they change are checked again; the outcome must be the one of profiling every
   * output again, row for row, and hold the model.
   */
  @Test
  void checkingOnlyTheClassesTheDatasetsOwnModelsChangedEqualsProfilingEveryOutput()
      throws IOException {
    Files.writeString(tmp.resolve("age.csv"), "20;20-29;*\n25;20-29;*\n30;30-39;*\n35;30-39;*\n");
    Files.writeString(
        tmp.resolve("store.csv"),
        "s1;east;*\ns2;east;*\ns3;east;*\ns4;west;*\ns5;west;*\ns6;west;*\ns7;west;*\n");
    HierarchyResolver h = new HierarchyResolver(tmp);
    List<DatasetPolicy> policies = List.of(policy(ANSWERING_PEOPLE, h), policy(CHANNEL_VISITS, h));
    PersonSpec spec =
        PersonSpec.parse(
            new Conf(
                ConfigFactory.parseString(
                    """
        domain = member, k = 3, m = 1, max-suppression = 0.3, max-item-suppression = 0.3, relational = people
        items = [ { dataset = visits, column = store, hierarchy = store, max-level = 1 } ]
        """),
                new Origin("app.conf", "appianon.persons")),
            h,
            policies);
    Random rnd = new Random(23);
    String[] ages = {"20", "25", "30", "35"};
    List<Row> people = new ArrayList<>();
    List<Row> visits = new ArrayList<>();
    for (int p = 0; p < 160; p++) {
      String age = ages[rnd.nextInt(4)];
      String sex = rnd.nextBoolean() ? "F" : "M";
      // one class answers alike: its 2-diversity fails
      people.add(
          RowFactory.create(
              "m" + p,
              age,
              sex,
              age.equals("35") && sex.equals("M") || rnd.nextInt(10) < 8 ? "yes" : "no"));
      for (int v = rnd.nextInt(4); v > 0; v--) {
        visits.add(
            RowFactory.create(
                "m" + p, "s" + (1 + rnd.nextInt(6)), rnd.nextInt(30) == 0 ? "phone" : "shop"));
      }
    }
    // three persons of one class share store s7, one of them by phone: the visits' own k suppresses
    // that row (its store and channel are unique), and the other two are left with an item two
    // persons share
    List<Row> sameClass =
        people.stream()
            .filter(r -> r.getString(1).equals("20") && r.getString(2).equals("F"))
            .limit(3)
            .toList();
    for (int i = 0; i < 3; i++) {
      visits.add(RowFactory.create(sameClass.get(i).getString(0), "s7", i == 0 ? "phone" : "shop"));
    }
    Dataset<Row> peopleDf =
        spark.createDataFrame(
            people,
            new StructType()
                .add("member", DataTypes.StringType)
                .add("age", DataTypes.StringType)
                .add("sex", DataTypes.StringType)
                .add("answer", DataTypes.StringType));
    Dataset<Row> visitsDf =
        spark.createDataFrame(
            visits,
            new StructType()
                .add("member", DataTypes.StringType)
                .add("store", DataTypes.StringType)
                .add("channel", DataTypes.StringType));
    PseudonymKey key = PseudonymKey.generate();
    List<List<String>> published = new ArrayList<>();
    for (boolean all : new boolean[] {false, true}) {
      Set<Integer> persistedBefore = TestSpark.persisted();
      List<ReleasePrivacy.Input> inputs = new ArrayList<>();
      Map<String, Dataset<Row>> in = Map.of("people", peopleDf, "visits", visitsDf);
      for (DatasetPolicy p : policies) {
        TechniqueContext ctx = new TechniqueContext(Optional.of(key), 7);
        DatasetPipeline pipe = new DatasetPipeline(p);
        inputs.add(
            new ReleasePrivacy.Input(p, pipe, pipe.process(in.get(p.name()), ctx, false), ctx));
      }
      ReleasePrivacy.Outcome out = new ReleasePrivacy(spec, 3, all).run(inputs);
      String path = all ? "every output profiled" : "changed classes checked";
      // the datasets' own models did suppress after the stage, so the rounds had something to
      // check: the people's 2-diversity a whole class (its persons then suppressed from both
      // datasets), the visits' k rows
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> rounds =
          (List<Map<String, Object>>) ReportJson.toMap(out.report()).get("rounds");
      assertTrue((Long) rounds.get(0).get("persons_added") > 0, path + ": " + rounds);
      assertTrue((Long) rounds.get(0).get("rare_items_added") >= 2, path + ": " + rounds);
      assertTrue(
          out.results()
                  .get("visits")
                  .suppressedByReason()
                  .getOrDefault(DatasetPipeline.REASON_PRIVACY, 0L)
              > 0,
          path + ": " + out.results().get("visits").suppressedByReason());
      Map<String, String> classOf = new HashMap<>();
      List<String> rows = new ArrayList<>();
      for (Row r : out.results().get("people").output().collectAsList()) {
        classOf.put(r.getString(0), r.getString(1) + "|" + r.getString(2));
        rows.add("people " + r);
      }
      Map<String, Set<String>> itemsOf = new HashMap<>();
      for (Row r : out.results().get("visits").output().collectAsList()) {
        itemsOf.computeIfAbsent(r.getString(0), x -> new TreeSet<>()).add(r.getString(1));
        rows.add("visits " + r);
      }
      java.util.Collections.sort(rows);
      published.add(rows);
      for (String p : classOf.keySet()) {
        for (String item : itemsOf.getOrDefault(p, Set.of(""))) {
          long support =
              classOf.keySet().stream()
                  .filter(
                      q ->
                          classOf.get(q).equals(classOf.get(p))
                              && (item.isEmpty()
                                  || itemsOf.getOrDefault(q, Set.of()).contains(item)))
                  .count();
          assertTrue(support >= 3, path + ": " + p + " " + item + " shared by " + support);
        }
      }
      assertTrue(itemsOf.keySet().stream().allMatch(classOf::containsKey), path);
      // every round's checkpoints were freed (Dataset.unpersist does not free a local checkpoint),
      // and the results' cleanup frees the outputs: nothing the stage kept stays on the executors
      assertFalse(
          TestSpark.persistedSince(persistedBefore).isEmpty(),
          path + ": the outputs are kept until written");
      out.results().values().forEach(r -> r.cleanup().run());
      for (ReleasePrivacy.Input i : inputs) {
        i.processed().cleanup().run();
      }
      Set<Integer> left = TestSpark.persistedSince(persistedBefore);
      assertEquals(Set.of(), left, path + ": " + spark.sparkContext().getPersistentRDDs());
    }
    assertTrue(published.get(0).size() > 200, "rows published: " + published.get(0).size());
    assertEquals(published.get(1), published.get(0));
  }
}
