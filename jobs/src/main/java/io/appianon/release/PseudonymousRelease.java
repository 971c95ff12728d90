package io.appianon.release;

import io.appianon.core.Text;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The public-facing side of a pseudonymous release (仮名加工情報, APPI Arts. 41-42), in place of the
 * anonymous kind's announcement and disclosure pages: there is no category announcement and no
 * provision, so nothing is written to the disclosure history; the manifest and every Parquet footer
 * say what the data is and what its handlers must not do.
 */
public final class PseudonymousRelease {
  /**
   * What handlers of pseudonymously processed information must not do (Art. 41(6)-(8), Art. 42).
   */
  public static final Text PROHIBITED =
      Text.of(
          "第三者への提供（法第41条第6項）、本人を識別するための他の情報との照合（同条第7項）、"
              + "本人への電話・郵便・電子メール等による連絡等（同条第8項）は禁止されています。",
          "Prohibited: provision to a third party (Art. 41(6)), collation with other information to identify a person"
              + " (Art. 41(7)), and using it to call, mail, e-mail or otherwise contact a person (Art. 41(8)).");

  private PseudonymousRelease() {}

  /**
   * Adds the kind's fields to {@code manifest} (which must hold its datasets) and labels every
   * Parquet file of the release in {@code staging}.
   */
  @SuppressWarnings("unchecked")
  public static void complete(
      String releaseId, Map<String, Object> manifest, Path staging, Text producer)
      throws IOException {
    ReleaseKind kind = ReleaseKind.PSEUDONYMOUS;
    manifest.put("kind", kind.id());
    manifest.put("status", Manifest.text(kind.status()));
    manifest.put("statement", Manifest.text(kind.statement()));
    manifest.put("prohibited", Manifest.text(PROHIBITED));
    manifest.put(
        "third_party_provision",
        "prohibited (APPI Art. 41(6)); `appi-anon provide` refuses this release");
    for (Map<String, Object> d : (List<Map<String, Object>>) manifest.get("datasets")) {
      ParquetLabels.labelInPlace(
          staging.resolve((String) d.get("name")),
          labels(releaseId, (String) d.get("name"), producer));
    }
  }

  /** The footer labels of a pseudonymous release's Parquet files. */
  public static Map<String, String> labels(String releaseId, String dataset, Text producer) {
    ReleaseKind kind = ReleaseKind.PSEUDONYMOUS;
    Map<String, String> m = new LinkedHashMap<>();
    m.put(ParquetLabels.PREFIX + "kind", kind.id());
    m.put(ParquetLabels.PREFIX + "status.ja", kind.status().ja());
    m.put(ParquetLabels.PREFIX + "status.en", kind.status().en());
    m.put(ParquetLabels.PREFIX + "statement.ja", kind.statement().ja());
    m.put(ParquetLabels.PREFIX + "statement.en", kind.statement().en());
    m.put(ParquetLabels.PREFIX + "prohibited.ja", PROHIBITED.ja());
    m.put(ParquetLabels.PREFIX + "prohibited.en", PROHIBITED.en());
    m.put(ParquetLabels.PREFIX + "producer.ja", producer.ja());
    m.put(ParquetLabels.PREFIX + "producer.en", producer.en());
    m.put(ParquetLabels.PREFIX + "release_id", releaseId);
    m.put(ParquetLabels.PREFIX + "dataset", dataset);
    return m;
  }
}
