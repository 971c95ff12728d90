package io.appianon.technique;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Encoders;
import org.junit.jupiter.api.Test;

/** Address → prefecture on a real local SparkSession: the 47 prefectures, and what is not one. */
class AddressToPrefectureTest {

  private static TechniqueRun.Result run(List<String> addresses) {
    return TechniqueRun.run(
        "type = address-to-prefecture, column = address, output = pref",
        TechniqueRun.spark().createDataset(addresses, Encoders.STRING()).toDF("address"));
  }

  /**
   * The 47 prefectures in JIS X 0401 order, written out here rather than taken from the production
   * list.
   */
  private static final List<String> JIS_X_0401 =
      List.of(
          "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県", "茨城県", "栃木県", "群馬県", "埼玉県", "千葉県", "東京都",
          "神奈川県", "新潟県", "富山県", "石川県", "福井県", "山梨県", "長野県", "岐阜県", "静岡県", "愛知県", "三重県", "滋賀県",
          "京都府", "大阪府", "兵庫県", "奈良県", "和歌山県", "鳥取県", "島根県", "岡山県", "広島県", "山口県", "徳島県", "香川県",
          "愛媛県", "高知県", "福岡県", "佐賀県", "長崎県", "熊本県", "大分県", "宮崎県", "鹿児島県", "沖縄県");

  @Test
  void everyPrefectureIsKeptAndTheRestOfTheAddressDropped() {
    List<String> addresses = new ArrayList<>();
    for (String p : JIS_X_0401) {
      addresses.add(p + "中央区1-2-3 サンプルビル101");
    }
    TechniqueRun.Result r = run(addresses);
    assertEquals(47, JIS_X_0401.size());
    assertEquals(new ArrayList<Object>(JIS_X_0401), r.column("pref"));
    assertEquals(0, r.metric("address", "no_prefecture"));
    assertEquals(
        Set.copyOf(JIS_X_0401), Set.copyOf(AddressToPrefecture.PREFECTURES), "the production list");
  }

  @Test
  void anAddressThatDoesNotBeginWithAPrefectureBecomesNullAndIsCounted() {
    TechniqueRun.Result r =
        run(
            Arrays.asList(
                "  京都府京都市下京区1-1", // leading spaces
                "京都市下京区1-1", // city only: 京都 is not 京都府
                "あいう県みどり市1-1", // made-up prefecture
                "横浜市中区1-1",
                "Tokyo",
                "",
                null));
    assertEquals(Arrays.asList("京都府", null, null, null, null, null, null), r.column("pref"));
    assertEquals(
        4, r.metric("address", "no_prefecture"), "empty and missing addresses are not counted");
  }
}
