package io.appianon.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appianon.hierarchy.Hierarchy;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrivacyModelsTest {
  private static final SensitiveContext UNIFORM2 = SensitiveContext.of(List.of("a", "b"), new long[] {50, 50});

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
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new KAnonymity(1));
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
    assertEquals("Invalid l: 1 (must be >= 2)",
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
    assertFalse(new RecursiveCLDiversity(1, 2).isSatisfied(hist(1, 3, 2), ctx), "3 < 1 * 3 is false");
    // (4, 2, 1) with l = 3: 4 < 3 * 1 false; (2, 2, 1): 2 < 3 * 1
    assertFalse(new RecursiveCLDiversity(3, 3).isSatisfied(hist(4, 2, 1), ctx));
    assertTrue(new RecursiveCLDiversity(3, 3).isSatisfied(hist(2, 2, 1), ctx));
    assertFalse(new RecursiveCLDiversity(100, 2).isSatisfied(hist(5, 0, 0), ctx), "fewer than l values");
    assertFalse(new RecursiveCLDiversity(3, 2).isMonotonicWithSuppression());
    assertEquals("Invalid c: 0.0 (must be > 0)",
        assertThrows(IllegalArgumentException.class, () -> new RecursiveCLDiversity(0, 2)).getMessage());
  }

  @Test
  void equalDistanceTClosenessIsTotalVariation() {
    assertEquals(0.5, EqualDistanceTCloseness.distance(hist(10, 0), UNIFORM2), 1e-12);
    assertEquals(0.0, EqualDistanceTCloseness.distance(hist(3, 3), UNIFORM2), 1e-12);
    assertTrue(new EqualDistanceTCloseness(0.5).isSatisfied(hist(10, 0), UNIFORM2));
    assertFalse(new EqualDistanceTCloseness(0.4).isSatisfied(hist(10, 0), UNIFORM2));
    assertTrue(new EqualDistanceTCloseness(0.2).isSatisfied(hist(6, 4), UNIFORM2), "distance 0.1");
    assertEquals("Invalid t: 1.5 (must be in (0, 1])",
        assertThrows(IllegalArgumentException.class, () -> new EqualDistanceTCloseness(1.5)).getMessage());
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
    OrderedDistanceTCloseness explicit = new OrderedDistanceTCloseness(0.4, List.of("3", "20", "100", "1000"));
    // q = (1/3, 1/3, 1/3, 0), p = (1, 0, 0, 0): cumulative 2/3, 1/3, 0, 0 -> 1 / 3
    assertEquals(1.0 / 3, explicit.distance(hist(0, 0, 3), ctx), 1e-12);
    SensitiveContext words = SensitiveContext.of(List.of("low", "high"), new long[] {1, 1});
    assertThrows(IllegalArgumentException.class, () -> model.distance(hist(1, 1), words));
  }

  @Test
  void hierarchicalDistanceTClosenessFollowsTheTree() {
    Hierarchy h = Hierarchy.of("disease", List.of(
        List.of("a1", "A", "*"), List.of("a2", "A", "*"), List.of("b1", "B", "*"), List.of("b2", "B", "*")));
    SensitiveContext ctx = SensitiveContext.of(List.of("a1", "a2", "b1", "b2"), new long[] {1, 1, 1, 1});
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
    HierarchicalDistanceTCloseness flat = new HierarchicalDistanceTCloseness(0.5, Hierarchy.flat("s"));
    assertEquals(EqualDistanceTCloseness.distance(hist(3, 1, 0, 0), ctx), flat.distance(hist(3, 1, 0, 0), ctx),
        1e-12);
  }
}
