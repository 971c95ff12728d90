package io.appianon.release;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;

/**
 * Registers a published release in the Spark session catalog (issue 22 item 7), when {@code
 * appianon.release.catalog-database} names a database: each dataset becomes the external Parquet
 * table {@code <database>.<dataset>} over its published folder, replaced by every later release
 * (dropping an external table never deletes its files). With a Hive metastore ({@code
 * spark.sql.catalogImplementation = hive}) the tables outlive the run; with Spark's in-memory
 * catalog they last as long as the session. Registration happens after the atomic publish; the job
 * logs a failure here as a warning, the release staying published.
 */
public final class ReleaseTables {
  /**
   * A database name the key accepts: letters, digits and underscores (no quoting needed anywhere).
   */
  public static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private ReleaseTables() {}

  /** One registered table: its qualified name and the folder it reads. */
  public record Table(String name, Path location) {}

  /**
   * Creates the database if missing and (re)points one table per dataset at {@code
   * release/<dataset>}.
   *
   * @return the tables registered, in the order of {@code datasets}
   */
  public static List<Table> register(
      SparkSession spark, String database, Path release, List<String> datasets, String releaseId) {
    if (!NAME.matcher(database).matches()) {
      throw new IllegalArgumentException(
          "Invalid catalog database '" + database + "' (letters, digits, _)");
    }
    spark.sql("CREATE DATABASE IF NOT EXISTS `" + database + "`");
    List<Table> out = new ArrayList<>();
    for (String dataset : datasets) {
      Path location = release.resolve(dataset).toAbsolutePath().normalize();
      String table = "`" + database + "`.`" + dataset.replace("`", "``") + "`";
      spark.sql("DROP TABLE IF EXISTS " + table);
      spark.sql(
          "CREATE TABLE "
              + table
              + " USING parquet LOCATION "
              + literal(location.toUri().toString())
              + " TBLPROPERTIES ('appianon.release_id' = "
              + literal(releaseId)
              + ")");
      out.add(new Table(database + "." + dataset, location));
    }
    return out;
  }

  /** A Spark SQL string literal. */
  static String literal(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  /**
   * Whether the session's catalog is a persistent (Hive) metastore rather than the in-memory one.
   */
  public static boolean persistent(SparkSession spark) {
    return "hive".equals(spark.conf().get("spark.sql.catalogImplementation", "in-memory"));
  }
}
