package io.appianon.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appianon.TestSpark;
import io.appianon.core.PolicyException;
import io.appianon.job.AnonymizeJob;
import io.appianon.technique.PseudonymKey;
import io.appianon.testing.Fixture;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22 item 7: with {@code appianon.release.catalog-database} the published datasets become
 * tables of the session catalog (here Spark's in-memory one), each over its published folder and
 * moved to the newest release; without the key no table is registered.
 */
class ReleaseTablesTest {
  @TempDir Path tmp;

  @Test
  void publishedDatasetsAreRegisteredAsTablesOverTheNewestRelease() throws Exception {
    SparkSession spark = TestSpark.session();
    Fixture fx = new Fixture(tmp);
    String db = "appianon_tables_test";
    assertFalse(spark.catalog().databaseExists(db));
    new AnonymizeJob(Fixture.load(fx.config("plain", "A")))
        .run(spark, "r0", PseudonymKey.generate());
    assertFalse(spark.catalog().databaseExists(db), "off by default");

    AnonymizeJob job =
        new AnonymizeJob(
            Fixture.load(fx.config("tables", "A", "appianon.release.catalog-database = " + db)));
    Path r1 = job.run(spark, "r1", PseudonymKey.generate()).release();
    for (String dataset : List.of("survey", "purchases")) {
      String table = db + "." + dataset;
      assertTrue(spark.catalog().tableExists(table), table);
      Dataset<Row> viaTable = spark.table(table);
      Dataset<Row> viaFiles = spark.read().parquet(r1.resolve(dataset).toString());
      assertTrue(viaFiles.count() > 0);
      assertEquals(viaFiles.count(), viaTable.count(), table);
      assertEquals(
          0,
          viaTable.exceptAll(viaFiles).count() + viaFiles.exceptAll(viaTable).count(),
          table + " reads the published rows");
    }
    assertEquals("r1", releaseId(spark, db + ".survey"));
    assertTrue(
        spark.sql("DESCRIBE TABLE EXTENDED " + db + ".survey").collectAsList().stream()
            .anyMatch(r -> "Type".equals(r.getString(0)) && "EXTERNAL".equals(r.getString(1))),
        "an external table");

    // the next release moves the tables; the first release's files stay as they were
    Path r2 = job.run(spark, "r2", PseudonymKey.generate()).release();
    assertEquals("r2", releaseId(spark, db + ".survey"));
    assertEquals(
        spark.read().parquet(r2.resolve("survey").toString()).count(),
        spark.table(db + ".survey").count());
    assertTrue(
        r1.resolve("survey").toFile().isDirectory(), "dropping the old table deleted no file");
    assertEquals(
        spark.read().parquet(r1.resolve("survey").toString()).count(),
        spark.read().parquet(r2.resolve("survey").toString()).count());
  }

  @Test
  void anInvalidDatabaseNameIsRefusedNamingTheKey() throws Exception {
    Fixture fx = new Fixture(tmp);
    PolicyException e =
        assertThrows(
            PolicyException.class,
            () ->
                Fixture.load(
                    fx.config(
                        "bad", "A", "appianon.release.catalog-database = \"x; DROP TABLE y\"")));
    assertTrue(e.getMessage().contains("appianon.release.catalog-database"), e.getMessage());
    assertTrue(e.getMessage().contains("invalid value 'x; DROP TABLE y'"), e.getMessage());
  }

  private static String releaseId(SparkSession spark, String table) {
    return spark
        .sql("SHOW TBLPROPERTIES " + table + " ('appianon.release_id')")
        .first()
        .getString(1);
  }
}
