package io.appianon.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appianon.hierarchy.Hierarchy;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PrivacyModelsTest {
  private static final SensitiveContext UNIFORM2 =
      SensitiveContext.of(List.of("a", "b"), new long[] {50, 50});

  private static EquivalenceClass hist(long... h) {
    return EquivalenceClass.ofHistogram(h);
  }

  @Test
  void kAnonymityNeedsKRecords() {
    KAnonymity k3 = new KAnonymity(3);
    assertTrue(k3.isSatisfied(EquivalenceClass.ofCount(3), SensitiveContext.none()));
    assertTrue(k3.isSatisfied(EquivalenceClass.ofCount(10), SensitiveContext.none()));
    assertFalse(k3.isSatisfied(EquivalenceClass.ofCount(2), SensitiveContext.none()));
    assertTrue(k3.isMonotonic());
    assertTrue(k3.isMonotonicWithSuppression());
    assertFalse(k3.usesSensitive());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new KAnonymity(1));
    assertEquals("Invalid k: 1 (must be >= 2)", e.getMessage());
  }

  @Test
  void distinctLDiversityCountsValuesPresent() {
    DistinctLDiversity l2 = new DistinctLDiversity(2);
    SensitiveContext ctx = SensitiveContext.of(List.of("a", "b", "c"), new long[] {1, 1, 1});
    assertTrue(l2.isSatisfied(hist(3, 0, 1), ctx));
    assertFalse(l2.isSatisfied(hist(4, 0, 0), ctx));
    assertFalse(new DistinctLDiversity(3).isSatisfied(hist(3, 0, 1), ctx));
    assertTrue(new DistinctLDiversity(3).isSatisfied(hist(1, 1, 1), ctx));
    assertTrue(l2.isMonotonicWithSuppression());
    assertEquals(
        "Invalid l: 1 (must be >= 2)",
        assertThrows(IllegalArgumentException.class, () -> new DistinctLDiversity(1)).getMessage());
  }

  @Test
  void entropyLDiversityComparesEntropyWithLogL() {
    EntropyLDiversity l2 = new EntropyLDiversity(2);
    assertTrue(l2.isSatisfied(hist(5, 5), UNIFORM2), "uniform over exactly l values is l-diverse");
    assertFalse(l2.isSatisfied(hist(6, 4), UNIFORM2));
    EntropyLDiversity l15 = new EntropyLDiversity(1.5);
    // H(0.6, 0.4) = 0.673 > ln 1.5 = 0.405; H(0.9, 0.1) = 0.325 < 0.405
    assertTrue(l15.isSatisfied(hist(6, 4), UNIFORM2));
    assertFalse(l15.isSatisfied(hist(9, 1), UNIFORM2));
    assertTrue(l2.isMonotonic());
    assertFalse(l2.isMonotonicWithSuppression());
    assertThrows(IllegalArgumentException.class, () -> new EntropyLDiversity(1.0));
  }

  @Test
  void recursiveCLDiversityBoundsTheMostFrequentValue() {
    SensitiveContext ctx = SensitiveContext.of(List.of("a", "b", "c"), new long[] {1, 1, 1});
    // r = (3, 2, 1): with l = 2 the tail is 2 + 1 = 3
    assertTrue(new RecursiveCLDiversity(2, 2).isSatisfied(hist(1, 3, 2), ctx), "3 < 2 * 3");
    assertFalse(
        new RecursiveCLDiversity(1, 2).isSatisfied(hist(1, 3, 2), ctx), "3 < 1 * 3 is false");
    // (4, 2, 1) with l = 3: 4 < 3 * 1 false; (2, 2, 1): 2 < 3 * 1
    assertFalse(new RecursiveCLDiversity(3, 3).isSatisfied(hist(4, 2, 1), ctx));
    assertTrue(new RecursiveCLDiversity(3, 3).isSatisfied(hist(2, 2, 1), ctx));
    assertFalse(
        new RecursiveCLDiversity(100, 2).isSatisfied(hist(5, 0, 0), ctx), "fewer than l values");
    assertFalse(new RecursiveCLDiversity(3, 2).isMonotonicWithSuppression());
    assertEquals(
        "Invalid c: 0.0 (must be > 0)",
        assertThrows(IllegalArgumentException.class, () -> new RecursiveCLDiversity(0, 2))
            .getMessage());
  }

  @Test
  void equalDistanceTClosenessIsTotalVariation() {
    assertEquals(0.5, EqualDistanceTCloseness.distance(hist(10, 0), UNIFORM2), 1e-12);
    assertEquals(0.0, EqualDistanceTCloseness.distance(hist(3, 3), UNIFORM2), 1e-12);
    assertTrue(new EqualDistanceTCloseness(0.5).isSatisfied(hist(10, 0), UNIFORM2));
    assertFalse(new EqualDistanceTCloseness(0.4).isSatisfied(hist(10, 0), UNIFORM2));
    assertTrue(new EqualDistanceTCloseness(0.2).isSatisfied(hist(6, 4), UNIFORM2), "distance 0.1");
    assertEquals(
        "Invalid t: 1.5 (must be in (0, 1])",
        assertThrows(IllegalArgumentException.class, () -> new EqualDistanceTCloseness(1.5))
            .getMessage());
  }

  @Test
  void orderedDistanceTClosenessUsesNumericRanks() {
    // string order "100" < "20" < "3", numeric order 3 < 20 < 100
    SensitiveContext ctx = SensitiveContext.of(List.of("100", "20", "3"), new long[] {1, 1, 1});
    OrderedDistanceTCloseness model = new OrderedDistanceTCloseness(0.4);
    // all mass on the smallest value (3): cumulative differences 2/3, 1/3, 0 -> 1 / (m - 1) = 0.5
    assertEquals(0.5, model.distance(hist(0, 0, 3), ctx), 1e-12);
    // all mass on the middle value (20): -1/3, 1/3, 0 -> (2/3) / 2
    assertEquals(1.0 / 3, model.distance(hist(0, 3, 0), ctx), 1e-12);
    assertEquals(0.5, model.distance(hist(3, 0, 0), ctx), 1e-12);
    assertFalse(model.isSatisfied(hist(0, 0, 3), ctx));
    assertTrue(model.isSatisfied(hist(0, 3, 0), ctx));
    // an explicit order with an extra rank: m = 4
    OrderedDistanceTCloseness explicit =
        new OrderedDistanceTCloseness(0.4, List.of("3", "20", "100", "1000"));
    // q = (1/3, 1/3, 1/3, 0), p = (1, 0, 0, 0): cumulative 2/3, 1/3, 0, 0 -> 1 / 3
    assertEquals(1.0 / 3, explicit.distance(hist(0, 0, 3), ctx), 1e-12);
    SensitiveContext words = SensitiveContext.of(List.of("low", "high"), new long[] {1, 1});
    assertThrows(IllegalArgumentException.class, () -> model.distance(hist(1, 1), words));
  }

  @Test
  void hierarchicalDistanceTClosenessFollowsTheTree() {
    Hierarchy h =
        Hierarchy.of(
            "disease",
            List.of(
                List.of("a1", "A", "*"),
                List.of("a2", "A", "*"),
                List.of("b1", "B", "*"),
                List.of("b2", "B", "*")));
    SensitiveContext ctx =
        SensitiveContext.of(List.of("a1", "a2", "b1", "b2"), new long[] {1, 1, 1, 1});
    HierarchicalDistanceTCloseness model = new HierarchicalDistanceTCloseness(0.6, h);
    // all a1: move 1/4 to a2 (distance 1/2) and 1/2 to B (distance 1): 1/8 + 1/2
    assertEquals(0.625, model.distance(hist(4, 0, 0, 0), ctx), 1e-12);
    // half a1, half a2: move 1/2 from A to B at distance 1
    assertEquals(0.5, model.distance(hist(2, 2, 0, 0), ctx), 1e-12);
    // a1 and b1: within-subtree moves only, 2 * (1/2 * 1/4)
    assertEquals(0.25, model.distance(hist(2, 0, 2, 0), ctx), 1e-12);
    assertFalse(model.isSatisfied(hist(4, 0, 0, 0), ctx));
    assertTrue(model.isSatisfied(hist(2, 2, 0, 0), ctx));
    // a flat hierarchy gives the equal distance
    HierarchicalDistanceTCloseness flat =
        new HierarchicalDistanceTCloseness(0.5, Hierarchy.flat("s"));
    assertEquals(
        EqualDistanceTCloseness.distance(hist(3, 1, 0, 0), ctx),
        flat.distance(hist(3, 1, 0, 0), ctx),
        1e-12);
  }

  // The tests below pin what PIT found unpinned in the `models` scope (docs/mutation-testing.md):
  // boundaries, the checks of the inputs, and the numbers a fixed node reports. Expectations are
  // worked by hand in the comments.

  @Test
  void everyModelDeclaresTheMonotonicityThePaperProves() {
    // The search prunes with these declarations; a wrong "false" only makes it slower, so it is
    // asserted here.
    Hierarchy h = Hierarchy.flat("s");
    for (PrivacyModel m :
        List.of(
            new KAnonymity(2),
            new DistinctLDiversity(2),
            new EntropyLDiversity(2),
            new RecursiveCLDiversity(3, 2),
            new EqualDistanceTCloseness(0.3),
            new OrderedDistanceTCloseness(0.3),
            new HierarchicalDistanceTCloseness(0.3, h))) {
      assertTrue(
          m.isMonotonic(), m.describe() + ": the union of two satisfying classes satisfies it");
    }
    assertTrue(new DistinctLDiversity(2).isMonotonicWithSuppression());
    assertFalse(new EqualDistanceTCloseness(0.3).isMonotonicWithSuppression());
    assertEquals(5, new KAnonymity(5).minimumClassSize());
    assertEquals(
        1, new DistinctLDiversity(5).minimumClassSize(), "guarantees no class size by itself");
  }

  @Test
  void entropyCountsOnlyValuesPresentAndAnEmptyClassFails() {
    SensitiveContext three = SensitiveContext.of(List.of("a", "b", "c"), new long[] {1, 1, 1});
    // (5, 5, 0): the absent value contributes nothing (0 log 0 = 0), entropy ln 2 = the bound for l
    // = 2
    assertTrue(new EntropyLDiversity(2).isSatisfied(hist(5, 5, 0), three));
    assertFalse(
        new EntropyLDiversity(2).isSatisfied(hist(0, 0, 0), three),
        "an empty class is not diverse");
  }

  @Test
  void entropySlackIsRelativeToTheBound() {
    // Eight equally frequent values: entropy ln 8 = 2.079. The slack is 1e-12 * ln l: a bound 1e-12
    // above the entropy is within it (2.08e-12), one 3e-12 above is not.
    long[] eight = {1, 1, 1, 1, 1, 1, 1, 1};
    SensitiveContext ctx =
        SensitiveContext.of(List.of("1", "2", "3", "4", "5", "6", "7", "8"), eight);
    assertTrue(new EntropyLDiversity(Math.exp(Math.log(8) + 1e-12)).isSatisfied(hist(eight), ctx));
    assertFalse(new EntropyLDiversity(Math.exp(Math.log(8) + 3e-12)).isSatisfied(hist(eight), ctx));
  }

  @Test
  void tClosenessBoundsAreInclusiveAndTheSlackTouchesT() {
    assertEquals(
        "Invalid t: 0.0 (must be in (0, 1])",
        assertThrows(IllegalArgumentException.class, () -> new EqualDistanceTCloseness(0.0))
            .getMessage());
    assertEquals(1.0, new OrderedDistanceTCloseness(1.0).t(), "t = 1 is allowed");
    // distance 0.5 exactly; t + 1e-12 is exactly 0.5 in doubles: satisfied at the edge
    assertTrue(new EqualDistanceTCloseness(0.5 - 1e-12).isSatisfied(hist(10, 0), UNIFORM2));
    assertFalse(new EqualDistanceTCloseness(0.5 - 1e-11).isSatisfied(hist(10, 0), UNIFORM2));
  }

  @Test
  void aHistogramOfAnotherSizeThanTheContextIsRefused() {
    SensitiveContext three = SensitiveContext.of(List.of("1", "2", "3"), new long[] {1, 1, 1});
    assertEquals(
        "equal-distance t-closeness: class histogram has 2 values but the sensitive context has 3",
        assertThrows(
                IllegalArgumentException.class,
                () -> EqualDistanceTCloseness.distance(hist(1, 1), three))
            .getMessage());
    assertEquals(
        "ordered-distance t-closeness: class histogram has 2 values but the sensitive context has 3",
        assertThrows(
                IllegalArgumentException.class,
                () -> new OrderedDistanceTCloseness(0.5).distance(hist(1, 1), three))
            .getMessage());
    assertEquals(
        "hierarchical-distance t-closeness: class histogram has 2 values but the sensitive context has 3",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    new HierarchicalDistanceTCloseness(0.5, Hierarchy.flat("s"))
                        .distance(hist(1, 1), three))
            .getMessage());
  }

  @Test
  void orderedDistanceRanksByNumberMergesEqualNumbersAndRefusesAnEmptyOrder() {
    // Values listed 20, 3, 100 (neither numeric nor string order): ranks 3 < 20 < 100. All mass on
    // 3 against a uniform input: cumulative differences 2/3, 1/3, 0 -> 1 / (m - 1) = 0.5 (listed
    // order would give 1/3).
    SensitiveContext listed = SensitiveContext.of(List.of("20", "3", "100"), new long[] {1, 1, 1});
    assertEquals(0.5, new OrderedDistanceTCloseness(0.5).distance(hist(0, 3, 0), listed), 1e-12);
    // "1" and "1.0" are one number, one rank: m = 2. All mass on 2: differences -2/3, 2/3 -> |-2/3|
    // / 1 = 2/3 (three ranks would give (1/3 + 2/3) / 2 = 0.5).
    SensitiveContext ties = SensitiveContext.of(List.of("1", "1.0", "2"), new long[] {1, 1, 1});
    assertEquals(2.0 / 3, new OrderedDistanceTCloseness(0.5).distance(hist(0, 0, 3), ties), 1e-12);
    // one distinct number: distance 0, not 0 / 0
    SensitiveContext one = SensitiveContext.of(List.of("7"), new long[] {4});
    assertEquals(0.0, new OrderedDistanceTCloseness(0.1).distance(hist(2), one));
    assertTrue(new OrderedDistanceTCloseness(0.1).isSatisfied(hist(2), one));
    assertEquals(
        "Invalid order for ordered-distance t-closeness: [] (must not be empty)",
        assertThrows(
                IllegalArgumentException.class, () -> new OrderedDistanceTCloseness(0.5, List.of()))
            .getMessage());
  }

  @Test
  void hierarchicalDistanceWhereThePositiveSideIsTheSmaller() {
    Hierarchy h =
        Hierarchy.of(
            "disease",
            List.of(
                List.of("a1", "A", "*"),
                List.of("a2", "A", "*"),
                List.of("b1", "B", "*"),
                List.of("b2", "B", "*")));
    SensitiveContext ctx =
        SensitiveContext.of(List.of("a1", "a2", "b1", "b2"), new long[] {1, 1, 1, 1});
    // p = (1/4, 0, 3/4, 0) against q = 1/4 each: extra (0, -1/4, 1/2, -1/4). Under B move 1/4 from
    // b1 to b2 at distance 1/2: 1/8; then 1/4 from B to A at distance 1: 1/4. EMD 3/8.
    assertEquals(
        0.375, new HierarchicalDistanceTCloseness(0.5, h).distance(hist(1, 0, 3, 0), ctx), 1e-12);
  }

  @Test
  void hierarchicalDistanceRefusesAHierarchyThatIsNotATree() {
    // a1 and a2 share A at level 1, but a1 goes to X and a2 to Y at level 2
    Hierarchy h =
        Hierarchy.of("d", List.of(List.of("a1", "A", "X", "*"), List.of("a2", "A", "Y", "*")));
    SensitiveContext ctx = SensitiveContext.of(List.of("a1", "a2"), new long[] {1, 1});
    assertEquals(
        "Hierarchy 'd' is not a tree: a node at level 1 generalizes to both 'X' and 'Y' at level 2"
            + " (hierarchical t-closeness needs a tree)",
        assertThrows(
                IllegalArgumentException.class,
                () -> new HierarchicalDistanceTCloseness(0.5, h).distance(hist(1, 1), ctx))
            .getMessage());
  }

  @Test
  void theSensitiveContextCountsTheInput() {
    SensitiveContext ctx = SensitiveContext.of(List.of("a", "b"), new long[] {3, 1});
    assertEquals(3, ctx.total(0));
    assertEquals(1, ctx.total(1));
    assertEquals(4, ctx.total());
    assertEquals(0.75, ctx.probability(0), 0.0);
    assertTrue(SensitiveContext.none().isEmpty());
    assertEquals(0, SensitiveContext.none().size());
  }

  /**
   * One quasi-identifier, age 1..4 (level 1: 1-2, 3-4), five records: ages 1, 1, 2, 2, 3. At level
   * 1 with k = 2 the class 3-4 (one record) fails; max-suppression 0.2 allows floor(0.2 * 5) = 1
   * record. The kept class 1-2 has 4 records. Loss (Iyengar): a record in a group of 2 of the 4
   * values costs (2 - 1) / (4 - 1) = 1/3, a suppressed one 1: (4 * 1/3 + 1) / 5 = 7/15. Average
   * class size over k: 4 / 1 / 2 = 2.
   */
  @Test
  void aFixedNodeSuppressesTheClassBelowKWithinTheLimitAndReportsWhatItKeeps() {
    Hierarchy age =
        Hierarchy.of(
            "age",
            List.of(
                List.of("1", "1-2", "*"),
                List.of("2", "1-2", "*"),
                List.of("3", "3-4", "*"),
                List.of("4", "3-4", "*")));
    FrequencyTable t =
        FrequencyTable.builder(List.of(QuasiIdentifier.of("age", age)), Optional.empty())
            .add(null, 2, "1")
            .add(null, 2, "2")
            .add(null, 1, "3")
            .build();
    LatticeSearch search = new LatticeSearch(t);
    SearchResult r = search.evaluate(List.of(1), SearchConfig.kAnonymity(2, 0.2));
    assertTrue(r.feasible(), "1 of 5 suppressed, limit 1");
    assertEquals(1, r.suppressedRecords());
    assertEquals(1, r.classes());
    assertEquals(4, r.minClassSize());
    assertEquals(7.0 / 15, r.objectiveValue(), 1e-12);
    assertEquals(7.0 / 15, r.loss().loss(), 1e-12);
    assertEquals(2.0, r.loss().averageClassSize(), 1e-12);
    assertFalse(
        search.evaluate(List.of(1), SearchConfig.kAnonymity(2, 0.19)).feasible(),
        "floor(0.95) = 0");
    // 0.29 * 100 is 28.999999999999996 in doubles: the limit still allows 29 of 100 records
    FrequencyTable hundred =
        FrequencyTable.builder(List.of(QuasiIdentifier.of("age", age)), Optional.empty())
            .add(null, 71, "1")
            .add(null, 29, "3")
            .build();
    assertTrue(
        new LatticeSearch(hundred)
            .evaluate(List.of(0), SearchConfig.kAnonymity(30, 0.29))
            .feasible());
    // nothing kept: the smallest kept class is reported as 0
    SearchResult none = search.evaluate(List.of(0), SearchConfig.kAnonymity(3, 1.0));
    assertEquals(5, none.suppressedRecords());
    assertEquals(0, none.minClassSize());
  }
}
