package io.appianon.technique.scrub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class EmailPostalPassportDetectorTest {

  @Test
  void emails() {
    assertEquals(
        List.of("taro.yamada@example.co.jp"),
        Detections.of(PiiKind.EMAIL, "返信はtaro.yamada@example.co.jpまで"));
    assertEquals(
        List.of("sato.k+shop@example.com"),
        Detections.of(PiiKind.EMAIL, "sato.k+shop@example.com に"));
    assertEquals(
        List.of("yamada_hanako＠example.ne.jp"),
        Detections.of(PiiKind.EMAIL, "yamada_hanako＠example.ne.jp まで"),
        "full-width at sign");
    assertEquals(List.of("ｔａｒｏ＠ｅｘａｍｐｌｅ．ｃｏｍ"), Detections.of(PiiKind.EMAIL, "ｔａｒｏ＠ｅｘａｍｐｌｅ．ｃｏｍ"));
    assertEquals(
        List.of("info[at]example.jp"), Detections.of(PiiKind.EMAIL, "メール info[at]example.jp"));
  }

  @Test
  void notEmails() {
    assertEquals(List.of(), Detections.of(PiiKind.EMAIL, "@example のアカウント"));
    assertEquals(List.of(), Detections.of(PiiKind.EMAIL, "taro@localhost"));
    assertEquals(List.of(), Detections.of(PiiKind.EMAIL, "3個@100円"));
  }

  @Test
  void postalCodes() {
    assertEquals(List.of("〒160-0023"), Detections.of(PiiKind.POSTAL_CODE, "〒160-0023 東京都"));
    assertEquals(List.of("〒０６０－８５８８"), Detections.of(PiiKind.POSTAL_CODE, "〒０６０－８５８８ 北海道"));
    assertEquals(List.of("123-4567"), Detections.of(PiiKind.POSTAL_CODE, "送付先 123-4567 へ"));
    assertEquals(List.of("1000005"), Detections.of(PiiKind.POSTAL_CODE, "郵便番号1000005の地域"));
    assertEquals(List.of("〒1000005"), Detections.of(PiiKind.POSTAL_CODE, "〒1000005"));
  }

  @Test
  void notPostalCodes() {
    assertEquals(
        List.of(), Detections.of(PiiKind.POSTAL_CODE, "1000005"), "plain 7 digits without marker");
    assertEquals(List.of(), Detections.of(PiiKind.POSTAL_CODE, "100-2000円の商品"), "price range");
    assertEquals(List.of(), Detections.of(PiiKind.POSTAL_CODE, "品番 123-4567"), "product number");
    assertEquals(List.of(), Detections.of(PiiKind.POSTAL_CODE, "AB-123-4567"), "product code");
    assertEquals(
        List.of(), Detections.of(PiiKind.POSTAL_CODE, "045-123-4567"), "inside a phone number");
  }

  @Test
  void passports() {
    assertEquals(List.of("TK1234567"), Detections.of(PiiKind.PASSPORT, "パスポート番号TK1234567を提示"));
    assertEquals(
        List.of("mz7654321"),
        Detections.of(PiiKind.PASSPORT, "旅券番号 mz7654321"),
        "lower case accepted next to a keyword");
    assertEquals(List.of("TR 7654321"), Detections.of(PiiKind.PASSPORT, "passport: TR 7654321"));
    assertEquals(
        List.of("TK1234567"), Detections.of(PiiKind.PASSPORT, "番号 TK1234567 です"), "standalone");
  }

  @Test
  void notPassports() {
    assertEquals(
        List.of(), Detections.of(PiiKind.PASSPORT, "ab1234567"), "lower case without keyword");
    assertEquals(List.of(), Detections.of(PiiKind.PASSPORT, "XTK1234567"), "three letters");
    assertEquals(List.of(), Detections.of(PiiKind.PASSPORT, "TK12345678"), "eight digits");
    assertEquals(
        List.of(), Detections.of(PiiKind.PASSPORT, "型番 XJ1234567"), "product code context");
  }
}
