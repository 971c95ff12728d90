package io.appianon.privacy;

import io.appianon.hierarchy.Hierarchy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Shared fixtures: the local SparkSession and the UCI Adult data copied into the test resources.
 */
final class TestData {
  static final List<String> ADULT_QIS =
      List.of(
          "sex",
          "age",
          "race",
          "marital-status",
          "education",
          "native-country",
          "workclass",
          "occupation");
  static final String ADULT_SENSITIVE = "salary-class";

  private static Dataset<Row> adult;
  private static FrequencyTable adultTable;

  private TestData() {}

  static SparkSession spark() {
    return SparkSession.builder()
        .master("local[2]")
        .appName("privacy-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .getOrCreate();
  }

  static Path adultDir() {
    try {
      return Path.of(TestData.class.getResource("/adult/adult.csv").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Hierarchy adultHierarchy(String attribute) {
    try {
      return Hierarchy.fromCsv(
          attribute, adultDir().resolve("adult_hierarchy_" + attribute + ".csv"), ';');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<QuasiIdentifier> adultQis(List<String> names) {
    List<QuasiIdentifier> qis = new ArrayList<>();
    for (String n : names) {
      Hierarchy h = adultHierarchy(n);
      qis.add(n.equals("age") ? QuasiIdentifier.numeric(n, h) : QuasiIdentifier.of(n, h));
    }
    return qis;
  }

  /** The Adult records, all columns strings, cached. */
  static synchronized Dataset<Row> adult() {
    if (adult == null) {
      adult =
          spark()
              .read()
              .option("header", "true")
              .option("sep", ";")
              .csv(adultDir().resolve("adult.csv").toString())
              .cache();
    }
    return adult;
  }

  /**
   * The frequency table of Adult over the 8 usual QIs with salary-class as the sensitive attribute.
   */
  static synchronized FrequencyTable adultTable() {
    if (adultTable == null) {
      adultTable = FrequencyTable.build(adult(), adultQis(ADULT_QIS), Optional.of(ADULT_SENSITIVE));
    }
    return adultTable;
  }
}
