package io.appianon.technique.scrub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PhoneDetectorTest {

  private static List<String> phones(String text) {
    return Detections.of(PiiKind.PHONE, text);
  }

  @Test
  void mobileAndFixedWithAndWithoutHyphens() {
    assertEquals(List.of("090-1234-5678"), phones("連絡は090-1234-5678まで"));
    assertEquals(List.of("09012345678"), phones("09012345678"));
    assertEquals(List.of("03-1234-5678"), phones("自宅03-1234-5678"));
    assertEquals(List.of("045-671-2345"), phones("045-671-2345"));
    assertEquals(List.of("0467-12-3456"), phones("0467-12-3456"));
    assertEquals(List.of("0312345678"), phones("TEL:0312345678"));
    assertEquals(List.of("070 1111 2222"), phones("070 1111 2222"));
    assertEquals(List.of("090 1234-5678"), phones("tel 090 1234-5678"), "mixed separators");
  }

  @Test
  void freeDialAndNaviDial() {
    assertEquals(List.of("0120-123-456"), phones("0120-123-456"));
    assertEquals(List.of("0800-123-4567"), phones("0800-123-4567"));
    assertEquals(List.of("0570-123-456"), phones("0570-123-456"));
  }

  @Test
  void parentheses() {
    assertEquals(
        List.of("(03)1234-5678", "03(1234)5678"), phones("(03)1234-5678 または 03(1234)5678"));
  }

  @Test
  void plus81Forms() {
    assertEquals(List.of("+81-90-1234-5678"), phones("+81-90-1234-5678"));
    assertEquals(List.of("+81 3 1234 5678"), phones("海外から +81 3 1234 5678"));
    assertEquals(List.of("+81(0)90-1234-5678"), phones("+81(0)90-1234-5678"));
    assertEquals(List.of("+819012345678"), phones("+819012345678"));
    assertEquals(List.of("＋８１－８０－５５５５－６６６６"), phones("＋８１－８０－５５５５－６６６６"));
  }

  @Test
  void fullWidthAndUnicodeHyphens() {
    assertEquals(List.of("０９０－１２３４－５６７８"), phones("０９０－１２３４－５６７８"));
    assertEquals(List.of("０９０ー１２３４ー５６７８"), phones("電話は０９０ー１２３４ー５６７８です"));
    assertEquals(List.of("090‐1234‐5678"), phones("090‐1234‐5678"));
    assertEquals(List.of("０９０−１２３４−５６７８"), phones("０９０−１２３４−５６７８"));
    assertEquals(List.of("０９０　１１１１　２２２２"), phones("携帯　０９０　１１１１　２２２２　まで"));
  }

  @Test
  void aPrecedingSpaceSeparatedNumberDoesNotHideThePhone() {
    assertEquals(List.of("090-1234-5678"), phones("価格 1200 090-1234-5678"));
  }

  @Test
  void notPhones() {
    assertEquals(List.of(), phones("2026-04-01に購入"), "date");
    assertEquals(List.of(), phones("2026/04/01 10:00-16:00"), "date and time range");
    assertEquals(List.of(), phones("12345678901"), "11-digit run not starting with 0");
    assertEquals(List.of(), phones("01234567890"), "11 digits but not a mobile prefix");
    assertEquals(List.of(), phones("0901234567"), "mobile prefix needs 11 digits");
    assertEquals(List.of(), phones("090-1234-56789"), "too long");
    assertEquals(List.of(), phones("03-1234-567"), "too short");
    assertEquals(List.of(), phones("1-090-1234-5678"), "part of a longer hyphenated number");
    assertEquals(List.of(), phones("090123456789"), "part of a longer digit run");
    assertEquals(
        List.of(), phones("レシート番号 0012-3456-7890"), "0 then 0 is not a Japanese area code");
    assertEquals(List.of(), phones("1,234円"), "price");
  }

  @Test
  void orderAndSlipNumbersThatLookLikeLandlinesStay() {
    assertEquals(List.of(), Detections.of(PiiKind.PHONE, "伝票番号0312345678の荷物"));
    assertEquals(List.of(), Detections.of(PiiKind.PHONE, "受付番号 0668765432 で問い合わせた"));
    assertEquals(List.of("0312345678"), Detections.of(PiiKind.PHONE, "伝票番号の件で電話0312345678にください"));
  }
}
