package io.appianon.technique.scrub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class MyNumberDetectorTest {

  private static List<String> myNumbers(String text) {
    return Detections.of(PiiKind.MY_NUMBER, text);
  }

  @Test
  void findsValidNumbersPlainAndGrouped() {
    assertEquals(List.of("123456789018"), myNumbers("番号は123456789018です"));
    assertEquals(List.of("4926 1090 2022"), myNumbers("マイナンバー 4926 1090 2022 を記入"));
    assertEquals(List.of("0427-5179-7901"), myNumbers("個人番号：0427-5179-7901"));
  }

  @Test
  void findsFullWidthDigits() {
    assertEquals(List.of("１２３４　５６７８　９０１８"), myNumbers("個人番号は１２３４　５６７８　９０１８です"));
  }

  @Test
  void rejectsInvalidCheckDigitUnlessLabelled() {
    assertEquals(List.of(), myNumbers("番号 867902011206"));
    assertEquals(List.of(), myNumbers("123456789012"));
    // Issue 21: the label says what the number is; a mistyped My Number is still deleted.
    assertEquals(List.of("867902011206"), myNumbers("個人番号 867902011206"));
    assertEquals(List.of("8679 0201 1206"), myNumbers("私のマイナンバーは8679 0201 1206です"));
  }

  @Test
  void findsKanjiNumeralsAndEverySeparator() {
    assertEquals(List.of("一二三四 五六七八 九〇一八"), myNumbers("番号は一二三四 五六七八 九〇一八です"));
    assertEquals(List.of("一二三四五六七八九〇一八"), myNumbers("一二三四五六七八九〇一八と書きました"));
    assertEquals(List.of("1234.5678.9018"), myNumbers("番号 1234.5678.9018 を消して"));
    assertEquals(List.of("1234ー5678ー9018"), myNumbers("1234ー5678ー9018"));
    assertEquals(
        List.of(),
        myNumbers("4111 1111 1111 1111"),
        "the first twelve digits of a spaced card number");
  }

  @Test
  void rejectsWrongLengthsAndLongerRuns() {
    assertEquals(List.of(), myNumbers("12345678901"), "11 digits");
    assertEquals(
        List.of(), myNumbers("1234567890185"), "13-digit run containing a valid 12-digit prefix");
    assertEquals(List.of(), myNumbers("9-123456789018"), "part of a hyphenated number");
    assertEquals(
        List.of(), myNumbers("1234-5678 9018"), "mixed separators are not a 4-4-4 My Number");
  }

  @Test
  void orderNumberContextIsNotAMyNumber() {
    assertEquals(List.of(), myNumbers("注文番号 123456789018 の配送状況"));
    assertEquals(List.of(), myNumbers("ORD123456789018"), "glued to letters");
  }
}
