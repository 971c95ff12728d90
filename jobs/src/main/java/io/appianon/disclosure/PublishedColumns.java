package io.appianon.disclosure;

import io.appianon.release.ParquetLabels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;

/**
 * Which columns of a written dataset hold no published value: {@code *} (the top of every
 * hierarchy) or null in every row. Read from the column statistics in the footers of the Parquet
 * files as written, so what the public page says is contained reflects the published files. A
 * column whose statistics are missing in any row group counts as holding values (the page then says
 * no more than the announcement).
 */
public final class PublishedColumns {
  private PublishedColumns() {}

  /** The columns of the Parquet files in {@code dir} that are {@code *} or null in every row. */
  public static Set<String> withheld(Path dir) throws IOException {
    Map<String, Boolean> empty = new HashMap<>();
    Set<String> unknown = new HashSet<>();
    if (!Files.isDirectory(dir)) {
      return Set.of();
    }
    List<Path> files = ParquetLabels.parquetFiles(dir);
    for (Path f : files) {
      try (ParquetFileReader reader = ParquetFileReader.open(ParquetLabels.localFile(f))) {
        for (BlockMetaData block : reader.getFooter().getBlocks()) {
          for (ColumnChunkMetaData c : block.getColumns()) {
            String column = c.getPath().toDotString();
            Statistics<?> s = c.getStatistics();
            if (s == null || s.isEmpty() && s.getNumNulls() < 0) {
              unknown.add(column);
              continue;
            }
            boolean allNull = s.getNumNulls() == block.getRowCount();
            boolean allStar =
                s.hasNonNullValue()
                    && "*".equals(text(s.getMinBytes()))
                    && "*".equals(text(s.getMaxBytes()));
            empty.merge(column, allNull || allStar, Boolean::logicalAnd);
          }
        }
      }
    }
    Set<String> out = new HashSet<>();
    empty.forEach(
        (column, none) -> {
          if (none && !unknown.contains(column)) {
            out.add(column);
          }
        });
    return out;
  }

  private static String text(byte[] b) {
    return b == null ? null : new String(b, StandardCharsets.UTF_8);
  }
}
