package io.appianon.technique.scrub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class AddressDetectorTest {

  private static List<String> addresses(String text) {
    return Detections.of(PiiKind.ADDRESS, text);
  }

  @Test
  void streetLevelAddresses() {
    assertEquals(List.of("東京都新宿区西新宿2-8-1"), addresses("住所は東京都新宿区西新宿2-8-1です"));
    assertEquals(List.of("大阪府大阪市北区梅田3丁目4番5号"), addresses("大阪府大阪市北区梅田3丁目4番5号に住んでいます"));
    assertEquals(List.of("千代田区丸の内一丁目9番1号"), addresses("千代田区丸の内一丁目9番1号の事務所"));
    assertEquals(List.of("横浜市中区山下町1番地"), addresses("実家は横浜市中区山下町1番地です"));
    assertEquals(List.of("札幌市中央区北3条西6丁目"), addresses("札幌市中央区北3条西6丁目 宛"));
    assertEquals(List.of("千代田区霞が関1-3-1"), addresses("千代田区霞が関1-3-1"));
  }

  @Test
  void fullWidthBlockNumbersMapToOriginalText() {
    assertEquals(List.of("名古屋市中村区名駅４丁目７－１"), addresses("名古屋市中村区名駅４丁目７－１のビル"));
  }

  @Test
  void roomNumberIsIncluded() {
    assertEquals(
        List.of("さいたま市浦和区高砂3-15-1 コーポ高砂201号室"), addresses("さいたま市浦和区高砂3-15-1 コーポ高砂201号室に住んでいます"));
  }

  @Test
  void placeMentionsAreNotAddresses() {
    assertEquals(List.of(), addresses("新宿店の品揃えが良い"));
    assertEquals(List.of(), addresses("東京に行った"));
    assertEquals(List.of(), addresses("北海道産のじゃがいも"));
    assertEquals(List.of(), addresses("東京都に住んでいます"));
    assertEquals(List.of(), addresses("新宿3丁目で買い物"), "district without block number");
    assertEquals(List.of(), addresses("池袋店の2階"));
    assertEquals(List.of(), addresses("日本ハムが5-3で勝った"));
    assertEquals(List.of(), addresses("東京03-1234-5678"), "a phone number is not a block number");
  }
}
