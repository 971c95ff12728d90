package io.appianon.technique.scrub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The forms of issue 21 on sentences written for this test (not in either labelled set): each
 * assertion names what must be found, whole, and what must survive.
 */
class WrittenFormsTest {

  private static List<String> found(PiiKind kind, String text) {
    return Detections.of(kind, text);
  }

  private static final TextScrubber SCRUBBER =
      new TextScrubber(EnumSet.allOf(PiiKind.class), Action.REPLACE_WITH_TAG);

  @Test
  void phonesInKanjiNumeralsAndEverySeparator() {
    assertEquals(List.of("〇九〇一二三四五六七八"), found(PiiKind.PHONE, "夜は〇九〇一二三四五六七八に下さい"));
    assertEquals(List.of("〇八〇ー四四三二ー一九八七"), found(PiiKind.PHONE, "番号は〇八〇ー四四三二ー一九八七。"));
    assertEquals(
        List.of("〇七〇の二千三百四十五の六千七百八十九"),
        found(PiiKind.PHONE, "〇七〇の二千三百四十五の六千七百八十九へ折り返して"),
        "positional groups");
    assertEquals(List.of("090.4432.1987"), found(PiiKind.PHONE, "携帯090.4432.1987です"));
    assertEquals(List.of("０９０・４４３２・１９８７"), found(PiiKind.PHONE, "０９０・４４３２・１９８７まで"));
    assertEquals(List.of(), found(PiiKind.PHONE, "一二三個のりんごと三千円"), "counts and prices stay");
  }

  @Test
  void cardsWithAnyIssuerPrefix() {
    assertEquals(
        List.of("5425 2334 3010 9903"), found(PiiKind.CREDIT_CARD, "マスター5425 2334 3010 9903で払った"));
    assertEquals(
        List.of("2223-0048-4000-0003"), found(PiiKind.CREDIT_CARD, "番号2223-0048-4000-0003の請求"));
    assertEquals(
        List.of("3566 0020 2036 0505"), found(PiiKind.CREDIT_CARD, "JCBの3566 0020 2036 0505です"));
    assertEquals(List.of("6212345678901265"), found(PiiKind.CREDIT_CARD, "銀聯6212345678901265で支払い"));
    assertEquals(
        List.of(), found(PiiKind.CREDIT_CARD, "JAN 4901234567894 の商品"), "a JAN product code stays");
  }

  @Test
  void emailWrittenOut() {
    assertEquals(List.of("aoi.k @ example.jp"), found(PiiKind.EMAIL, "連絡はaoi.k @ example.jpへ"));
    assertEquals(
        List.of("aoi.k at example dot co dot jp"),
        found(PiiKind.EMAIL, "aoi.k at example dot co dot jp に送って"));
    assertEquals(
        List.of("aoi.kアットマークexample.ne.jp"), found(PiiKind.EMAIL, "aoi.kアットマークexample.ne.jpです"));
    assertEquals(
        List.of("aoi.k[at]example[dot]com"), found(PiiKind.EMAIL, "宛先 aoi.k[at]example[dot]com"));
    assertEquals(
        List.of(), found(PiiKind.EMAIL, "Meet at the station at noon."), "English with at stays");
  }

  @Test
  void labelledNumbers() {
    assertEquals(List.of("TR4455667"), found(PiiKind.PASSPORT, "旅券番号はTR4455667でした"));
    assertEquals(List.of("44012345678"), found(PiiKind.ID_NUMBER, "保険証番号 44012345678 を見せた"));
    assertEquals(List.of("1098-765432"), found(PiiKind.ID_NUMBER, "基礎年金番号は1098-765432です"));
    assertEquals(List.of("7654321"), found(PiiKind.ID_NUMBER, "口座番号：普通7654321"));
    assertEquals(List.of("M0012345"), found(PiiKind.ID_NUMBER, "会員番号 M0012345 のポイント"));
    assertEquals(List.of("301234567890"), found(PiiKind.DRIVERS_LICENSE, "免許証番号は301234567890"));
    assertEquals(
        List.of(), found(PiiKind.ID_NUMBER, "注文番号 1234567 の件"), "an order number is not personal");
  }

  @Test
  void kyotoAndKanjiNumeralAddresses() {
    assertEquals(
        List.of("京都市下京区新町通松原下ル富永町110番地"), found(PiiKind.ADDRESS, "住所は京都市下京区新町通松原下ル富永町110番地です"));
    assertEquals(
        List.of("京都市中京区寺町通二条上る要法寺前町七百十一番地"),
        found(PiiKind.ADDRESS, "京都市中京区寺町通二条上る要法寺前町七百十一番地に送って"));
    assertEquals(List.of("東京都文京区本郷七丁目三番一号"), found(PiiKind.ADDRESS, "東京都文京区本郷七丁目三番一号まで"));
    assertEquals(List.of("大阪市西区江戸堀二丁目三の十"), found(PiiKind.ADDRESS, "大阪市西区江戸堀二丁目三の十に住む"));
    assertEquals(
        List.of("名古屋市東区泉1-2-3 メゾン泉305号室"),
        found(PiiKind.ADDRESS, "名古屋市東区泉1-2-3 メゾン泉305号室まで"),
        "building and room");
    assertEquals(List.of(), found(PiiKind.ADDRESS, "河原町通を歩いて四条通の店に寄った"), "streets alone stay");
    assertEquals(
        List.of("京都市東山区大和大路通四条下がる小松町140"),
        found(PiiKind.ADDRESS, "京都市東山区大和大路通四条下がる小松町140へ"),
        "下がる spelt out");
    assertEquals(
        List.of("福岡市博多区博多駅前2-1-1 朝日ビル8階"),
        found(PiiKind.ADDRESS, "福岡市博多区博多駅前2-1-1 朝日ビル8階まで"),
        "building and floor");
    assertEquals(
        List.of("北海道虻田郡ニセコ町字曽我88"),
        found(PiiKind.ADDRESS, "北海道虻田郡ニセコ町字曽我88に別荘"),
        "district, town, 字 and lot");
    assertEquals(List.of(), found(PiiKind.ADDRESS, "三階の売り場と5Fのカフェ"), "floors alone stay");
  }

  @Test
  void namesInEveryWriting() {
    assertEquals(List.of("佐藤"), found(PiiKind.PERSON_NAME, "先週は佐藤が対応した"), "lone surname");
    assertEquals(List.of("サイトウ ケンイチ"), found(PiiKind.PERSON_NAME, "受付の名簿にサイトウ ケンイチとあった"));
    assertEquals(List.of("いしだ"), found(PiiKind.PERSON_NAME, "いしださんにまた会いたい"));
    assertEquals(List.of("Kenichi Ishida"), found(PiiKind.PERSON_NAME, "I am Kenichi Ishida."));
    assertEquals(List.of("ISHIDA Kenichi"), found(PiiKind.PERSON_NAME, "表記: ISHIDA Kenichi"));
    assertEquals(List.of("Ishida, Kenichi"), found(PiiKind.PERSON_NAME, "(Ishida, Kenichi)"));
    assertEquals(
        List.of("kenichi ishida"), found(PiiKind.PERSON_NAME, "sign-up name: kenichi ishida"));
    assertEquals(
        List.of(),
        found(PiiKind.PERSON_NAME, "the green tea was good"),
        "lower-case English stays");
    assertEquals(List.of("石田 健一"), found(PiiKind.PERSON_NAME, "お礼状は石田 健一から"));
    assertEquals(List.of("小鳥遊"), found(PiiKind.PERSON_NAME, "小鳥遊さんにお世話になった"), "rare surname");
    assertEquals(List.of("勘解由小路"), found(PiiKind.PERSON_NAME, "勘解由小路様の件"), "not in the dictionary");
  }

  @Test
  void namesInQuotedMultiLineTextAreReplacedWhole() {
    String text = "「お疲れさまです。\n石田健一さんに\nよろしく」とのこと";
    String scrubbed = SCRUBBER.scrub(text);
    assertEquals("「お疲れさまです。\n[NAME]さんに\nよろしく」とのこと", scrubbed);
    assertFalse(SCRUBBER.scrub("伊藤さくらと申します").contains("伊藤"), "no fragment of the name is left");
  }

  @Test
  void storePlaceAndProductNamesSurvive() {
    for (String text :
        List.of(
            "ヤマダ電機で買った洗剤",
            "森永のチョコが好き",
            "宮崎に行った帰りに寄った",
            "お客様と店員さんの距離が近い",
            "山崎製パンの食パンが安い",
            "烏丸通沿いの店舗",
            "千葉産の落花生",
            "伊藤園のお茶",
            "型番KJ-55X9500Hの在庫",
            "2026年4月1日に1,280円で購入")) {
      assertEquals(text, SCRUBBER.scrub(text), text);
    }
  }
}
