package io.appianon.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appianon.TestSpark;
import io.appianon.hierarchy.Hierarchy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The person-level count on Spark and on the driver against a brute force written from the definition: a person
 * violates when their class, or their class with any set of at most m of their items, is shared by fewer than k
 * persons (a set is shared by a person who has every item of it).
 */
class PersonLevelAnonymityTest {
  private static final StructType SCHEMA = new StructType()
      .add(PersonLevelAnonymity.NODE, DataTypes.IntegerType, false)
      .add(PersonLevelAnonymity.PERSON, DataTypes.StringType, false)
      .add(PersonLevelAnonymity.CLASS, DataTypes.StringType, false)
      .add(PersonLevelAnonymity.ITEM, DataTypes.StringType, true);

  /** A random person: a class out of {@code classes}, and 0..maxItems items out of {@code items}. */
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

  /** The definition, literally: every subset of size 0..m of a person's items, counted over all persons. */
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
        long support = persons.stream().filter(q -> q.cls().equals(p.cls()) && q.items().containsAll(s)).count();
        if (support < k) {
          violating.add(p.id());
          break;
        }
      }
    }
    return violating;
  }

  private static List<Set<String>> subsetsOf(List<String> items, int size) {
    List<Set<String>> out = new ArrayList<>();
    choose(items, size, 0, new ArrayList<>(), out);
    return out;
  }

  private static void choose(List<String> items, int size, int from, List<String> chosen, List<Set<String>> out) {
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

  private static Dataset<Row> profiles(SparkSession spark, int node, List<Person> persons) {
    List<Row> rows = new ArrayList<>();
    for (Person p : persons) {
      if (p.items().isEmpty()) {
        rows.add(RowFactory.create(node, p.id(), p.cls(), null));
      }
      for (String i : p.items()) {
        rows.add(RowFactory.create(node, p.id(), p.cls(), i));
      }
    }
    return spark.createDataFrame(rows, SCHEMA);
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
  void sparkAndDriverCountsEqualABruteForceForMFromZeroToThree() {
    SparkSession spark = TestSpark.session();
    Hierarchy[] flat = {Hierarchy.flat("c")};
    for (int m = 0; m <= 3; m++) {
      for (int k : new int[] {2, 3, 5}) {
        List<Person> persons = random(31L * m + k, 60, m == 0 ? 20 : 3, 30, 5);
        Set<String> expected = bruteForce(persons, k, m);
        PersonLevelAnonymity model = new PersonLevelAnonymity(k, m);
        Set<String> spark1 = new HashSet<>();
        for (Row r : model.violators(profiles(spark, 0, persons)).collectAsList()) {
          spark1.add(r.getString(1));
        }
        assertEquals(expected, spark1, "Spark, k=" + k + ", m=" + m); // the driver's: PersonProfilesTest
        if (k <= 3) {
          assertTrue(expected.size() > 0 && expected.size() < persons.size(), "the data must discriminate: "
              + expected.size() + " of " + persons.size() + " violate, k=" + k + ", m=" + m);
        }
      }
    }
  }

  @Test
  void countsEveryNodeOfABatchSeparately() {
    SparkSession spark = TestSpark.session();
    List<Person> a = random(5, 50, 2, 6, 4);
    List<Person> b = random(6, 50, 4, 12, 4);
    Map<Integer, Long> counts = new PersonLevelAnonymity(3, 2).countViolators(
        profiles(spark, 0, a).union(profiles(spark, 1, b)));
    Map<Integer, Long> expected = new TreeMap<>();
    expected.put(0, (long) bruteForce(a, 3, 2).size());
    expected.put(1, (long) bruteForce(b, 3, 2).size());
    expected.values().removeIf(v -> v == 0);
    assertEquals(expected, counts);
  }

  @Test
  void aPersonWithManyRowsCountsOnce() {
    SparkSession spark = TestSpark.session();
    // Two persons in one class, one of them with 40 rows of the same item: the class has 2 persons, not 41 rows.
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      rows.add(RowFactory.create(0, "heavy", "c", "store-a"));
    }
    rows.add(RowFactory.create(0, "light", "c", "store-a"));
    Dataset<Row> df = spark.createDataFrame(rows, SCHEMA);
    assertEquals(Map.of(0, 2L), new PersonLevelAnonymity(3, 1).countViolators(df));
    assertEquals(Map.of(), new PersonLevelAnonymity(2, 1).countViolators(df));
  }

  @Test
  void rareItemRemovalLeavesNoOneViolatingButSmallClassesAndSparkEqualsTheDriver() {
    SparkSession spark = TestSpark.session();
    Hierarchy[] flat = {Hierarchy.flat("c")};
    for (int m = 1; m <= 3; m++) {
      for (int k : new int[] {2, 5}) {
        List<Person> persons = random(101L * m + k, 60, 3, 20, 5);
        // Spark
        PersonLevelAnonymity model = new PersonLevelAnonymity(k, m);
        Set<String> spark1 = new HashSet<>();
        for (Row r : model.removeRareItems(profiles(spark, 0, persons), 50).removed().collectAsList()) {
          spark1.add(r.getString(0) + "/" + r.getString(1));
        }
        // driver
        List<Map.Entry<Integer, String>> list = new ArrayList<>();
        PersonProfiles.Removal r = local(persons).removeRare(k, m, flat, new int[] {0}, flat, new int[] {0}, list);
        Set<String> driver = new HashSet<>();
        list.forEach(e -> driver.add(persons.get(e.getKey()).id() + "/" + e.getValue()));
        assertEquals(driver, spark1, "removed items, Spark and driver, k=" + k + ", m=" + m);
        assertEquals(driver.size(), r.removedPairs());
        assertEquals(r.removedPairs(), r.removedRows(), "one row per item here");
        assertTrue(r.removedPairs() > 0, "the data must have rare items, k=" + k + ", m=" + m);
        // after the removal, the definition holds for everyone outside classes below k (brute force)
        List<Person> after = new ArrayList<>();
        for (Person p : persons) {
          Set<String> left = new HashSet<>(p.items());
          left.removeIf(i -> driver.contains(p.id() + "/" + i));
          after.add(new Person(p.id(), p.cls(), left));
        }
        Set<String> small = new HashSet<>();
        for (Person p : persons) {
          if (persons.stream().filter(q -> q.cls().equals(p.cls())).count() < k) {
            small.add(p.id());
          }
        }
        assertEquals(small, bruteForce(after, k, m), "violators after removal, k=" + k + ", m=" + m);
        assertEquals(small.size(), r.violators());
        // (that it removes no more than its rule says: PersonProfilesTest, against the rule written again)
      }
    }
  }

  @Test
  void rejectsInvalidParameters() {
    assertThrows(IllegalArgumentException.class, () -> new PersonLevelAnonymity(1, 2));
    assertThrows(IllegalArgumentException.class, () -> new PersonLevelAnonymity(5, 4));
  }
}
