package io.appianon.release;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;

import io.appianon.technique.PseudonymKey;
import io.appianon.technique.Pseudonymize;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Per-recipient pseudonyms (the NII 2017 technical report's warning on provision to several
 * recipients; GL 3-2-3-1): every pseudonym column of a package is replaced by the keyed hash of the
 * release's pseudonym under a key of that provision alone, with the pipeline's own technique
 * ({@link Pseudonymize#hmacHex}: HMAC-SHA-256, RFC 2104) over {@code "appianon:recipient" || 0x00
 * || release pseudonym}, cut to the release pseudonym's length. One function for every column and
 * dataset of a package: values equal in the release stay equal in the copy (survey and purchases
 * still link, the join count is the release's) and values that differ stay different; two
 * recipients' copies share no value, so they cannot be joined. The key is random (256 bits), used
 * for one package and destroyed: nothing can recompute or restore the mapping, and only its {@link
 * #keyId key id} is recorded.
 */
public final class Rekeying {
  /** The HMAC domain of re-keyed pseudonyms. */
  public static final String DOMAIN = "appianon:recipient";

  /** How a package's pseudonyms were made, as the provision record states it. */
  public static final String ALGORITHM =
      "HMAC-SHA-256(recipient key, \""
          + DOMAIN
          + "\" 0x00 release pseudonym),"
          + " hex, cut to the release pseudonym's length";

  private Rekeying() {}

  /**
   * Writes a copy of the Parquet dataset in {@code source} to {@code target} (which must not exist)
   * with every column of {@code columns} re-keyed under {@code key}; the other columns and the row
   * count are unchanged. Returns the number of rows written.
   */
  public static long rekey(
      SparkSession spark,
      Path source,
      List<String> columns,
      PseudonymKey key,
      Path target,
      String compression) {
    byte[] k = key.bytes();
    try {
      Dataset<Row> data = spark.read().parquet(source.toUri().toString());
      for (String c : columns) {
        if (!Arrays.asList(data.columns()).contains(c)) {
          throw new ReleaseException(
              source
                  + ": pseudonym column '"
                  + c
                  + "' named by the manifest is not in the"
                  + " data (columns: "
                  + String.join(", ", data.columns())
                  + ")");
        }
        // 64 hex digits, cut with the built-in substring to the length the release's pseudonyms
        // have
        data =
            data.withColumn(
                c, Pseudonymize.hmacHex(col(c), k, DOMAIN, 64).substr(lit(1), length(col(c))));
      }
      data.write()
          .mode(SaveMode.ErrorIfExists)
          .option("compression", compression)
          .parquet(target.toUri().toString());
      return spark.read().parquet(target.toUri().toString()).count();
    } finally {
      Arrays.fill(k, (byte) 0);
    }
  }

  /**
   * The public id of a key: {@code rk-} and the first 16 hex digits of HMAC-SHA-256(key,
   * "appianon:key-id"). It tells keys apart in the records without revealing anything of the key.
   */
  public static String keyId(PseudonymKey key) {
    byte[] k = key.bytes();
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(k, "HmacSHA256"));
      byte[] id = mac.doFinal("appianon:key-id".getBytes(StandardCharsets.UTF_8));
      return "rk-" + HexFormat.of().formatHex(id, 0, 8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA-256 unavailable", e);
    } finally {
      Arrays.fill(k, (byte) 0);
    }
  }
}
