package io.appianon.technique.scrub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class DetectorNormalizationTest {

  @Test
  void spansReferToTheOriginalText() {
    String text = "ｶﾞｽ代の件 電話は０９０ー１２３４ー５６７８、ﾒｰﾙはｔａｒｏ＠ｅｘａｍｐｌｅ．ｃｏｍ";
    List<Match> matches = Detections.DETECTOR.find(text);
    assertEquals(2, matches.size());
    for (Match m : matches) {
      assertEquals(text.substring(m.start(), m.end()), m.text());
    }
    assertEquals("０９０ー１２３４ー５６７８", matches.get(0).text());
    assertEquals(PiiKind.PHONE, matches.get(0).kind());
    assertEquals("ｔａｒｏ＠ｅｘａｍｐｌｅ．ｃｏｍ", matches.get(1).text());
  }

  @Test
  void normalisedIndexMapHandlesExpansionAndContraction() {
    NormalizedText n = NormalizedText.of("㈱ｶﾞ０");
    assertEquals("(株)ガ0", n.text());
    // "(株)" comes from one original char; "ガ" from two (ｶ + ﾞ)
    assertEquals(0, n.originalStart(0));
    assertEquals(1, n.originalEnd(3));
    assertEquals(1, n.originalStart(3));
    assertEquals(3, n.originalEnd(4));
    assertEquals(3, n.originalStart(4));
    assertEquals(4, n.originalEnd(5));
  }

  @Test
  void katakanaLongVowelIsNotTurnedIntoAHyphen() {
    assertEquals("コーヒー 090-1", NormalizedText.of("コーヒー ０９０ー１").text());
  }

  @Test
  void matchesDoNotOverlapAndAreOrdered() {
    String text = "090-1234-5678@example.com と 090-1234-5678";
    List<Match> matches = Detections.DETECTOR.find(text);
    assertEquals(List.of(PiiKind.EMAIL, PiiKind.PHONE), matches.stream().map(Match::kind).toList());
  }

  @Test
  void onlyRequestedKindsAreReported() {
    String text = "山田さん 090-1234-5678 taro@example.com";
    assertEquals(
        List.of("090-1234-5678"),
        Detections.DETECTOR.find(text, EnumSet.of(PiiKind.PHONE)).stream()
            .map(Match::text)
            .toList());
    assertEquals(List.of(), Detections.DETECTOR.find(null, EnumSet.allOf(PiiKind.class)));
    assertEquals(List.of(), Detections.DETECTOR.find("", EnumSet.allOf(PiiKind.class)));
  }
}
