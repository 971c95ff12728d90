package io.appianon.testing;

import com.typesafe.config.ConfigFactory;
import io.appianon.job.JobConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A small but real setup in a temporary folder: survey and purchase CSV files, policy files and a
 * job configuration file, written the way an operator would write them.
 *
 * <p>Policy variant {@code A} deletes the survey's satisfaction answers; variant {@code B}
 * publishes them, adding the category 「満足度」. Categories follow the PPC guideline's wording:
 * 「性別」「生年」, and the purchases dataset is 「購買履歴」.
 */
public final class Fixture {
  /** A passphrase for APPIANON_METHOD_KEY in tests. */
  public static final String PASSPHRASE = "test-passphrase-for-method-store-0123";

  public static final int MEMBERS = 40;

  public final Path root;
  public final Path data;
  public final Path policies;
  public final Path hierarchies;
  public final Path output;
  public final Path quarantine;
  public final Path methodStore;
  public final Path provisions;

  public Fixture(Path root) throws IOException {
    this.root = root;
    this.data = Files.createDirectories(root.resolve("data"));
    this.policies = Files.createDirectories(root.resolve("policies"));
    this.hierarchies = Files.createDirectories(root.resolve("hierarchies"));
    this.output = root.resolve("out");
    this.quarantine = root.resolve("quarantine");
    this.methodStore = root.resolve("method-store");
    this.provisions = root.resolve("provisions");
    writeData();
    writePolicy("A", "[name, satisfaction]");
    writePolicy("B", "[name]");
    write(
        policies.resolve("purchases.conf"),
        """
        dataset {
          name = purchases
          title { ja = "購買履歴", en = "Purchase history" }
          input { path = %s, format = csv, header = true, timestamp-format = "yyyy-MM-dd HH:mm:ss" }
          columns = [
            { name = member_id, role = linking, required = true, category { ja = "会員ID", en = "Member ID" } }
            { name = purchased_at, type = timestamp, role = quasi-identifier, required = true, category { ja = "購入日時", en = "Date and time of purchase" } }
            { name = category, role = attribute, category { ja = "商品カテゴリ", en = "Product category" } }
            { name = amount, type = long, role = attribute, min = 0, category { ja = "購入金額", en = "Amount" } }
          ]
          transforms = [
            { type = pseudonymize, columns = [member_id], domain = member }
            { type = date-truncate, column = purchased_at, unit = month, output = purchase_month, category { ja = "購入年月", en = "Month of purchase" } }
          ]
          privacy {
            k = 2
            max-suppression = 0.1
            quasi-identifiers = [ { column = purchase_month, hierarchy = none, level = 0 } ]
          }
        }
        """
            .formatted(quote(purchasesCsv())));
  }

  public Path surveyCsv() {
    return data.resolve("survey.csv");
  }

  public Path purchasesCsv() {
    return data.resolve("purchases.csv");
  }

  /**
   * Writes {@code <root>/<name>.conf} for policy variant {@code A} or {@code B}, then {@code extra}
   * HOCON lines.
   */
  public Path config(String name, String variant, String... extra) throws IOException {
    StringBuilder b = new StringBuilder();
    b.append(
        """
        appianon {
          release { output = %s }
          quarantine.dir = %s
          method-store { dir = %s }
          hierarchies.dir = %s
          datasets = [ %s, %s ]
          producer {
            name { ja = "株式会社テスト小売", en = "Test Retail K.K." }
            contact { ja = "個人情報お問い合わせ窓口 privacy@test.example", en = "Privacy desk, privacy@test.example" }
          }
          disclosure {
            security-measures {
              ja = "取扱者を限定し、アクセスを記録しています。\\n加工方法等情報は暗号化して別に保管しています。"
              en = "Only designated staff handle the data, and access is logged.\\nMethod information is stored encrypted and apart."
            }
            complaints {
              ja = "苦情は個人情報お問い合わせ窓口で受け付け、速やかに対応します。"
              en = "Complaints are received at our privacy desk and handled promptly."
            }
            min-notice = P1D
            announcement { continuous = true }
            provision-methods {
              encrypted-transfer { ja = "暗号化したファイルの送信", en = "encrypted file transfer" }
            }
          }
          provisions.dir = %s
          persons {
            domain = member
            k = 2
            m = 1
            max-suppression = 0.2
            relational = survey
            items = [ { dataset = purchases, column = purchase_month, hierarchy = none } ]
          }
          spark { master = "local[2]" }
        }
        """
            .formatted(
                quote(output),
                quote(quarantine),
                quote(methodStore),
                quote(hierarchies),
                quote(policies.resolve("survey-" + variant + ".conf")),
                quote(policies.resolve("purchases.conf")),
                quote(provisions)));
    for (String line : extra) {
      b.append(line).append('\n');
    }
    Path file = root.resolve(name + ".conf");
    write(file, b.toString());
    return file;
  }

  public static JobConfig load(Path conf) {
    return JobConfig.load(conf, ConfigFactory.empty());
  }

  /**
   * The pseudonym of {@code memberId} under {@code key} (HMAC-SHA-256 over "member\0id", 32 hex
   * digits).
   */
  public static String pseudonym(byte[] key, String memberId) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    byte[] h = mac.doFinal(("member\u0000" + memberId).getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(h).substring(0, 32);
  }

  private void writePolicy(String variant, String deleted) throws IOException {
    write(
        policies.resolve("survey-" + variant + ".conf"),
        """
        dataset {
          name = survey
          title { ja = "顧客アンケート回答", en = "Customer survey answers" }
          input { path = %s, format = csv, header = true, date-format = "yyyy-MM-dd" }
          columns = [
            { name = member_id, role = linking, required = true, category { ja = "会員ID", en = "Member ID" } }
            { name = name, role = identifier, category { ja = "氏名", en = "Name" } }
            { name = birth_date, type = date, role = quasi-identifier, required = true, category { ja = "生年月日", en = "Date of birth" } }
            { name = sex, role = quasi-identifier, category { ja = "性別", en = "Sex" } }
            { name = satisfaction, type = int, role = attribute, min = 1, max = 5, category { ja = "満足度", en = "Satisfaction" } }
          ]
          transforms = [
            { type = delete, columns = %s }
            { type = pseudonymize, columns = [member_id], domain = member }
            { type = date-truncate, column = birth_date, unit = year, output = birth_year, category { ja = "生年", en = "Year of birth" } }
          ]
          privacy {
            k = 2
            max-suppression = 0.1
            quasi-identifiers = [
              { column = birth_year, hierarchy = none, level = 0 }
              { column = sex, hierarchy = none, level = 0 }
            ]
          }
        }
        """
            .formatted(quote(surveyCsv()), deleted));
  }

  private void writeData() throws IOException {
    List<String> survey = new ArrayList<>();
    survey.add("member_id,name,birth_date,sex,satisfaction");
    String[] names = {"山田太郎", "佐藤花子", "鈴木一郎", "高橋美咲"};
    for (int i = 1; i <= MEMBERS; i++) {
      int year = 1970 + 10 * (i % 4);
      survey.add(
          String.format(
              "M%04d,%s,%d-%02d-%02d,%s,%d",
              i,
              names[i % 4],
              year,
              1 + i % 12,
              1 + i % 28,
              (i / 4) % 2 == 0 ? "男性" : "女性",
              1 + i % 5));
    }
    write(surveyCsv(), String.join("\n", survey) + "\n");
    List<String> purchases = new ArrayList<>();
    purchases.add("member_id,purchased_at,category,amount");
    String[] cats = {"野菜", "飲料", "日用品"};
    for (int i = 0; i < 2 * MEMBERS; i++) {
      purchases.add(
          String.format(
              "M%04d,2026-%02d-%02d 1%d:15:00,%s,%d",
              1 + i % MEMBERS, 1 + i % 3, 1 + i % 27, i % 10, cats[i % 3], 100 + 37 * i));
    }
    write(purchasesCsv(), String.join("\n", purchases) + "\n");
  }

  /** A HOCON/JSON string literal of a path. */
  public static String quote(Path p) {
    return "\"" + p.toAbsolutePath().toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static void write(Path p, String s) throws IOException {
    Files.writeString(p, s, StandardCharsets.UTF_8);
  }
}
