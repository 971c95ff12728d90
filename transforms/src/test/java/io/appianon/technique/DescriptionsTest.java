package io.appianon.technique;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.appianon.core.ColumnRole;
import io.appianon.core.Lineage;
import io.appianon.core.Text;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the public manifest says each new technique did, in Japanese and English. */
class DescriptionsTest {

  private static Text describe(String hocon, String column) {
    Lineage lineage = new Lineage();
    for (String c : List.of("age", "age_band", "sex", "income", "amount")) {
      lineage.input(c, ColumnRole.ATTRIBUTE, Optional.empty());
    }
    TechniqueRun.parse(hocon).describe(lineage);
    List<Text> processing = lineage.entry(column).processing();
    assertEquals(1, processing.size());
    return processing.get(0);
  }

  @Test
  void noiseIsDescribedWithDistributionScaleRoundingAndRange() {
    assertEquals(
        Text.of(
            "平均0・尺度2のラプラスノイズを付加し整数に丸めた",
            "Laplace noise (mean 0, scale 2) added, rounded to whole numbers"),
        describe(
            "type = noise, columns = age, distribution = laplace, scale = 2, round = 1", "age"));
    assertEquals(
        Text.of(
            "平均0・標準偏差1.5の正規分布ノイズを付加し1000単位に丸め、0〜100000の範囲に収めた",
            "Gaussian noise (mean 0, standard deviation 1.5) added, rounded to multiples of 1000, kept between 0"
                + " and 100000"),
        describe(
            "type = noise, columns = income, distribution = gaussian, sigma = 1.5, round = 1000, min = 0,"
                + " max = 100000",
            "income"));
  }

  @Test
  void microAggregationIsDescribedWithGroupSizeOrderAndStatistic() {
    assertEquals(
        Text.of(
            "age_bandが同じレコードの中で値の順に並べて5件以上ずつのグループに分け、各グループの平均値に置き換えて" + "100単位に丸めた（ミクロアグリゲーション）",
            "micro-aggregated: records sorted by this value among records with the same age_band and split into"
                + " groups of at least 5, each value replaced by its group's mean, rounded to multiples of 100"),
        describe(
            "type = micro-aggregate, columns = income, k = 5, within = age_band, round = 100",
            "income"));
    assertEquals(
        Text.of(
            "age、incomeの順に並べて3件以上ずつのグループに分け、各グループの中央値に置き換えた（ミクロアグリゲーション）",
            "micro-aggregated: records sorted by age, income and split into groups of at least 3, each value"
                + " replaced by its group's median"),
        describe(
            "type = micro-aggregate, columns = [age, income], k = 3, aggregate = median",
            "income"));
  }

  @Test
  void swapAndSuppressionAreDescribed() {
    assertEquals(
        Text.of(
            "age_bandが同じレコードの間で値を無作為に入れ替えた（income・amountを組にして）（値の分布は保たれるが、" + "個々のレコードとの対応は失われる）",
            "values randomly swapped between records with the same age_band (income, amount together) (the"
                + " distribution of values is kept, the link to each record is broken)"),
        describe("type = swap, columns = [income, amount], within = age_band", "amount"));
    assertEquals(
        Text.of(
            "条件（age_band = '90+' AND sex = 'その他'）に該当するレコードでは削除（空欄）した",
            "deleted (left blank) in records where age_band = '90+' AND sex = 'その他'"),
        describe(
            "type = suppress-cells, columns = income, where = \"age_band = '90+' AND sex = 'その他'\"",
            "income"));
  }
}
