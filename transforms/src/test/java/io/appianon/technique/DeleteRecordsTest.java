package io.appianon.technique;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appianon.core.PolicyException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The record-deletion rule ({@code delete-records}): what its policy entry accepts, and the
 * deletion marks two rules leave on the same rows.
 */
class DeleteRecordsTest {

  private static final StructType SCHEMA =
      new StructType().add("kind", DataTypes.StringType).add("amount", DataTypes.LongType);

  @Test
  void aRuleIsCheckedWhenThePolicyIsLoaded() {
    PolicyException misspelled =
        assertThrows(
            PolicyException.class,
            () ->
                TechniqueRun.parse(
                    "type = delete-records, where = \"kind = 'test'\", reason = t, reasn = x"));
    assertTrue(misspelled.getMessage().contains("reasn"), misspelled.getMessage());

    PolicyException notSql =
        assertThrows(
            PolicyException.class,
            () -> TechniqueRun.parse("type = delete-records, where = \"kind = = 'x\", reason = t"));
    assertTrue(
        notSql
            .getMessage()
            .startsWith(
                "test-policy.conf: dataset.transforms[0].where: not a valid Spark SQL condition"),
        notSql.getMessage());

    // a column the data does not have at this step is refused by the schema pass, before any data
    Technique unknown =
        TechniqueRun.parse(
            "type = delete-records, where = \"kind = 'test' OR amont > 5\", reason = t");
    PolicyException e = assertThrows(PolicyException.class, () -> unknown.transformSchema(SCHEMA));
    assertTrue(
        e.getMessage().startsWith("test-policy.conf: dataset.transforms[0].where: unknown column")
            && e.getMessage().contains("'amont'"),
        e.getMessage());
    Technique known =
        TechniqueRun.parse(
            "type = delete-records, where = \"kind = 'test' OR amount > 5\", reason = t");
    assertEquals(SCHEMA, known.transformSchema(SCHEMA), "a rule adds and removes no column");
    assertEquals("delete-records", known.type());
  }

  /**
   * Rows t1 (test account), big (amount over the limit), both (a test account over the limit), ok.
   * The first rule's reason stays on a row the second rule also matches; a row the second rule does
   * not match keeps the first rule's mark (the second rule never clears one).
   */
  @Test
  void theFirstRuleToMatchARowGivesItsReasonAndALaterRuleNeverClearsIt() {
    Dataset<Row> in =
        TechniqueRun.spark()
            .createDataFrame(
                List.of(
                    RowFactory.create("test", 10L),
                    RowFactory.create("member", 2_000_000L),
                    RowFactory.create("test", 3_000_000L),
                    RowFactory.create("member", 20L)),
                SCHEMA);
    TechniqueContext ctx = new TechniqueContext(Optional.empty(), 1);
    Technique first =
        TechniqueRun.parse(
            "type = delete-records, where = \"kind = 'test'\", reason = test-account");
    Technique second =
        TechniqueRun.parse(
            "type = delete-records, where = \"amount >= 1000000\", reason = outlier");
    List<Row> out =
        second
            .apply(first.apply(in, ctx), ctx)
            .select(TechniqueContext.DELETE_REASON)
            .collectAsList();
    assertEquals(
        Arrays.asList("test-account", "outlier", "test-account", null),
        out.stream().map(r -> r.getString(0)).toList());
  }
}
