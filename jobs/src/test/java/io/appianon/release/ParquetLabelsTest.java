package io.appianon.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appianon.testing.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetLabelsTest {

  private static Map<String, String> footer(Path file) throws Exception {
    try (ParquetFileReader r =
        ParquetFileReader.open(
            HadoopInputFile.fromPath(
                new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()))) {
      return r.getFooter().getFileMetaData().getKeyValueMetaData();
    }
  }

  /** Column-index presence of every column chunk, in order. */
  private static List<Boolean> pageIndexes(Path file) throws Exception {
    try (ParquetFileReader r =
        ParquetFileReader.open(
            HadoopInputFile.fromPath(
                new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()))) {
      return r.getFooter().getBlocks().stream()
          .flatMap(b -> b.getColumns().stream())
          .map(c -> c.getColumnIndexReference() != null && c.getOffsetIndexReference() != null)
          .toList();
    }
  }

  private static long footerRows(Path file) throws Exception {
    try (ParquetFileReader r =
        ParquetFileReader.open(
            HadoopInputFile.fromPath(
                new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()))) {
      return r.getRecordCount();
    }
  }

  @Test
  void labelsSparkWrittenFilesInPlaceAndSparkStillReadsThem(@TempDir Path dir) throws Exception {
    SparkSession spark = TestSpark.get();
    Path out = dir.resolve("ds");
    spark
        .range(0, 1000)
        .selectExpr("id", "cast(id % 7 as string) as label")
        .repartition(3)
        .write()
        .parquet(out.toString());
    List<Path> files = ParquetLabels.parquetFiles(out);
    assertEquals(3, files.size());
    Map<String, String> before = footer(files.get(0));
    List<Boolean> indexesBefore = pageIndexes(files.get(0));
    assertTrue(indexesBefore.contains(true), "Spark wrote page indexes: " + indexesBefore);
    assertTrue(before.containsKey("org.apache.spark.sql.parquet.row.metadata"));

    int n =
        ParquetLabels.labelInPlace(
            out,
            Map.of(
                "appianon.statement.ja",
                "本データは匿名加工情報です。照合禁止",
                "appianon.statement.en",
                "anonymously processed information; re-identification prohibited"));

    assertEquals(3, n);
    for (Path f : files) {
      Map<String, String> kv = footer(f);
      assertEquals("本データは匿名加工情報です。照合禁止", kv.get("appianon.statement.ja"));
      assertEquals(
          "anonymously processed information; re-identification prohibited",
          kv.get("appianon.statement.en"));
      assertEquals(
          before.get("org.apache.spark.sql.parquet.row.metadata"),
          kv.get("org.apache.spark.sql.parquet.row.metadata"),
          "Spark's own schema metadata is kept");
      assertFalse(
          Files.exists(f.resolveSibling("." + f.getFileName() + ".crc")), "stale checksum removed");
    }
    assertEquals(indexesBefore, pageIndexes(files.get(0)), "page indexes copied with the pages");
    for (Path f : files) {
      assertEquals(1000 / 3, footerRows(f), 1);
    }
    Dataset<Row> back = spark.read().parquet(out.toString());
    assertEquals(1000, back.count());
    assertEquals(499500L, back.selectExpr("sum(id)").first().getLong(0));
    assertEquals(
        10,
        back.where("id between 500 and 509").count(),
        "filtered reads (page indexes) still right");
    assertEquals(List.of("id", "label"), List.of(back.columns()));
  }
}
