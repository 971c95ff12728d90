package io.appianon.privacy;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appianon.TestSpark;
import io.appianon.hierarchy.Hierarchy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The person-level count on Spark, over one or many partitions, against a brute force written from
 * the definition: a person violates when their class, or their class with any set of at most m of
 * their items, is shared by fewer than k persons (a set is shared by a person who has every item of
 * it).
 */
class PartitionedProfilesTest {
  private static final StructType LAYOUT =
      new StructType()
          .add("person", DataTypes.StringType, false)
          .add("has_rel", DataTypes.BooleanType)
          .add("cls", DataTypes.StringType)
          .add("has_item", DataTypes.BooleanType)
          .add("item", DataTypes.StringType)
          .add("rows", DataTypes.LongType);
  private static final Hierarchy[] FLAT = {Hierarchy.flat("c")};
  private static final int[][] AS_IS = {{0}, {0}};

  /**
   * A random person: a class out of {@code classes}, and 0..maxItems items out of {@code items}.
   */
  record Person(String id, String cls, Set<String> items) {}

  static List<Person> random(long seed, int persons, int classes, int items, int maxItems) {
    Random rnd = new Random(seed);
    List<Person> out = new ArrayList<>();
    for (int p = 0; p < persons; p++) {
      Set<String> basket = new HashSet<>();
      int n = rnd.nextInt(maxItems + 1);
      for (int i = 0; i < n; i++) {
        basket.add("i" + rnd.nextInt(items));
      }
      out.add(new Person("p" + p, "c" + rnd.nextInt(classes), basket));
    }
    return out;
  }

  /**
   * The definition, literally: every subset of size 0..m of a person's items, counted over all
   * persons.
   */
  static Set<String> bruteForce(List<Person> persons, int k, int m) {
    Set<String> violating = new HashSet<>();
    for (Person p : persons) {
      List<Set<String>> subsets = new ArrayList<>();
      subsets.add(Set.of());
      for (int size = 1; size <= m; size++) {
        for (Set<String> s : subsetsOf(new ArrayList<>(p.items()), size)) {
          subsets.add(s);
        }
      }
      for (Set<String> s : subsets) {
        long support =
            persons.stream()
                .filter(q -> q.cls().equals(p.cls()) && q.items().containsAll(s))
                .count();
        if (support < k) {
          violating.add(p.id());
          break;
        }
      }
    }
    return violating;
  }

  /**
   * Suppression until the persons left hold the model, from the definition: the violators go, and
   * the persons left are counted again (a person who violated only because a violator shared their
   * itemsets no longer counts them).
   */
  static Set<String> bruteForceSettled(List<Person> persons, int k, int m) {
    Set<String> out = new HashSet<>();
    List<Person> left = persons;
    for (Set<String> bad = bruteForce(left, k, m); !bad.isEmpty(); bad = bruteForce(left, k, m)) {
      out.addAll(bad);
      Set<String> gone = bad;
      left = left.stream().filter(p -> !gone.contains(p.id())).toList();
    }
    return out;
  }

  private static List<Set<String>> subsetsOf(List<String> items, int size) {
    List<Set<String>> out = new ArrayList<>();
    choose(items, size, 0, new ArrayList<>(), out);
    return out;
  }

  private static void choose(
      List<String> items, int size, int from, List<String> chosen, List<Set<String>> out) {
    if (chosen.size() == size) {
      out.add(new HashSet<>(chosen));
      return;
    }
    for (int i = from; i < items.size(); i++) {
      chosen.add(items.get(i));
      choose(items, size, i + 1, chosen, out);
      chosen.remove(chosen.size() - 1);
    }
  }

  /**
   * The persons as {@link PersonProfiles#fromRows} rows, spread over {@code partitions} partitions
   * by class.
   */
  private static PartitionedProfiles partitioned(
      SparkSession spark, List<Person> persons, int partitions) {
    List<Row> rows = new ArrayList<>();
    for (Person p : persons) {
      if (p.items().isEmpty()) {
        rows.add(RowFactory.create(p.id(), true, p.cls(), false, null, 1L));
      }
      for (String i : p.items()) {
        rows.add(RowFactory.create(p.id(), true, p.cls(), true, i, 1L));
      }
    }
    Dataset<Row> df = spark.createDataFrame(rows, LAYOUT);
    return PartitionedProfiles.of(df, 1, 1, col("cls"), partitions);
  }

  static PersonProfiles local(List<Person> persons) {
    PersonProfiles out = new PersonProfiles();
    for (Person p : persons) {
      List<String[]> items = new ArrayList<>();
      p.items().forEach(i -> items.add(new String[] {i}));
      out.add(new String[] {p.cls()}, items);
    }
    return out;
  }

  @Test
  void countsOnSparkEqualABruteForceForMFromZeroToThreeInOneOrManyPartitions() {
    SparkSession spark = TestSpark.session();
    int cascades = 0;
    for (int m = 0; m <= 3; m++) {
      for (int k : new int[] {2, 3, 5}) {
        List<Person> persons = random(31L * m + k, 60, m == 0 ? 20 : 3, 30, 5);
        Set<String> expected = bruteForce(persons, k, m);
        Set<String> settled = bruteForceSettled(persons, k, m);
        cascades += settled.size() > expected.size() ? 1 : 0;
        if (k <= 3) {
          assertTrue(
              expected.size() > 0 && expected.size() < persons.size(),
              "the data must discriminate: "
                  + expected.size()
                  + " of "
                  + persons.size()
                  + " violate, k="
                  + k
                  + ", m="
                  + m);
        }
        for (int partitions : new int[] {1, 4}) {
          PartitionedProfiles parts = partitioned(spark, persons, partitions);
          List<PartitionedProfiles.Outcome> out =
              parts.assess(k, m, FLAT, FLAT, Collections.singletonList(AS_IS), false);
          assertEquals(
              expected.size(),
              out.get(0).plainViolators(),
              partitions + " partitions, k=" + k + ", m=" + m);
          assertEquals(
              settled.size(),
              out.get(0).violators(),
              "the persons to suppress are the settled ones: "
                  + partitions
                  + " partitions, k="
                  + k
                  + ", m="
                  + m);
          Set<String> named = new HashSet<>();
          for (Row r : parts.apply(k, m, FLAT, AS_IS[0], FLAT, AS_IS[1], false).collectAsList()) {
            assertTrue(r.isNullAt(1), "no item removed without the remedy");
            named.add(r.getString(0));
          }
          assertEquals(
              settled,
              named,
              "apply suppresses until the rest hold the model: "
                  + partitions
                  + " partitions, k="
                  + k
                  + ", m="
                  + m);
          parts.unpersist();
        }
      }
    }
    assertTrue(
        cascades >= 3,
        "suppressing the first violators must make others violate in several cases: " + cascades);
  }

  /**
   * One class, k = 2, m = 1, no rare-item remedy. Items: p1 {s1, s2}, p2 {s2, s3}, p3 {s3}; p4 and
   * p5 none. Only p1 violates ({s1} is held by p1 alone; {s2} and {s3} by two persons each).
   * Suppressing p1 leaves {s2} to p2 alone: p2 goes; then {s3} is p3's alone: p3 goes. p4 and p5
   * share the empty set with nobody else left but each other: 2 persons, k = 2, they stay. So 1
   * plain violator, 3 persons to suppress, and apply names exactly p1, p2, p3.
   */
  @Test
  void withoutTheRemedyTheCountIsThePersonsSettlingSuppresses() {
    List<Person> persons =
        List.of(
            new Person("p1", "c", Set.of("s1", "s2")),
            new Person("p2", "c", Set.of("s2", "s3")),
            new Person("p3", "c", Set.of("s3")),
            new Person("p4", "c", Set.of()),
            new Person("p5", "c", Set.of()));
    PartitionedProfiles parts = partitioned(TestSpark.session(), persons, 2);
    PartitionedProfiles.Outcome o =
        parts.assess(2, 1, FLAT, FLAT, Collections.singletonList(AS_IS), false).get(0);
    assertEquals(new PartitionedProfiles.Outcome(1, 3, 0, 0, 0), o);
    Set<String> named = new HashSet<>();
    parts
        .apply(2, 1, FLAT, AS_IS[0], FLAT, AS_IS[1], false)
        .collectAsList()
        .forEach(r -> named.add(r.getString(0)));
    assertEquals(Set.of("p1", "p2", "p3"), named);
    parts.unpersist();
  }

  @Test
  void assessesEveryNodeOfABatchSeparately() {
    SparkSession spark = TestSpark.session();
    // one hierarchy over the items: level 0 the item, level 1 its parity; level 1 of the class: all
    // in one
    List<Person> persons = random(6, 80, 4, 12, 4);
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      rows.add(List.of("i" + i, i % 2 == 0 ? "even" : "odd", "*"));
    }
    Hierarchy items = Hierarchy.of("items", rows);
    Hierarchy cls =
        Hierarchy.of(
            "cls",
            List.of(
                List.of("c0", "*"), List.of("c1", "*"), List.of("c2", "*"), List.of("c3", "*")));
    // grouped by the class at its most general level (one group), as the search does
    List<Row> layout = new ArrayList<>();
    for (Person p : persons) {
      if (p.items().isEmpty()) {
        layout.add(RowFactory.create(p.id(), true, p.cls(), false, null, 1L));
      }
      p.items().forEach(i -> layout.add(RowFactory.create(p.id(), true, p.cls(), true, i, 1L)));
    }
    PartitionedProfiles parts =
        PartitionedProfiles.of(spark.createDataFrame(layout, LAYOUT), 1, 1, lit("all"), 3);
    List<int[][]> nodes =
        List.of(
            new int[][] {{0}, {0}},
            new int[][] {{0}, {1}},
            new int[][] {{1}, {0}},
            new int[][] {{1}, {1}});
    List<PartitionedProfiles.Outcome> out =
        parts.assess(3, 2, new Hierarchy[] {cls}, new Hierarchy[] {items}, nodes, false);
    for (int n = 0; n < nodes.size(); n++) {
      int[][] node = nodes.get(n);
      List<Person> generalized = new ArrayList<>();
      for (Person p : persons) {
        Set<String> basket = new HashSet<>();
        p.items().forEach(i -> basket.add(items.generalize(i, node[1][0])));
        generalized.add(new Person(p.id(), cls.generalize(p.cls(), node[0][0]), basket));
      }
      assertEquals(bruteForce(generalized, 3, 2).size(), out.get(n).plainViolators(), "node " + n);
    }
    assertTrue(out.get(0).plainViolators() > out.get(3).plainViolators(), "the nodes must differ");
  }

  @Test
  void noPersonsMeansNoViolatorsAtEveryNode() {
    // a release whose datasets kept no row: every partition is empty, no partition reports a node
    PartitionedProfiles parts =
        PartitionedProfiles.of(
            TestSpark.session().createDataFrame(List.of(), LAYOUT), 1, 1, col("cls"), 2);
    assertEquals(0, parts.persons());
    List<PartitionedProfiles.Outcome> out =
        parts.assess(3, 1, FLAT, FLAT, List.of(AS_IS, AS_IS), true);
    PartitionedProfiles.Outcome none = new PartitionedProfiles.Outcome(0, 0, 0, 0, 0);
    assertEquals(List.of(none, none), out);
  }

  @Test
  void aPersonWithManyRowsCountsOnce() {
    SparkSession spark = TestSpark.session();
    // Two persons in one class, one of them with 40 rows of the same item: the class has 2 persons,
    // not 41 rows.
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      rows.add(RowFactory.create("heavy", true, "c", true, "store-a", 1L));
    }
    rows.add(RowFactory.create("light", true, "c", true, "store-a", 1L));
    PartitionedProfiles parts =
        PartitionedProfiles.of(spark.createDataFrame(rows, LAYOUT), 1, 1, col("cls"), 2);
    assertEquals(
        2,
        parts
            .assess(3, 1, FLAT, FLAT, Collections.singletonList(AS_IS), false)
            .get(0)
            .plainViolators());
    assertEquals(
        0,
        parts
            .assess(2, 1, FLAT, FLAT, Collections.singletonList(AS_IS), false)
            .get(0)
            .plainViolators());
  }

  @Test
  void rareItemRemovalOnSparkEqualsTheDriverAndLeavesOnlySmallClassesViolating() {
    SparkSession spark = TestSpark.session();
    for (int m = 1; m <= 3; m++) {
      for (int k : new int[] {2, 5}) {
        List<Person> persons = random(101L * m + k, 60, 3, 20, 5);
        // driver
        List<Map.Entry<Integer, String>> list = new ArrayList<>();
        PersonProfiles.Removal r =
            local(persons).removeRare(k, m, FLAT, new int[] {0}, FLAT, new int[] {0}, list);
        Set<String> driver = new HashSet<>();
        list.forEach(e -> driver.add(persons.get(e.getKey()).id() + "/" + e.getValue()));
        assertTrue(r.removedPairs() > 0, "the data must have rare items, k=" + k + ", m=" + m);
        Set<String> small = new HashSet<>();
        for (Person p : persons) {
          if (persons.stream().filter(q -> q.cls().equals(p.cls())).count() < k) {
            small.add(p.id());
          }
        }
        for (int partitions : new int[] {1, 3}) {
          PartitionedProfiles parts = partitioned(spark, persons, partitions);
          Set<String> removed = new HashSet<>();
          Set<String> violating = new HashSet<>();
          for (Row row : parts.apply(k, m, FLAT, AS_IS[0], FLAT, AS_IS[1], true).collectAsList()) {
            if (row.isNullAt(1)) {
              violating.add(row.getString(0));
            } else {
              removed.add(row.getString(0) + "/" + row.getString(1));
            }
          }
          String where = partitions + " partitions, k=" + k + ", m=" + m;
          assertEquals(driver, removed, "removed items, Spark and driver, " + where);
          assertEquals(small, violating, "violators after removal, " + where);
          PartitionedProfiles.Outcome o =
              parts.assess(k, m, FLAT, FLAT, Collections.singletonList(AS_IS), true).get(0);
          assertEquals(r.removedPairs(), o.removedPairs(), where);
          assertEquals(r.removedRows(), o.removedRows(), where);
          assertEquals(small.size(), o.violators(), where);
          assertEquals(bruteForce(persons, k, m).size(), o.plainViolators(), where);
          parts.unpersist();
        }
        // after the removal, the definition holds for everyone outside classes below k (brute
        // force)
        List<Person> after = new ArrayList<>();
        for (Person p : persons) {
          Set<String> left = new HashSet<>(p.items());
          left.removeIf(i -> driver.contains(p.id() + "/" + i));
          after.add(new Person(p.id(), p.cls(), left));
        }
        assertEquals(
            small, bruteForce(after, k, m), "violators after removal, k=" + k + ", m=" + m);
        assertEquals(small.size(), r.violators());
        // (that it removes no more than its rule says: PersonProfilesTest, against the rule written
        // again)
      }
    }
  }

  /**
   * A person with no relational row whose every item goes as rare is no longer in the release:
   * their class (here the persons without a relational row, two of whom are only in a third
   * dataset) has one person fewer, below k, and its persons are suppressed too.
   */
  @Test
  void aPersonWhoseEveryItemGoesLeavesTheirClassAndThoseLeftBelowKAreSuppressed() {
    SparkSession spark = TestSpark.session();
    List<Row> rows = new ArrayList<>();
    for (String p : List.of("c1", "c2", "c3")) {
      rows.add(RowFactory.create(p, true, "c", true, "common", 1L));
    }
    rows.add(RowFactory.create("only-rare", false, null, true, "rare", 4L));
    rows.add(RowFactory.create("elsewhere-1", false, null, false, null, 1L));
    rows.add(RowFactory.create("elsewhere-2", false, null, false, null, 1L));
    PartitionedProfiles parts =
        PartitionedProfiles.of(spark.createDataFrame(rows, LAYOUT), 1, 1, col("cls"), 2);
    Set<String> removed = new HashSet<>();
    Set<String> suppressed = new HashSet<>();
    for (Row row : parts.apply(3, 1, FLAT, AS_IS[0], FLAT, AS_IS[1], true).collectAsList()) {
      (row.isNullAt(1) ? suppressed : removed)
          .add(row.getString(0) + (row.isNullAt(1) ? "" : "/" + row.getString(1)));
    }
    assertEquals(Set.of("only-rare/rare"), removed);
    assertEquals(
        Set.of("elsewhere-1", "elsewhere-2"), suppressed, "two persons left in a class of three");
    parts.unpersist();
  }
}
