package io.appianon.privacy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.appianon.hierarchy.Hierarchy;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The driver-side table: equal combinations merge, values sort (null first), rows sort by their
 * values.
 */
class FrequencyTableBuilderTest {
  private static final List<QuasiIdentifier> QIS =
      List.of(
          QuasiIdentifier.of("pref", Hierarchy.flat("pref")),
          QuasiIdentifier.of("sex", Hierarchy.flat("sex")));

  @Test
  void mergesCombinationsAndSortsValuesAndRows() {
    FrequencyTable t =
        FrequencyTable.builder(QIS, Optional.of("satisfaction"))
            .add("high", 2, "東京都", "女性")
            .add("low", 1, "大阪府", "男性")
            .add("high", 3, "東京都", "女性")
            .add(null, 4, "東京都", "女性")
            .add("low", 0, "北海道", "男性") // a zero count adds nothing, not even its values
            .add(Arrays.asList(null, "男性"), "low", 5)
            .build();

    assertEquals(Arrays.asList(null, "大阪府", "東京都"), t.domain(0));
    assertEquals(List.of("女性", "男性"), t.domain(1));
    assertEquals(Arrays.asList(null, "high", "low"), t.sensitiveValues());
    assertEquals(3, t.size());
    assertEquals(15, t.totalRecords());
    // rows in value order: (null, 男性), (大阪府, 男性), (東京都, 女性)
    assertEquals(
        Arrays.asList(null, "大阪府", "東京都"),
        List.of(0, 1, 2).stream().map(r -> t.value(r, 0)).toList());
    assertEquals(
        List.of("男性", "男性", "女性"), List.of(0, 1, 2).stream().map(r -> t.value(r, 1)).toList());
    assertEquals(List.of(5L, 1L, 9L), List.of(0, 1, 2).stream().map(t::count).toList());
    assertArrayEquals(new long[] {0, 0, 5}, t.sensitiveHistogram(0));
    assertArrayEquals(new long[] {0, 0, 1}, t.sensitiveHistogram(1));
    assertArrayEquals(new long[] {4, 5, 0}, t.sensitiveHistogram(2));
    assertArrayEquals(new long[] {4, 5, 6}, t.sensitiveTotals());
  }

  @Test
  void withoutSensitiveAttributeOnlyCountsAreKept() {
    FrequencyTable t =
        FrequencyTable.builder(QIS, Optional.empty())
            .add(null, 2, "東京都", "女性")
            .add(null, 3, "東京都", "女性")
            .add(null, 1, "大阪府", "女性")
            .build();
    assertEquals(List.of(), t.sensitiveValues());
    assertEquals(2, t.size());
    assertEquals(List.of(1L, 5L), List.of(0, 1).stream().map(t::count).toList());
    assertEquals(0, t.sensitiveHistogram(1).length);
  }
}
