package io.appianon.technique;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Encoders;
import org.junit.jupiter.api.Test;

/** Address → prefecture on a real local SparkSession: the 47 prefectures, and what is not one. */
class AddressToPrefectureTest {

  private static TechniqueRun.Result run(List<String> addresses) {
    return TechniqueRun.run("type = address-to-prefecture, column = address, output = pref",
        TechniqueRun.spark().createDataset(addresses, Encoders.STRING()).toDF("address"));
  }

  @Test
  void everyPrefectureIsKeptAndTheRestOfTheAddressDropped() {
    List<String> addresses = new ArrayList<>();
    for (String p : AddressToPrefecture.PREFECTURES) {
      addresses.add(p + "中央区1-2-3 サンプルビル101");
    }
    TechniqueRun.Result r = run(addresses);
    assertEquals(47, AddressToPrefecture.PREFECTURES.size());
    assertEquals(new ArrayList<Object>(AddressToPrefecture.PREFECTURES), r.column("pref"));
    assertEquals(0, r.metric("address", "no_prefecture"));
  }

  @Test
  void anAddressThatDoesNotBeginWithAPrefectureBecomesNullAndIsCounted() {
    TechniqueRun.Result r = run(Arrays.asList(
        "  京都府京都市下京区1-1", // leading spaces
        "京都市下京区1-1", // city only: 京都 is not 京都府
        "あいう県みどり市1-1", // made-up prefecture
        "横浜市中区1-1",
        "Tokyo", "", null));
    assertEquals(Arrays.asList("京都府", null, null, null, null, null, null), r.column("pref"));
    assertEquals(4, r.metric("address", "no_prefecture"), "empty and missing addresses are not counted");
  }
}
