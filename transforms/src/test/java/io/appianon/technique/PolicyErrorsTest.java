package io.appianon.technique;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.appianon.core.Conf;
import io.appianon.core.Origin;
import io.appianon.core.PolicyException;
import io.appianon.hierarchy.HierarchyResolver;
import io.appianon.policy.PolicyLoader;
import java.nio.file.Path;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * A policy that names an unknown transform, an unknown column or a parameter of the wrong type
 * fails while it is parsed or in the schema pass, before any data is read, with a message naming
 * the policy file and the key.
 */
class PolicyErrorsTest {

  private static final StructType SCHEMA =
      new StructType()
          .add("id", DataTypes.IntegerType)
          .add("band", DataTypes.StringType)
          .add("amount", DataTypes.LongType);

  private static void fails(String expected, org.junit.jupiter.api.function.Executable step) {
    PolicyException e = assertThrows(PolicyException.class, step);
    assertTrue(e.getMessage().startsWith("test-policy.conf: "), e.getMessage());
    assertTrue(
        e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
  }

  private static void failsToParse(String expected, String hocon) {
    fails(expected, () -> TechniqueRun.parse(hocon));
  }

  private static void failsInSchemaPass(String expected, String hocon) {
    Technique t = TechniqueRun.parse(hocon);
    fails(expected, () -> t.transformSchema(SCHEMA));
  }

  @Test
  void unknownTransformFailsWhenParsedNamingFileAndKey() {
    failsToParse(
        "dataset.transforms[0].type: unknown transform 'blur' (known: ",
        "type = blur, columns = amount");
    failsToParse("micro-aggregate, noise, postal-prefix", "type = blur");
  }

  @Test
  void unknownColumnFailsInSchemaPassNamingFileAndKey() {
    failsInSchemaPass(
        "dataset.transforms[0].columns: unknown column 'amout' (columns at this point: id, band, amount)",
        "type = noise, columns = amout, distribution = laplace, scale = 1");
    failsInSchemaPass(
        "dataset.transforms[0].columns: unknown column 'amout'",
        "type = micro-aggregate, columns = amout, k = 3");
    failsInSchemaPass(
        "dataset.transforms[0].within: unknown column 'bnd'",
        "type = micro-aggregate, columns = amount, k = 3, within = bnd");
    failsInSchemaPass(
        "dataset.transforms[0].order-by: unknown column 'age'",
        "type = micro-aggregate, columns = amount, k = 3, order-by = age");
    failsInSchemaPass(
        "dataset.transforms[0].within: unknown column 'bnd'",
        "type = swap, columns = amount, within = bnd");
    failsInSchemaPass(
        "dataset.transforms[0].columns: unknown column 'amout'",
        "type = suppress-cells, columns = amout, where = \"band = 'x'\"");
    failsInSchemaPass(
        "dataset.transforms[0].columns: column 'band' must be numeric, but is string",
        "type = noise, columns = band, distribution = gaussian, sigma = 1");
  }

  @Test
  void unknownColumnFailsWhenWholePolicyIsLoaded() {
    String policy =
        """
        dataset {
          name = shop
          input { path = "in.csv" }
          columns = [
            { name = id, type = int, role = attribute, category = "番号" }
            { name = amount, type = long, role = attribute, category = "金額" }
          ]
          transforms = [
            { type = noise, columns = [amuont], distribution = laplace, scale = 100 }
          ]
          privacy { k = 2, quasi-identifiers = [ { column = id, hierarchy = none, level = 0 } ] }
        }
        """;
    fails(
        "dataset.transforms[0].columns: unknown column 'amuont'",
        () ->
            PolicyLoader.parse(
                new Conf(ConfigFactory.parseString(policy), new Origin(TechniqueRun.FILE, "")),
                new HierarchyResolver(Path.of("target", "no-hierarchies"))));
  }

  @Test
  void parameterOfWrongTypeFailsWhenParsedNamingFileAndKey() {
    failsToParse(
        "dataset.transforms[0].k: must be an integer, got string \"five\"",
        "type = micro-aggregate, columns = amount, k = five");
    failsToParse(
        "dataset.transforms[0].scale: must be a number, got string \"big\"",
        "type = noise, columns = amount, distribution = laplace, scale = big");
    failsToParse(
        "dataset.transforms[0].seed: must be an integer",
        "type = swap, columns = amount, seed = \"lucky\"");
    failsToParse(
        "dataset.transforms[0].columns: must be a list of strings, got object",
        "type = swap, columns { amount = 1 }");
    failsToParse(
        "dataset.transforms[0].round: must be a number, got list",
        "type = micro-aggregate, columns = amount, k = 3, round = [10]");
    failsToParse(
        "dataset.transforms[0].where: must be a string, got list",
        "type = suppress-cells, columns = amount, where = [a, b]");
  }

  @Test
  void invalidOrUnknownParameterFailsWhenParsedNamingValue() {
    failsToParse(
        "dataset.transforms[0].k: invalid value 1 (must be >= 2)",
        "type = micro-aggregate, columns = amount, k = 1");
    failsToParse(
        "dataset.transforms[0].aggregate: invalid value 'mode' (expected mean or median)",
        "type = micro-aggregate, columns = amount, k = 3, aggregate = mode");
    failsToParse(
        "dataset.transforms[0].order-by: univariate micro-aggregation sorts each column by its own values",
        "type = micro-aggregate, columns = [amount, id], k = 3, mode = univariate, order-by = id");
    failsToParse(
        "dataset.transforms[0].scale: invalid value -2.0 (must be > 0)",
        "type = noise, columns = amount, distribution = laplace, scale = -2");
    failsToParse(
        "dataset.transforms[0].sigma: laplace noise takes scale, not sigma",
        "type = noise, columns = amount, distribution = laplace, sigma = 2");
    failsToParse(
        "dataset.transforms[0].distribution: invalid value 'uniform' (expected laplace or gaussian)",
        "type = noise, columns = amount, distribution = uniform, scale = 2");
    failsToParse(
        "dataset.transforms[0].max: invalid value 0.0 (must be >= min 10.0)",
        "type = noise, columns = amount, distribution = laplace, scale = 2, min = 10, max = 0");
    failsToParse(
        "dataset.transforms[0].within: column 'amount' is swapped and cannot also define the groups",
        "type = swap, columns = amount, within = [band, amount]");
    failsToParse(
        "dataset.transforms[0].block-rows: invalid value 1 (must be >= 2)",
        "type = swap, columns = amount, block-rows = 1");
    failsToParse(
        "dataset.transforms[0].marke: unknown key (allowed here: columns, description, marker, type, where)",
        "type = suppress-cells, columns = amount, where = \"band = 'x'\", marke = \"*\"");
  }
}
