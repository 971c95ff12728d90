package io.appianon.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.appianon.hierarchy.Hierarchy;
import io.appianon.privacy.PersonLevelAnonymityTest.Person;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The person-level count and the rare-item removal on the driver, without Spark (so mutation testing can run them
 * quickly): against the brute force of {@link PersonLevelAnonymityTest} and hand-worked examples.
 */
class PersonProfilesTest {
  @Test
  void driverCountEqualsTheBruteForce() {
    Hierarchy[] flat = {Hierarchy.flat("c")};
    for (int m = 0; m <= 3; m++) {
      for (int k : new int[] {2, 3, 5}) {
        List<Person> persons = PersonLevelAnonymityTest.random(31L * m + k, 60, m == 0 ? 20 : 3, 30, 5);
        assertEquals(PersonLevelAnonymityTest.bruteForce(persons, k, m).size(),
            PersonLevelAnonymityTest.local(persons).violators(k, m, flat, new int[] {0}, flat, new int[] {0}),
            "k=" + k + ", m=" + m);
      }
    }
  }

  @Test
  void afterRareItemRemovalOnlyPersonsOfSmallClassesViolate() {
    Hierarchy[] flat = {Hierarchy.flat("c")};
    for (int m = 1; m <= 3; m++) {
      for (int k : new int[] {2, 3, 5}) {
        List<Person> persons = PersonLevelAnonymityTest.random(7L * m + k, 80, 4, 20, 5);
        List<Map.Entry<Integer, String>> removed = new ArrayList<>();
        PersonProfiles.Removal r = PersonLevelAnonymityTest.local(persons).removeRare(k, m, flat, new int[] {0}, flat,
            new int[] {0}, removed);
        List<Person> after = new ArrayList<>();
        for (int p = 0; p < persons.size(); p++) {
          final int index = p;
          Set<String> left = new java.util.HashSet<>(persons.get(p).items());
          removed.stream().filter(e -> e.getKey() == index).forEach(e -> left.remove(e.getValue()));
          after.add(new Person(persons.get(p).id(), persons.get(p).cls(), left));
        }
        long small = persons.stream().filter(p -> persons.stream().filter(q -> q.cls().equals(p.cls())).count() < k)
            .count();
        assertEquals(small, PersonLevelAnonymityTest.bruteForce(after, k, m).size(), "k=" + k + ", m=" + m);
        assertEquals(small, r.violators());
        assertEquals(removed.size(), r.removedPairs());
        assertEquals(persons.stream().mapToLong(p -> p.items().size()).sum(), r.totalRows());
      }
    }
  }

  @Test
  void driverCountGeneralizesAlongTheHierarchies() {
    Hierarchy store = Hierarchy.of("store", List.of(List.of("新宿店", "東京都", "*"), List.of("渋谷店", "東京都", "*"),
        List.of("梅田店", "大阪府", "*")));
    PersonProfiles p = new PersonProfiles();
    String[][] visits = {{"新宿店"}, {"渋谷店"}, {"新宿店"}, {"渋谷店"}, {"梅田店"}};
    for (String[] v : visits) {
      p.add(new String[] {"30代"}, List.<String[]>of(v));
    }
    Hierarchy[] rel = {Hierarchy.flat("age")};
    Hierarchy[] items = {store};
    // by store: 2 + 2 + 1 persons, all below k = 3; by prefecture: 4 in 東京都 pass, the one in 大阪府 does not
    assertEquals(5, p.violators(3, 1, rel, new int[] {0}, items, new int[] {0}));
    assertEquals(1, p.violators(3, 1, rel, new int[] {0}, items, new int[] {1}));
    assertEquals(0, p.violators(3, 1, rel, new int[] {0}, items, new int[] {2}));
  }

  @Test
  void rareItemRemovalCountsTheRowsBehindAnItemAndPrefersTheRarerItem() {
    // Six persons of one class buy at A; p0 also bought at B (3 rows) and p1 at C (1 row), both unique: with k = 5 and
    // m = 1, B and C go (4 rows), A stays for all six, nobody violates.
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

}
