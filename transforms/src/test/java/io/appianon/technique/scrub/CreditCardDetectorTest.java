package io.appianon.technique.scrub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CreditCardDetectorTest {

  private static List<String> cards(String text) {
    return Detections.of(PiiKind.CREDIT_CARD, text);
  }

  @Test
  void findsCommonFormats() {
    assertEquals(List.of("4111 1111 1111 1111"), cards("カード 4111 1111 1111 1111 で支払い"));
    assertEquals(List.of("5555-5555-5555-4444"), cards("5555-5555-5555-4444"));
    assertEquals(List.of("3782-822463-10005"), cards("AMEX 3782-822463-10005"));
    assertEquals(
        List.of("3530111333300000"),
        cards("JCB3530111333300000"),
        "a card brand glued to the number");
    assertEquals(List.of(), cards("SKU3530111333300000"), "other letters glued to the number");
  }

  @Test
  void findsFullWidth() {
    assertEquals(List.of("４１１１－１１１１－１１１１－１１１１"), cards("番号：４１１１－１１１１－１１１１－１１１１"));
  }

  @Test
  void keepsTheCardWhenAnotherNumberFollows() {
    assertEquals(List.of("4111 1111 1111 1111"), cards("4111 1111 1111 1111 2026"));
  }

  @Test
  void rejectsLuhnInvalidAndPrices() {
    assertEquals(List.of(), cards("4185 2164 8412 9863"), "Luhn invalid");
    assertEquals(
        List.of(), cards("1,234円と4,111,111,111,111,111円"), "prices with thousands separators");
    assertEquals(List.of(), cards("JANコード4901234567894"), "13-digit JAN code");
    assertEquals(List.of(), cards("注文番号 4111111111111111"), "order number context");
    assertEquals(List.of(), cards("4111-1111 1111-1111"), "inconsistent separators");
  }
}
