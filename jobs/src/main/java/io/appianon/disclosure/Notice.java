package io.appianon.disclosure;

import io.appianon.core.Text;
import java.util.List;
import java.util.stream.Collectors;

/** Fixed public wording shared by the pages, the notices to recipients and the Parquet labels. */
public final class Notice {
  /**
   * What recipients and users of the data must not do (APPI Art. 45; Art. 43(5) for the producer).
   */
  public static final Text PROHIBITION =
      Text.of(
          "本データを取り扱う者は、本人を識別するために本データを他の情報と照合すること（再識別）、及び本データの作成に用いられた"
              + "加工の方法に関する情報や削除された記述等を取得することを禁止されています（個人情報の保護に関する法律第43条第5項、"
              + "第45条）。",
          "Anyone handling this data is prohibited from re-identifying individuals, from collating the data with other"
              + " information to identify individuals, and from obtaining the descriptions deleted from it or information"
              + " on how it was processed (Act on the Protection of Personal Information, Arts. 43(5) and 45).");

  /** The status label of the data (GL 3-2-3-2). */
  public static final Text STATUS =
      Text.of("匿名加工情報（個人情報の保護に関する法律第43条）", "anonymously processed information (APPI Art. 43)");

  /** The duty of a recipient that passes the data on (Art. 44). */
  public static final Text ONWARD =
      Text.of(
          "本データを更に第三者に提供する場合は、あらかじめ、含まれる個人に関する情報の項目及び提供の方法を公表し、提供先に対して"
              + "匿名加工情報である旨を明示してください（同法第44条）。",
          "If you provide this data to a further third party, you must first publish the categories of information it"
              + " contains and the method of provision, and tell the recipient explicitly that it is anonymously processed"
              + " information (APPI Art. 44).");

  /**
   * What a recipient is told of its pseudonyms ({@code provide} re-keys them per recipient:
   * release/Rekeying): they are its own, join nothing outside its copy, and cannot be turned back.
   * {@code labels}: the categories of the pseudonym columns as published (「会員ID」), never the column
   * names.
   */
  public static Text recipientPseudonyms(List<Text> labels) {
    String ja = labels.stream().map(Text::ja).collect(Collectors.joining("、"));
    String en = labels.stream().map(Text::en).collect(Collectors.joining(", "));
    return Text.of(
        "本データの仮ID（"
            + ja
            + "）は、貴社への提供のためだけに、この提供専用の鍵で作り直したものです。他の提供先に"
            + "提供したデータの仮IDとは一致せず、それらと結合することはできません。作成に用いた鍵は破棄しており、"
            + "元のIDに戻すことはできません。",
        "The temporary IDs in this data ("
            + en
            + ") were made for this provision to you alone, with a key used for"
            + " nothing else: they match no temporary ID in the copies provided to other recipients, so this data"
            + " cannot be joined with those copies, and they cannot be turned back into the original IDs (the key"
            + " was destroyed).");
  }

  private Notice() {}
}
