package io.appianon.generate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Generalization hierarchies in ARX format: ';'-separated, no header, one row per original value
 * followed by ever coarser levels, the last always '*'. Built from the {@link Catalog} so they
 * cover every value the generator emits.
 */
final class Hierarchies {
  /** Ages at or above this are top-coded to "90+" before generalization. */
  static final int TOP_CODE_AGE = 90;

  private Hierarchies() {}

  static List<Path> write(Path dir) throws IOException {
    Files.createDirectories(dir);
    List<Path> files = new ArrayList<>();
    files.add(write(dir.resolve("age.csv"), age()));
    files.add(write(dir.resolve("prefecture.csv"), prefecture()));
    files.add(write(dir.resolve("occupation.csv"), twoLevel(Catalog.OCCUPATION_GROUPS)));
    files.add(write(dir.resolve("family_structure.csv"), twoLevel(Catalog.FAMILY_GROUPS)));
    files.add(write(dir.resolve("sex.csv"), sex()));
    files.add(write(dir.resolve("category.csv"), category()));
    files.add(write(dir.resolve("store.csv"), store()));
    files.add(write(dir.resolve("product.csv"), product()));
    return files;
  }

  static List<String> age() {
    List<String> rows = new ArrayList<>();
    for (int a = 0; a < TOP_CODE_AGE; a++) {
      int b5 = a / 5 * 5;
      int b10 = a / 10 * 10;
      String b20 = a >= 80 ? "80+" : (a / 20 * 20) + "-" + (a / 20 * 20 + 19);
      rows.add(a + ";" + b5 + "-" + (b5 + 4) + ";" + b10 + "-" + (b10 + 9) + ";" + b20 + ";*");
    }
    rows.add("90+;90+;90+;80+;*");
    return rows;
  }

  static List<String> prefecture() {
    return Catalog.PREFECTURES.stream().map(p -> p.name() + ";" + p.region() + ";*").toList();
  }

  static List<String> sex() {
    return List.of(Catalog.SEXES).stream().map(s -> s + ";*").toList();
  }

  static List<String> category() {
    return Catalog.CATEGORIES.stream().map(c -> c.name() + ";" + c.department() + ";*").toList();
  }

  static List<String> store() {
    return Catalog.STORES.stream()
        .map(
            s ->
                s.online()
                    ? s.name() + ";" + Catalog.ONLINE_LABEL + ";" + Catalog.ONLINE_LABEL + ";*"
                    : s.name()
                        + ";"
                        + s.prefecture()
                        + ";"
                        + Catalog.PREFECTURES.get(Catalog.prefectureIndex(s.prefecture())).region()
                        + ";*")
        .toList();
  }

  static List<String> product() {
    return Catalog.PRODUCTS.stream()
        .map(
            p ->
                p.name()
                    + ";"
                    + p.category()
                    + ";"
                    + Catalog.CATEGORIES.stream()
                        .filter(c -> c.name().equals(p.category()))
                        .findFirst()
                        .orElseThrow()
                        .department()
                    + ";*")
        .toList();
  }

  private static List<String> twoLevel(Map<String, String> groups) {
    return groups.entrySet().stream().map(e -> e.getKey() + ";" + e.getValue() + ";*").toList();
  }

  private static Path write(Path file, List<String> rows) throws IOException {
    Files.writeString(file, String.join("\n", rows) + "\n", StandardCharsets.UTF_8);
    return file;
  }
}
