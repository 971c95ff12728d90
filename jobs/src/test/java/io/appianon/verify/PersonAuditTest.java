package io.appianon.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appianon.TestProject;
import io.appianon.TestSpark;
import io.appianon.core.ReportJson;
import io.appianon.job.AnonymizeJob;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The person audit on hand-written releases (the shipped policies and person model: k = 5, m = 2).
 */
class PersonAuditTest {
  @TempDir Path tmp;

  private static final StructType SURVEY =
      new StructType()
          .add("member_id", DataTypes.StringType)
          .add("age", DataTypes.StringType)
          .add("sex", DataTypes.StringType)
          .add("prefecture", DataTypes.StringType)
          .add("occupation", DataTypes.StringType)
          .add("family_structure", DataTypes.StringType);
  private static final StructType PURCHASES =
      new StructType()
          .add("member_id", DataTypes.StringType)
          .add("purchase_month", DataTypes.StringType)
          .add("store", DataTypes.StringType);

  /** Six persons of one class; all shop at 新宿店 in 2026-01 and 2026-02, and p5 also at 梅田店 once. */
  private Path release(boolean uniqueVisit) {
    SparkSession spark = TestSpark.session();
    List<Row> survey = new ArrayList<>();
    List<Row> purchases = new ArrayList<>();
    for (int p = 0; p < 6; p++) {
      survey.add(RowFactory.create("p" + p, "30-39", "女性", "*", "被雇用者", "*"));
      purchases.add(RowFactory.create("p" + p, "2026-01", "新宿店"));
      purchases.add(RowFactory.create("p" + p, "2026-01", "新宿店")); // a second row of the same item
      purchases.add(RowFactory.create("p" + p, "2026-02", "新宿店"));
    }
    if (uniqueVisit) {
      purchases.add(RowFactory.create("p5", "2026-03", "梅田店"));
    }
    Path dir = tmp.resolve(uniqueVisit ? "bad" : "good");
    spark.createDataFrame(survey, SURVEY).write().parquet(dir.resolve("survey").toString());
    spark
        .createDataFrame(purchases, PURCHASES)
        .write()
        .parquet(dir.resolve("purchases").toString());
    return dir;
  }

  @Test
  void findsThePersonAUniqueVisitSinglesOutAndCountsPersonsNotRows() {
    AnonymizeJob job = new AnonymizeJob(TestProject.config(tmp, Map.of()));
    PersonAudit.Result good =
        PersonAudit.run(
            TestSpark.session(), release(false), job.policies(), job.persons().orElseThrow());
    assertTrue(good.holds(), good.summary());
    assertEquals(6, good.persons());
    assertEquals(0, good.uniqueUnderFullKnowledge());
    assertEquals(
        Map.of("persons", 6L, "min", 3L, "median", 3L, "max", 3L),
        ((Map<?, ?>) ReportJson.toMap(good.report()).get("rows_per_person")).get("purchases"));

    PersonAudit.Result bad =
        PersonAudit.run(
            TestSpark.session(), release(true), job.policies(), job.persons().orElseThrow());
    assertFalse(bad.holds());
    assertEquals(1, bad.violatingPersons(), bad.summary());
    assertEquals(Map.of(0, 0L, 1, 1L, 2, 1L), bad.violatingByItemsetSize());
    assertEquals(1, bad.uniqueUnderFullKnowledge());
    assertEquals(Map.of("1", 1L, "5-9", 5L), bad.fullKnowledgeClassSizes());
  }
}
