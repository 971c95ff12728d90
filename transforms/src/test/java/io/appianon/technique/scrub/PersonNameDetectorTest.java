package io.appianon.technique.scrub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PersonNameDetectorTest {

  private static List<String> names(String text) {
    return Detections.of(PiiKind.PERSON_NAME, text);
  }

  @Test
  void surnameWithHonorific() {
    assertEquals(List.of("山田"), names("担当の山田さんがとても親切でした"));
    assertEquals(List.of("伊藤"), names("伊藤氏の対応"));
    assertEquals(List.of("田中"), names("田中くんのレジ打ちが速い"));
    assertEquals(List.of("清水", "前田"), names("清水さんと前田さんに助けてもらった"));
  }

  @Test
  void surnameReadAsCompanyAndSplitGivenNameAreStillAName() {
    // IPADIC reads 松田 as an organization (Mazda) and splits 大翔 into 大/prefix + 翔/given name.
    assertEquals(List.of("松田 大翔"), names("会員の松田 大翔です。住所変更をお願いします。"));
    assertEquals(List.of(), names("大型の商品が多いです。トヨタの新車を買いました。"));
  }

  @Test
  void surnameAndGivenNameAreMerged() {
    assertEquals(List.of("山田太郎"), names("山田太郎様より連絡"));
    assertEquals(List.of("佐藤花子"), names("佐藤花子と申します"));
    assertEquals(List.of("鈴木一郎"), names("鈴木一郎です"));
    assertEquals(List.of("木村　拓也"), names("氏名：木村　拓也"), "full-width space between the parts");
  }

  @Test
  void titlesRolesAndSelfIntroduction() {
    assertEquals(List.of("小林"), names("小林店長によろしく"));
    assertEquals(List.of("中村"), names("中村先生に勧められた"));
    assertEquals(List.of("小野"), names("担当の小野が対応しました"));
    assertEquals(List.of("吉田"), names("吉田と申します"));
  }

  @Test
  void standaloneMultiKanjiSurname() {
    assertEquals(List.of("渡辺"), names("夫の渡辺がいつもお世話になっております"));
    assertEquals(List.of("高木"), names("09012345678（高木）までご連絡を"), "ASCII bracket after NFKC");
    assertEquals(List.of("田中"), names("折り返しください。田中"));
    assertEquals(List.of(), names("森が見える席"), "one-kanji surname alone is not trusted");
    assertEquals(List.of(), names("松坂牛が入荷した"), "surname followed by a noun");
    assertEquals(List.of(), names("長野のりんご"), "の does not make a lone surname a name");
  }

  @Test
  void honorificAfterPartlyUnknownName() {
    assertEquals(List.of("岡田准一"), names("岡田准一さんのファンです"));
  }

  @Test
  void commonWordsAreNotNames() {
    assertEquals(List.of(), names("森の中のパン屋さんで買った"));
    assertEquals(List.of(), names("松坂牛と京野菜が安い"));
    assertEquals(List.of(), names("小川で釣りをした"));
    assertEquals(List.of(), names("店員さんが優しい"));
    assertEquals(List.of(), names("お客様の声"));
    assertEquals(List.of(), names("お医者さんに行った"));
  }
}
