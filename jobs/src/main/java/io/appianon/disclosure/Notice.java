package io.appianon.disclosure;

import io.appianon.policy.Text;

/** Fixed public wording shared by the pages, the notices to recipients and the Parquet labels. */
public final class Notice {
  /** What recipients and users of the data must not do (APPI Art. 45; Art. 43(5) for the producer). */
  public static final Text PROHIBITION = Text.of(
      "本データを取り扱う者は、本人を識別するために本データを他の情報と照合すること（再識別）、及び本データの作成に用いられた"
          + "加工の方法に関する情報や削除された記述等を取得することを禁止されています（個人情報の保護に関する法律第43条第5項、"
          + "第45条）。",
      "Anyone handling this data is prohibited from re-identifying individuals, from collating the data with other"
          + " information to identify individuals, and from obtaining the descriptions deleted from it or information"
          + " on how it was processed (Act on the Protection of Personal Information, Arts. 43(5) and 45).");

  /** The status label of the data (GL 3-2-3-2). */
  public static final Text STATUS = Text.of("匿名加工情報（個人情報の保護に関する法律第43条）",
      "anonymously processed information (APPI Art. 43)");

  /** The duty of a recipient that passes the data on (Art. 44). */
  public static final Text ONWARD = Text.of(
      "本データを更に第三者に提供する場合は、あらかじめ、含まれる個人に関する情報の項目及び提供の方法を公表し、提供先に対して"
          + "匿名加工情報である旨を明示してください（同法第44条）。",
      "If you provide this data to a further third party, you must first publish the categories of information it"
          + " contains and the method of provision, and tell the recipient explicitly that it is anonymously processed"
          + " information (APPI Art. 44).");

  private Notice() {}
}
