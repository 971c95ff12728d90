package io.appianon.technique.scrub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecentResultsTest {

  private static final TextScrubber SCRUBBER =
      new TextScrubber(EnumSet.allOf(PiiKind.class), Action.REPLACE_WITH_TAG);
  private static final List<String> TEXTS =
      List.of(
          "特になし",
          "担当の山田さんが親切でした。",
          "連絡は090-1234-5678まで",
          "満足です。",
          "",
          "個人番号123456789018",
          "特になし",
          "担当の山田さんが親切でした。");

  @Test
  void givesTheScrubbersResultForNewAndRepeatedTexts() {
    RecentResults recent = new RecentResults(SCRUBBER);
    for (int round = 0; round < 3; round++) {
      for (String t : TEXTS) {
        assertEquals(SCRUBBER.scrubWithFlag(t), recent.scrubWithFlag(t), t);
      }
    }
    assertEquals("担当の[NAME]さんが親切でした。", recent.scrubWithFlag("担当の山田さんが親切でした。").text());
    assertTrue(recent.scrubWithFlag("個人番号123456789018").changed());
    assertFalse(recent.scrubWithFlag("特になし").changed());
    assertNull(recent.scrubWithFlag(null).text());
    assertEquals(6, recent.size(), "each distinct text once");
  }

  @Test
  void repeatedTextIsAnalysedOnce() {
    RecentResults recent = new RecentResults(SCRUBBER);
    TextScrubber.Result first = recent.scrubWithFlag("担当の山田さんが親切でした。");
    assertSame(first, recent.scrubWithFlag("担当の山田さんが親切でした。"));
  }

  @Test
  void keepsAtMostCapacityTextsAndNoLongOnes() {
    RecentResults recent = new RecentResults(SCRUBBER, 3, 10);
    TextScrubber.Result a = recent.scrubWithFlag("特になし");
    for (String t : List.of("満足です。", "また来ます", "安かった")) {
      recent.scrubWithFlag(t);
    }
    assertEquals(3, recent.size());
    TextScrubber.Result again = recent.scrubWithFlag("特になし");
    assertEquals(a, again);
    assertNotSame(a, again, "the least recently used text left first");
    String longText = "担当の山田さんが親切でした。また来ます";
    assertEquals(SCRUBBER.scrubWithFlag(longText), recent.scrubWithFlag(longText));
    assertNotSame(
        recent.scrubWithFlag(longText), recent.scrubWithFlag(longText), "a long text is not kept");
    assertEquals(3, recent.size());
  }

  @Test
  void theBoundsAreInclusive() {
    RecentResults one = new RecentResults(SCRUBBER, 1, 4);
    TextScrubber.Result a = one.scrubWithFlag("特になし");
    assertSame(a, one.scrubWithFlag("特になし"), "a text of exactly maxLength characters is kept");
    one.scrubWithFlag("満足です");
    assertEquals(1, one.size(), "capacity 1 keeps the last text");
    RecentResults empty = new RecentResults(SCRUBBER, 1, 0);
    assertSame(
        empty.scrubWithFlag(""), empty.scrubWithFlag(""), "maxLength 0 keeps the empty text");
    assertThrows(IllegalArgumentException.class, () -> new RecentResults(SCRUBBER, 0, 4));
    assertThrows(IllegalArgumentException.class, () -> new RecentResults(SCRUBBER, 1, -1));
  }

  @Test
  void aDeserializedCopyStartsEmpty() throws IOException, ClassNotFoundException {
    RecentResults recent = new RecentResults(SCRUBBER);
    recent.scrubWithFlag("特になし");
    recent.scrubWithFlag("担当の山田さんが親切でした。");
    byte[] bytes = JavaSerialization.bytes(recent);
    assertFalse(
        new String(bytes, StandardCharsets.UTF_8).contains("山田"),
        "the remembered texts are not serialized");
    RecentResults copy = JavaSerialization.read(bytes);
    assertEquals(0, copy.size());
    assertEquals("担当の[NAME]さんが親切でした。", copy.scrubWithFlag("担当の山田さんが親切でした。").text());
    assertEquals(1, copy.size());
  }
}
