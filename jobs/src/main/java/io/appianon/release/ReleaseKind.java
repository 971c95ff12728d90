package io.appianon.release;

import io.appianon.core.Conf;
import io.appianon.core.Text;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What a release is in law, chosen by {@code appianon.release.kind}:
 *
 * <ul>
 *   <li>{@code anonymous}: anonymously processed information (匿名加工情報, APPI Arts. 43-46, PPC Rule
 *       34): public announcements, provision to third parties with notice, the privacy models of
 *       the policies;
 *   <li>{@code pseudonymous}: pseudonymously processed information (仮名加工情報, Arts. 41-42, PPC Rule
 *       31) for internal analysis only: identifying descriptions, individual identification codes
 *       and items whose misuse could cause financial harm deleted, linking codes keyed pseudonyms
 *       (the same role rules, enforced by the policy loader before any data is read); no
 *       third-party provision (Art. 41(6)), no use of contact details in it (Art. 41(8)), no
 *       collation to identify a person (Art. 41(7)).
 * </ul>
 */
public enum ReleaseKind {
  ANONYMOUS(
      "anonymous", Text.of("匿名加工情報", "anonymously processed information"), Manifest.STATEMENT),
  PSEUDONYMOUS(
      "pseudonymous",
      Text.of("仮名加工情報", "pseudonymously processed information"),
      Text.of(
          "本データは、個人情報の保護に関する法律第41条第1項に基づき作成した仮名加工情報です。社内の利用目的の範囲内でのみ"
              + "取り扱い、第三者に提供しないこと、本人を識別するために他の情報と照合しないこと、本人への連絡等に用いないことを"
              + "遵守してください。",
          "This data is pseudonymously processed information produced under Article 41(1) of the Act on the Protection of"
              + " Personal Information (Japan). Handle it only within the published purpose of use; do not provide it to a"
              + " third party, collate it with other information to identify individuals, or use it to contact anyone."));

  /** The configuration key. */
  public static final String KEY = "appianon.release.kind";

  private final String id;
  private final Text status;
  private final Text statement;

  ReleaseKind(String id, Text status, Text statement) {
    this.id = id;
    this.status = status;
    this.statement = statement;
  }

  public String id() {
    return id;
  }

  /** 匿名加工情報 or 仮名加工情報: the label of the data. */
  public Text status() {
    return status;
  }

  /** The statement every manifest and Parquet footer of the release carries. */
  public Text statement() {
    return statement;
  }

  /** {@code kind} of a {@code release} section; anonymous when absent. */
  public static ReleaseKind parse(Conf release) {
    String v = release.string("kind", ANONYMOUS.id);
    for (ReleaseKind k : values()) {
      if (k.id.equals(v)) {
        return k;
      }
    }
    throw release.error(
        "kind",
        "invalid value '"
            + v
            + "' ("
            + Arrays.stream(values()).map(ReleaseKind::id).collect(Collectors.joining(" or "))
            + ")");
  }

  /**
   * The kind a published manifest states; manifests without one are anonymous (they predate the
   * field).
   */
  public static ReleaseKind ofManifest(java.util.Map<String, Object> manifest) {
    Object v = manifest.get("kind");
    return PSEUDONYMOUS.id.equals(v) ? PSEUDONYMOUS : ANONYMOUS;
  }
}
