package io.appianon.technique.scrub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class DriversLicenseDetectorTest {

  @Test
  void validNumberNextToKeyword() {
    assertEquals(
        List.of("300185205390"),
        Detections.of(PiiKind.DRIVERS_LICENSE, "運転免許証番号 300185205390 を提示"));
    assertEquals(
        List.of("541140198390"),
        Detections.of(PiiKind.DRIVERS_LICENSE, "541140198390（免許証）"),
        "keyword after the number");
  }

  @Test
  void requiresKeywordAndCheckDigit() {
    assertEquals(
        List.of(), Detections.of(PiiKind.DRIVERS_LICENSE, "番号 300185205390"), "no keyword");
    assertEquals(
        List.of(), Detections.of(PiiKind.DRIVERS_LICENSE, "免許 300185205380"), "bad check digit");
  }

  /**
   * 625167001360 passes both the licence check and the My Number check digit. After its label 免許証
   * it is a licence (issue 21: labelled numbers by label + number); without a label the statutory
   * My Number check wins.
   */
  @Test
  void theLabelDecidesWhenBothChecksPass() {
    List<Match> labelled = Detections.DETECTOR.find("免許証 625167001360");
    assertEquals(1, labelled.size());
    assertEquals(PiiKind.DRIVERS_LICENSE, labelled.get(0).kind());
    List<Match> bare = Detections.DETECTOR.find("番号 625167001360 です");
    assertEquals(1, bare.size());
    assertEquals(PiiKind.MY_NUMBER, bare.get(0).kind());
  }

  @Test
  void labelledLicenceNumberInAnyForm() {
    assertEquals(
        List.of("123456789012"), Detections.of(PiiKind.DRIVERS_LICENSE, "免許証番号：123456789012を入力"));
    assertEquals(
        List.of("1234-5678-9012"),
        Detections.of(PiiKind.DRIVERS_LICENSE, "運転免許証の番号は1234-5678-9012です"));
    assertEquals(
        List.of("一二三四五六七八九〇一二"), Detections.of(PiiKind.DRIVERS_LICENSE, "免許番号 一二三四五六七八九〇一二 を伝えた"));
  }
}
