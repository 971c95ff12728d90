package io.appianon.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.appianon.hierarchy.Hierarchy;
import io.appianon.privacy.PartitionedProfilesTest.Person;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The person-level count and the rare-item removal on the driver, without Spark (so mutation
 * testing can run them quickly): against the brute force of {@link PartitionedProfilesTest} and
 * hand-worked examples.
 */
class PersonProfilesTest {
  @Test
  void driverCountEqualsTheBruteForce() {
    Hierarchy[] flat = {Hierarchy.flat("c")};
    for (int m = 0; m <= 3; m++) {
      for (int k : new int[] {2, 3, 5}) {
        List<Person> persons =
            PartitionedProfilesTest.random(31L * m + k, 60, m == 0 ? 20 : 3, 30, 5);
        assertEquals(
            PartitionedProfilesTest.bruteForce(persons, k, m).size(),
            PartitionedProfilesTest.local(persons)
                .violators(k, m, flat, new int[] {0}, flat, new int[] {0}),
            "k=" + k + ", m=" + m);
      }
    }
  }

  @Test
  void aRarePairOfCommonItemsIsCountedApartFromItsFirstItem() {
    // k = 2, m = 2: X and Y are each held by 2 persons, the pair {X, Y} only by p0, who therefore
    // violates. (The packed keys of the single {X} and the pair {X, Y} must differ.)
    PersonProfiles p = new PersonProfiles();
    p.add(new String[] {"c"}, List.<String[]>of(new String[] {"X"}, new String[] {"Y"}));
    p.add(new String[] {"c"}, List.<String[]>of(new String[] {"X"}));
    p.add(new String[] {"c"}, List.<String[]>of(new String[] {"Y"}));
    Hierarchy[] flat = {Hierarchy.flat("x")};
    assertEquals(1, p.violators(2, 2, flat, new int[] {0}, flat, new int[] {0}));
    assertEquals(0, p.violators(2, 1, flat, new int[] {0}, flat, new int[] {0}));
  }

  /** One relational class "c", a person per basket, each item one value. */
  private static PersonProfiles oneClass(String[][] baskets) {
    PersonProfiles p = new PersonProfiles();
    for (String[] b : baskets) {
      List<String[]> items = new ArrayList<>();
      for (String i : b) {
        items.add(new String[] {i});
      }
      p.add(new String[] {"c"}, items);
    }
    return p;
  }

  @Test
  void rareSingleItemsGoWhereverTheyAreHeld() {
    // Class of 8, k = 3, m = 2: A is held by 2 persons and C by 1 (rare singles), B by 5. A goes
    // from p0 and p1, C from p5 (which also breaks the rare pairs {A, B} and {B, C}); B stays
    // everywhere.
    String[][] baskets = {{"A", "B"}, {"A"}, {"B"}, {"B"}, {"B"}, {"B", "C"}, {}, {}};
    PersonProfiles p = oneClass(baskets);
    Hierarchy[] flat = {Hierarchy.flat("x")};
    List<Map.Entry<Integer, String>> list = new ArrayList<>();
    p.removeRare(3, 2, flat, new int[] {0}, flat, new int[] {0}, list);
    // round 1: A has 2 holders (p0, p1) < 3 and C one (p5): both go as singletons wherever held
    assertEquals(Set.of(Map.entry(0, "A"), Map.entry(1, "A"), Map.entry(5, "C")), Set.copyOf(list));
  }

  @Test
  void aPairIsBrokenAtItsRarerItem() {
    // k = 2, m = 2, one class: A held by p0, p1, p2; B by p0, p3, p4, p5; the pair {A, B} only by
    // p0. Both singles are common; the pair is rare: p0 loses A (3 holders < 4). p6's rare pair {D,
    // E}: D and E tie at 3 holders, so the smaller value, D, goes.
    String[][] baskets = {
      {"A", "B"}, {"A"}, {"A"}, {"B"}, {"B"}, {"B"}, {"D", "E"}, {"D"}, {"D"}, {"E"}, {"E"}
    };
    PersonProfiles p = oneClass(baskets);
    Hierarchy[] flat = {Hierarchy.flat("x")};
    List<Map.Entry<Integer, String>> list = new ArrayList<>();
    PersonProfiles.Removal r = p.removeRare(2, 2, flat, new int[] {0}, flat, new int[] {0}, list);
    assertEquals(List.of(Map.entry(0, "A"), Map.entry(6, "D")), list);
    assertEquals(0, r.violators());
    assertEquals(2.0 / 13, r.removedShare(), 1e-12);
  }

  @Test
  void afterRareItemRemovalOnlyPersonsOfSmallClassesViolate() {
    Hierarchy[] flat = {Hierarchy.flat("c")};
    for (int m = 1; m <= 3; m++) {
      for (int k : new int[] {2, 3, 5}) {
        // 12 classes of about 7: some below k, some of exactly k (they must take part)
        List<Person> persons = PartitionedProfilesTest.random(7L * m + k, 80, 12, 20, 5);
        List<Map.Entry<Integer, String>> removed = new ArrayList<>();
        PersonProfiles.Removal r =
            PartitionedProfilesTest.local(persons)
                .removeRare(k, m, flat, new int[] {0}, flat, new int[] {0}, removed);
        List<Person> after = new ArrayList<>();
        for (int p = 0; p < persons.size(); p++) {
          final int index = p;
          Set<String> left = new java.util.HashSet<>(persons.get(p).items());
          removed.stream().filter(e -> e.getKey() == index).forEach(e -> left.remove(e.getValue()));
          after.add(new Person(persons.get(p).id(), persons.get(p).cls(), left));
        }
        long small =
            persons.stream()
                .filter(p -> persons.stream().filter(q -> q.cls().equals(p.cls())).count() < k)
                .count();
        assertEquals(
            small, PartitionedProfilesTest.bruteForce(after, k, m).size(), "k=" + k + ", m=" + m);
        assertEquals(small, r.violators());
        assertEquals(removed.size(), r.removedPairs());
        assertEquals(persons.stream().mapToLong(p -> p.items().size()).sum(), r.totalRows());
        // the rule, written again from its statement, removes exactly the same (person, item) pairs
        assertEquals(rule(persons, k, m), new java.util.HashSet<>(removed), "k=" + k + ", m=" + m);
      }
    }
  }

  @Test
  void driverCountGeneralizesAlongTheHierarchies() {
    Hierarchy store =
        Hierarchy.of(
            "store",
            List.of(
                List.of("新宿店", "東京都", "*"),
                List.of("渋谷店", "東京都", "*"),
                List.of("梅田店", "大阪府", "*")));
    PersonProfiles p = new PersonProfiles();
    String[][] visits = {{"新宿店"}, {"渋谷店"}, {"新宿店"}, {"渋谷店"}, {"梅田店"}};
    for (String[] v : visits) {
      p.add(new String[] {"30代"}, List.<String[]>of(v));
    }
    Hierarchy[] rel = {Hierarchy.flat("age")};
    Hierarchy[] items = {store};
    // by store: 2 + 2 + 1 persons, all below k = 3; by prefecture: 4 in 東京都 pass, the one in 大阪府
    // does not
    assertEquals(5, p.violators(3, 1, rel, new int[] {0}, items, new int[] {0}));
    assertEquals(1, p.violators(3, 1, rel, new int[] {0}, items, new int[] {1}));
    assertEquals(0, p.violators(3, 1, rel, new int[] {0}, items, new int[] {2}));
  }

  @Test
  void rareItemRemovalCountsTheRowsBehindAnItemAndPrefersTheRarerItem() {
    // Six persons of one class buy at A; p0 also bought at B (3 rows) and p1 at C (1 row), both
    // unique: with k = 5 and m = 1, B and C go (4 rows), A stays for all six, nobody violates.
    PersonProfiles p = new PersonProfiles();
    for (int i = 0; i < 6; i++) {
      List<String[]> items = new ArrayList<>(List.<String[]>of(new String[] {"A"}));
      List<Long> rows = new ArrayList<>(List.of(2L));
      if (i == 0) {
        items.add(new String[] {"B"});
        rows.add(3L);
      }
      if (i == 1) {
        items.add(new String[] {"C"});
        rows.add(1L);
      }
      p.add(new String[] {"c"}, items, rows.stream().mapToLong(Long::longValue).toArray());
    }
    Hierarchy[] flat = {Hierarchy.flat("x")};
    List<Map.Entry<Integer, String>> list = new ArrayList<>();
    PersonProfiles.Removal r = p.removeRare(5, 2, flat, new int[] {0}, flat, new int[] {0}, list);
    assertEquals(List.of(Map.entry(0, "B"), Map.entry(1, "C")), list);
    assertEquals(4, r.removedRows());
    assertEquals(6 * 2 + 4, r.totalRows());
    assertEquals(0, r.violators());
    assertEquals(1, r.rounds());
  }

  @Test
  void aPersonLosingSeveralItemsCountsTheRowsOfEachAndTheRoundsAreTheMostAClassTook() {
    // Class c: p0 bought at A (3 rows), B (5 rows) and C (7 rows), p1 at C (1 row). k = 2, m = 1: A
    // and B are held by p0 alone and both go from p0's basket in one round (3 + 5 rows); C is held
    // by both. Class d: two persons with the same single item, nothing to remove. Rounds: one (the
    // most any class took).
    PersonProfiles p = new PersonProfiles();
    p.add(
        new String[] {"c"},
        List.<String[]>of(new String[] {"A"}, new String[] {"B"}, new String[] {"C"}),
        new long[] {3, 5, 7});
    p.add(new String[] {"c"}, List.<String[]>of(new String[] {"C"}), new long[] {1});
    p.add(new String[] {"d"}, List.<String[]>of(new String[] {"A"}), new long[] {2});
    p.add(new String[] {"d"}, List.<String[]>of(new String[] {"A"}), new long[] {4});
    Hierarchy[] rel = {Hierarchy.flat("c")};
    Hierarchy[] flat = {Hierarchy.flat("x")};
    List<Map.Entry<Integer, String>> list = new ArrayList<>();
    PersonProfiles.Removal r = p.removeRare(2, 1, rel, new int[] {0}, flat, new int[] {0}, list);
    assertEquals(List.of(Map.entry(0, "A"), Map.entry(0, "B")), list);
    assertEquals(2, r.removedPairs());
    assertEquals(8, r.removedRows());
    assertEquals(3 + 5 + 7 + 1 + 2 + 4, r.totalRows());
    assertEquals(0, r.violators());
    assertEquals(1, r.rounds());
  }

  @Test
  void aClassTakingTwoRoundsLosesAnEarlierItemAfterALaterOneAndCountsItsRows() {
    // One class, k = 2, m = 2. Holders: A p0 p1 (2), B p1 p2 p3 (3), Z p0 (1). Round 1: p0's single
    // {Z} and pair {A, Z} are rare (Z the rarer: 1 < 2): Z goes from p0; p1's pair {A, B} is rare
    // (A the rarer: 2 < 3): A goes from p1. Round 2: A now has one holder, p0, so A goes from p0
    // (the item before Z in p0's basket). Round 3: nothing. Rows removed: Z 5 + A 7 (p1) + A 3 (p0)
    // = 15 of 3 + 5 + 7 + 11 + 13 + 17 = 56.
    PersonProfiles p = new PersonProfiles();
    p.add(
        new String[] {"c"},
        List.<String[]>of(new String[] {"A"}, new String[] {"Z"}),
        new long[] {3, 5});
    p.add(
        new String[] {"c"},
        List.<String[]>of(new String[] {"A"}, new String[] {"B"}),
        new long[] {7, 11});
    p.add(new String[] {"c"}, List.<String[]>of(new String[] {"B"}), new long[] {13});
    p.add(new String[] {"c"}, List.<String[]>of(new String[] {"B"}), new long[] {17});
    Hierarchy[] flat = {Hierarchy.flat("x")};
    List<Map.Entry<Integer, String>> list = new ArrayList<>();
    PersonProfiles.Removal r = p.removeRare(2, 2, flat, new int[] {0}, flat, new int[] {0}, list);
    assertEquals(List.of(Map.entry(0, "Z"), Map.entry(1, "A"), Map.entry(0, "A")), list);
    assertEquals(2, r.rounds());
    assertEquals(3, r.removedPairs());
    assertEquals(15, r.removedRows());
    assertEquals(56, r.totalRows());
    assertEquals(0, r.violators());
    List<Person> persons =
        List.of(
            new Person("p0", "c", Set.of("A", "Z")),
            new Person("p1", "c", Set.of("A", "B")),
            new Person("p2", "c", Set.of("B")),
            new Person("p3", "c", Set.of("B")));
    assertEquals(rule(persons, 2, 2), Set.copyOf(list), "the rule from its statement");
  }

  @Test
  void aTieGoesToTheSmallerValueWhicheverOfTheTwoWasSeenFirst() {
    // k = 2, m = 2, one class. p0 bought E before D: D is held by p0, p1, p2 and E by p0, p3, p4 (3
    // each); the pair {D, E} only by p0. The tie goes to the smaller value, D, although E was seen
    // first. p5 bought G before H, and H's holders (p5, p6, p7, p10: 4) outnumber G's (p5, p8, p9:
    // 3): the rarer G goes from p5. One round: D keeps two holders and G two.
    String[][] baskets = {
      {"E", "D"}, {"D"}, {"D"}, {"E"}, {"E"}, {"G", "H"}, {"H"}, {"H"}, {"G"}, {"G"}, {"H"}
    };
    PersonProfiles p = oneClass(baskets);
    Hierarchy[] flat = {Hierarchy.flat("x")};
    List<Map.Entry<Integer, String>> list = new ArrayList<>();
    PersonProfiles.Removal r = p.removeRare(2, 2, flat, new int[] {0}, flat, new int[] {0}, list);
    assertEquals(List.of(Map.entry(0, "D"), Map.entry(5, "G")), list);
    assertEquals(1, r.rounds());
    List<Person> persons = new ArrayList<>();
    for (int i = 0; i < baskets.length; i++) {
      persons.add(new Person("p" + i, "c", Set.of(baskets[i])));
    }
    assertEquals(rule(persons, 2, 2), Set.copyOf(list), "the rule from its statement");
  }

  /**
   * The removal rule from its statement, slowly: persons of classes below k take no part; in
   * rounds, every itemset of at most m of a person's remaining items held by fewer than k persons
   * of the class loses its item held by fewest persons of the class (ties: the smaller value); all
   * of a round's removals at once; until none.
   */
  private static Set<Map.Entry<Integer, String>> rule(List<Person> persons, int k, int m) {
    List<Set<String>> baskets = new ArrayList<>();
    persons.forEach(p -> baskets.add(new java.util.TreeSet<>(p.items())));
    Set<Map.Entry<Integer, String>> out = new java.util.HashSet<>();
    while (true) {
      Set<Map.Entry<Integer, String>> round = new java.util.HashSet<>();
      for (int p = 0; p < persons.size(); p++) {
        String cls = persons.get(p).cls();
        List<Integer> mates = new ArrayList<>();
        for (int q = 0; q < persons.size(); q++) {
          if (persons.get(q).cls().equals(cls)) {
            mates.add(q);
          }
        }
        if (mates.size() < k) {
          continue;
        }
        for (int size = 1; size <= m; size++) {
          for (Set<String> set : subsets(new ArrayList<>(baskets.get(p)), size)) {
            long support = mates.stream().filter(q -> baskets.get(q).containsAll(set)).count();
            if (support < k) {
              String victim = null;
              long fewest = Long.MAX_VALUE;
              for (String i : new java.util.TreeSet<>(set)) {
                long holders = mates.stream().filter(q -> baskets.get(q).contains(i)).count();
                if (holders < fewest) {
                  fewest = holders;
                  victim = i;
                }
              }
              round.add(Map.entry(p, victim));
            }
          }
        }
      }
      if (round.isEmpty()) {
        return out;
      }
      round.forEach(e -> baskets.get(e.getKey()).remove(e.getValue()));
      out.addAll(round);
    }
  }

  private static List<Set<String>> subsets(List<String> items, int size) {
    List<Set<String>> out = new ArrayList<>();
    if (size == 0) {
      out.add(Set.of());
      return out;
    }
    for (int i = 0; i < items.size(); i++) {
      for (Set<String> rest : subsets(items.subList(i + 1, items.size()), size - 1)) {
        Set<String> s = new java.util.HashSet<>(rest);
        s.add(items.get(i));
        out.add(s);
      }
    }
    return out;
  }
}
