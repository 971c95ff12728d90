package io.appianon.generate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Static reference data of the synthetic retailer: prefectures and cities, names, occupations,
 * stores and the product catalogue, together with the coarser groupings used by the generalization
 * hierarchies. Everything here is fictitious but shaped like real Japanese data.
 */
final class Catalog {
  private Catalog() {}

  // ------------------------------------------------------------------ geography

  record City(String name, String postalPrefix) {}

  /**
   * population in units of 10,000 (2020 census, rounded); areaCode of the main city's fixed line.
   */
  record Prefecture(
      String name, String region, double population, String areaCode, List<City> cities) {}

  static final List<String> REGIONS =
      List.of("北海道地方", "東北地方", "関東地方", "中部地方", "近畿地方", "中国地方", "四国地方", "九州・沖縄地方");

  static final List<Prefecture> PREFECTURES =
      parsePrefectures(
          """
            北海道|北海道地方|522|011|札幌市中央区:060,札幌市北区:001,札幌市豊平区:062,旭川市:070,函館市:040,釧路市:085,帯広市:080
            青森県|東北地方|124|017|青森市:030,八戸市:031,弘前市:036
            岩手県|東北地方|121|019|盛岡市:020,一関市:021,奥州市:023
            宮城県|東北地方|230|022|仙台市青葉区:980,仙台市泉区:981,石巻市:986,大崎市:989
            秋田県|東北地方|96|018|秋田市:010,横手市:013
            山形県|東北地方|107|023|山形市:990,鶴岡市:997,酒田市:998
            福島県|東北地方|183|024|福島市:960,郡山市:963,いわき市:970
            茨城県|関東地方|287|029|水戸市:310,つくば市:305,日立市:317,土浦市:300
            栃木県|関東地方|193|028|宇都宮市:320,小山市:323,足利市:326
            群馬県|関東地方|194|027|前橋市:371,高崎市:370,太田市:373
            埼玉県|関東地方|734|048|さいたま市大宮区:330,さいたま市浦和区:330,川口市:332,川越市:350,所沢市:359,越谷市:343,草加市:340
            千葉県|関東地方|628|043|千葉市中央区:260,船橋市:273,松戸市:271,市川市:272,柏市:277,浦安市:279
            東京都|関東地方|1405|03|千代田区:101,中央区:104,港区:106,新宿区:160,渋谷区:150,世田谷区:154,練馬区:176,大田区:144,江戸川区:132,足立区:120,杉並区:166,品川区:140,豊島区:170,八王子市:192,町田市:194,武蔵野市:180
            神奈川県|関東地方|924|045|横浜市西区:220,横浜市港北区:222,横浜市青葉区:225,川崎市中原区:211,川崎市川崎区:210,相模原市中央区:252,藤沢市:251,横須賀市:238
            新潟県|中部地方|220|025|新潟市中央区:951,長岡市:940,上越市:943
            富山県|中部地方|103|076|富山市:930,高岡市:933
            石川県|中部地方|113|076|金沢市:920,白山市:924,小松市:923
            福井県|中部地方|77|0776|福井市:910,敦賀市:914
            山梨県|中部地方|81|055|甲府市:400,富士吉田市:403
            長野県|中部地方|205|026|長野市:380,松本市:390,上田市:386
            岐阜県|中部地方|198|058|岐阜市:500,大垣市:503,高山市:506
            静岡県|中部地方|363|054|静岡市葵区:420,浜松市中央区:430,沼津市:410,富士市:416
            愛知県|中部地方|754|052|名古屋市中区:460,名古屋市中村区:450,名古屋市千種区:464,豊田市:471,岡崎市:444,一宮市:491,豊橋市:440
            三重県|近畿地方|177|059|津市:514,四日市市:510,鈴鹿市:513
            滋賀県|近畿地方|141|077|大津市:520,草津市:525,彦根市:522
            京都府|近畿地方|258|075|京都市中京区:604,京都市左京区:606,京都市伏見区:612,宇治市:611
            大阪府|近畿地方|884|06|大阪市北区:530,大阪市中央区:540,大阪市天王寺区:543,堺市堺区:590,東大阪市:577,豊中市:560,吹田市:564,枚方市:573
            兵庫県|近畿地方|547|078|神戸市中央区:650,神戸市東灘区:658,姫路市:670,西宮市:662,尼崎市:660,明石市:673
            奈良県|近畿地方|132|0742|奈良市:630,橿原市:634,生駒市:630
            和歌山県|近畿地方|92|073|和歌山市:640,田辺市:646
            鳥取県|中国地方|55|0857|鳥取市:680,米子市:683
            島根県|中国地方|67|0852|松江市:690,出雲市:693
            岡山県|中国地方|189|086|岡山市北区:700,倉敷市:710,津山市:708
            広島県|中国地方|280|082|広島市中区:730,広島市南区:734,福山市:720,呉市:737
            山口県|中国地方|134|083|山口市:753,下関市:750,宇部市:755
            徳島県|四国地方|72|088|徳島市:770,阿南市:774
            香川県|四国地方|95|087|高松市:760,丸亀市:763
            愛媛県|四国地方|133|089|松山市:790,今治市:794,新居浜市:792
            高知県|四国地方|69|088|高知市:780,南国市:783
            福岡県|九州・沖縄地方|514|092|福岡市博多区:812,福岡市中央区:810,福岡市早良区:814,北九州市小倉北区:802,久留米市:830
            佐賀県|九州・沖縄地方|81|0952|佐賀市:840,唐津市:847
            長崎県|九州・沖縄地方|131|095|長崎市:850,佐世保市:857,諫早市:854
            熊本県|九州・沖縄地方|174|096|熊本市中央区:860,八代市:866,天草市:863
            大分県|九州・沖縄地方|112|097|大分市:870,別府市:874,中津市:871
            宮崎県|九州・沖縄地方|107|0985|宮崎市:880,都城市:885,延岡市:882
            鹿児島県|九州・沖縄地方|159|099|鹿児島市:890,霧島市:899,鹿屋市:893
            沖縄県|九州・沖縄地方|147|098|那覇市:900,沖縄市:904,うるま市:904,浦添市:901
            """);

  static int prefectureIndex(String name) {
    for (int i = 0; i < PREFECTURES.size(); i++) {
      if (PREFECTURES.get(i).name().equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException("unknown prefecture " + name);
  }

  /** Town (町名) parts of street addresses. */
  static final String[] TOWNS = {
    "本町", "中央", "栄町", "緑町", "旭町", "幸町", "東町", "西町", "南町", "北町", "大手町", "元町", "松原", "桜台", "若葉",
    "青葉台", "泉町", "宮前", "新町", "港町", "昭和町", "平和町", "富士見", "日の出町", "柳町", "錦町", "寿町", "朝日町", "住吉町",
    "八幡町", "駅前", "城東", "城西", "春日", "天神町", "花園", "山手町", "高砂", "千歳町", "西新町", "東本町", "南台", "北野", "中島"
  };

  static final String[] BUILDING_PREFIXES = {
    "グリーン", "サン", "リバー", "パーク", "桜", "青葉", "富士", "第二", "ロイヤル", "プラザ", "コスモ", "エスポワール"
  };

  static final String[] BUILDING_SUFFIXES = {
    "ハイツ", "コーポ", "マンション", "レジデンス", "メゾン", "ヴィラ", "荘", "タワー"
  };

  // ------------------------------------------------------------------ names

  /**
   * A name part with its reading (full-width katakana) and the romanization used in e-mail
   * addresses.
   */
  record NamePart(String kanji, String kana, String romaji, double weight) {}

  /**
   * Surnames weighted by approximate frequency (units of 10,000 people); a few rare ones at the
   * end.
   */
  static final List<NamePart> SURNAMES =
      parseNames(
          """
            佐藤|サトウ|sato|187
            鈴木|スズキ|suzuki|180
            高橋|タカハシ|takahashi|142
            田中|タナカ|tanaka|134
            伊藤|イトウ|ito|108
            渡辺|ワタナベ|watanabe|107
            山本|ヤマモト|yamamoto|107
            中村|ナカムラ|nakamura|105
            小林|コバヤシ|kobayashi|104
            加藤|カトウ|kato|89
            吉田|ヨシダ|yoshida|84
            山田|ヤマダ|yamada|82
            佐々木|ササキ|sasaki|68
            山口|ヤマグチ|yamaguchi|64
            松本|マツモト|matsumoto|63
            井上|イノウエ|inoue|61
            木村|キムラ|kimura|57
            林|ハヤシ|hayashi|54
            斎藤|サイトウ|saito|54
            清水|シミズ|shimizu|53
            山崎|ヤマザキ|yamazaki|48
            森|モリ|mori|47
            池田|イケダ|ikeda|44
            橋本|ハシモト|hashimoto|44
            阿部|アベ|abe|43
            石川|イシカワ|ishikawa|43
            山下|ヤマシタ|yamashita|42
            中島|ナカジマ|nakajima|42
            石井|イシイ|ishii|41
            小川|オガワ|ogawa|40
            前田|マエダ|maeda|39
            岡田|オカダ|okada|39
            長谷川|ハセガワ|hasegawa|39
            藤田|フジタ|fujita|38
            後藤|ゴトウ|goto|37
            近藤|コンドウ|kondo|37
            村上|ムラカミ|murakami|36
            遠藤|エンドウ|endo|34
            青木|アオキ|aoki|34
            坂本|サカモト|sakamoto|33
            斉藤|サイトウ|saito|32
            福田|フクダ|fukuda|32
            太田|オオタ|ota|31
            西村|ニシムラ|nishimura|31
            藤井|フジイ|fujii|30
            金子|カネコ|kaneko|29
            岡本|オカモト|okamoto|29
            藤原|フジワラ|fujiwara|29
            中野|ナカノ|nakano|28
            三浦|ミウラ|miura|28
            原田|ハラダ|harada|28
            中川|ナカガワ|nakagawa|27
            松田|マツダ|matsuda|27
            竹内|タケウチ|takeuchi|27
            小野|オノ|ono|27
            田村|タムラ|tamura|26
            中山|ナカヤマ|nakayama|26
            和田|ワダ|wada|26
            石田|イシダ|ishida|26
            森田|モリタ|morita|25
            上田|ウエダ|ueda|25
            原|ハラ|hara|24
            内田|ウチダ|uchida|24
            柴田|シバタ|shibata|24
            酒井|サカイ|sakai|24
            宮崎|ミヤザキ|miyazaki|23
            横山|ヨコヤマ|yokoyama|23
            高木|タカギ|takagi|23
            安藤|アンドウ|ando|23
            宮本|ミヤモト|miyamoto|23
            比嘉|ヒガ|higa|3
            勅使河原|テシガワラ|teshigawara|0.05
            小鳥遊|タカナシ|takanashi|0.01
            """);

  /** Given names by generation: index 0 = born before 1960, 1 = 1960-1989, 2 = 1990 and later. */
  static final List<List<NamePart>> MALE_GIVEN =
      List.of(
          parseNames(
              """
                    清|キヨシ|kiyoshi|1
                    茂|シゲル|shigeru|1
                    勇|イサム|isamu|1
                    正|タダシ|tadashi|1
                    進|ススム|susumu|1
                    実|ミノル|minoru|1
                    博|ヒロシ|hiroshi|1
                    一郎|イチロウ|ichiro|1
                    昭|アキラ|akira|1
                    武|タケシ|takeshi|1
                    隆|タカシ|takashi|1
                    修|オサム|osamu|1
                    正雄|マサオ|masao|1
                    和夫|カズオ|kazuo|1
                    幸雄|ユキオ|yukio|1
                    勝|マサル|masaru|1
                    """),
          parseNames(
              """
                    誠|マコト|makoto|1
                    大輔|ダイスケ|daisuke|1
                    健一|ケンイチ|kenichi|1
                    直樹|ナオキ|naoki|1
                    和也|カズヤ|kazuya|1
                    達也|タツヤ|tatsuya|1
                    哲也|テツヤ|tetsuya|1
                    剛|ツヨシ|tsuyoshi|1
                    学|マナブ|manabu|1
                    健太|ケンタ|kenta|1
                    拓也|タクヤ|takuya|1
                    翔太|ショウタ|shota|1
                    亮|リョウ|ryo|1
                    浩二|コウジ|koji|1
                    秀樹|ヒデキ|hideki|1
                    洋平|ヨウヘイ|yohei|1
                    """),
          parseNames(
              """
                    蓮|レン|ren|1
                    陽翔|ハルト|haruto|1
                    湊|ミナト|minato|1
                    悠真|ユウマ|yuma|1
                    悠人|ユウト|yuto|1
                    大翔|ヒロト|hiroto|1
                    颯太|ソウタ|sota|1
                    樹|イツキ|itsuki|1
                    蒼|アオイ|aoi|1
                    翔|ショウ|sho|1
                    大輝|ダイキ|daiki|1
                    陸|リク|riku|1
                    海斗|カイト|kaito|1
                    翼|ツバサ|tsubasa|1
                    拓海|タクミ|takumi|1
                    健斗|ケント|kento|1
                    """));

  static final List<List<NamePart>> FEMALE_GIVEN =
      List.of(
          parseNames(
              """
                    和子|カズコ|kazuko|1
                    幸子|サチコ|sachiko|1
                    節子|セツコ|setsuko|1
                    洋子|ヨウコ|yoko|1
                    美代子|ミヨコ|miyoko|1
                    恵子|ケイコ|keiko|1
                    京子|キョウコ|kyoko|1
                    久美子|クミコ|kumiko|1
                    順子|ジュンコ|junko|1
                    典子|ノリコ|noriko|1
                    文子|フミコ|fumiko|1
                    千代|チヨ|chiyo|1
                    弘子|ヒロコ|hiroko|1
                    悦子|エツコ|etsuko|1
                    トミ|トミ|tomi|1
                    静子|シズコ|shizuko|1
                    """),
          parseNames(
              """
                    裕子|ユウコ|yuko|1
                    真由美|マユミ|mayumi|1
                    智子|トモコ|tomoko|1
                    直美|ナオミ|naomi|1
                    明美|アケミ|akemi|1
                    由美子|ユミコ|yumiko|1
                    愛|アイ|ai|1
                    恵|メグミ|megumi|1
                    美穂|ミホ|miho|1
                    麻衣|マイ|mai|1
                    彩|アヤ|aya|1
                    花子|ハナコ|hanako|1
                    香織|カオリ|kaori|1
                    友美|トモミ|tomomi|1
                    陽子|ヨウコ|yoko|1
                    沙織|サオリ|saori|1
                    """),
          parseNames(
              """
                    陽葵|ヒマリ|himari|1
                    結衣|ユイ|yui|1
                    葵|アオイ|aoi|1
                    結愛|ユア|yua|1
                    凜|リン|rin|1
                    芽依|メイ|mei|1
                    美咲|ミサキ|misaki|1
                    七海|ナナミ|nanami|1
                    さくら|サクラ|sakura|1
                    莉子|リコ|riko|1
                    彩花|アヤカ|ayaka|1
                    優奈|ユウナ|yuna|1
                    杏|アン|an|1
                    紬|ツムギ|tsumugi|1
                    美羽|ミウ|miu|1
                    楓|カエデ|kaede|1
                    """));

  // ------------------------------------------------------------------ person attributes

  static final String[] SEXES = {"男性", "女性", "その他"};

  /** Occupations emitted by the generator and their group in the occupation hierarchy. */
  static final Map<String, String> OCCUPATION_GROUPS =
      orderedMap(
          "会社員", "被雇用者",
          "公務員", "被雇用者",
          "パート・アルバイト", "被雇用者",
          "介護職員", "被雇用者",
          "自営業", "自営・経営",
          "会社役員", "自営・経営",
          "医師", "専門職",
          "看護師", "専門職",
          "薬剤師", "専門職",
          "教員", "専門職",
          "弁護士", "専門職",
          "宇宙飛行士", "専門職",
          "学生", "学生",
          "専業主婦・主夫", "無職・家事",
          "無職", "無職・家事",
          "農業", "第一次産業",
          "漁業", "第一次産業",
          "その他", "その他");

  /** The occupation held by exactly one member. */
  static final String RARE_OCCUPATION = "宇宙飛行士";

  static final Map<String, String> FAMILY_GROUPS =
      orderedMap(
          "単身", "単身世帯",
          "夫婦のみ", "二人以上世帯",
          "夫婦と子", "二人以上世帯",
          "ひとり親と子", "二人以上世帯",
          "三世代", "二人以上世帯",
          "その他", "二人以上世帯");

  static final String[] FAMILY_STRUCTURES = FAMILY_GROUPS.keySet().toArray(new String[0]);

  /** satisfaction label by score 1 (worst) .. 5 (best). */
  static final String[] SATISFACTION = {"", "不満", "やや不満", "どちらともいえない", "やや満足", "満足"};

  static final String[] EMAIL_DOMAINS = {"example.jp", "example.com", "example.ne.jp"};

  // ------------------------------------------------------------------ products

  record Product(String name, String category, int unitPrice) {}

  /**
   * Product category, its department in the category hierarchy, and its share of purchase lines.
   */
  record Category(String name, String department, double share) {}

  static final List<Category> CATEGORIES =
      List.of(
          new Category("野菜", "食品", 14),
          new Category("果物", "食品", 8),
          new Category("精肉", "食品", 10),
          new Category("鮮魚", "食品", 7),
          new Category("乳製品", "食品", 9),
          new Category("惣菜", "食品", 9),
          new Category("調味料", "食品", 5),
          new Category("菓子", "食品", 9),
          new Category("飲料", "飲料・酒類", 9),
          new Category("酒類", "飲料・酒類", 5),
          new Category("日用品", "生活用品", 6),
          new Category("化粧品", "生活用品", 3),
          new Category("医薬品", "生活用品", 2.5),
          new Category("ベビー用品", "生活用品", 1.5),
          new Category("ペット用品", "生活用品", 2),
          new Category("家電", "家電・衣料", 0.6),
          new Category("衣料品", "家電・衣料", 1.5));

  static final List<Product> PRODUCTS =
      parseProducts(
          """
            野菜|有機きゅうり 3本:298,国産トマト 4個:398,玉ねぎ 3玉:258,じゃがいも 1kg:348,にんじん 3本:198,キャベツ 1玉:218,レタス 1玉:178,ほうれん草 1束:158,長ねぎ 2本:198,大根 1本:168,ブロッコリー 1株:228,しいたけ 1パック:248
            果物|バナナ 1房:198,りんご ふじ 3個:498,みかん 1kg:598,いちご あまおう 1パック:798,シャインマスカット 1房:1980,キウイフルーツ 4個:398,グレープフルーツ 2個:298,桃 2個:698,メロン 1玉:1280
            精肉|国産牛切り落とし 300g:898,豚バラ薄切り 250g:498,鶏もも肉 500g:548,鶏むね肉 600g:398,合いびき肉 400g:498,黒毛和牛サーロインステーキ 200g:2980,豚ロース生姜焼き用 300g:598,あらびきウインナー 2袋:398,ロースハム 4パック:348
            鮮魚|生さけ切身 3切:498,まぐろ刺身 赤身:698,ぶり切身 2切:458,あじ開き 2枚:398,刺身盛り合わせ 5点:1480,むきえび 200g:598,ほたて貝柱 150g:898,さば塩焼き用 2切:358,釜揚げしらす 50g:298
            乳製品|牛乳 1000ml:238,プレーンヨーグルト 400g:178,プロセスチーズ 6P:248,バター 200g:448,生クリーム 200ml:298,飲むヨーグルト 900g:258,カマンベールチーズ 100g:398,バニラアイスクリーム 2L:598,モッツァレラチーズ 100g:298
            惣菜|幕の内弁当:598,鶏の唐揚げ 300g:498,ポテトサラダ 200g:258,握り寿司 8貫:880,コロッケ 4個:298,焼き鳥 5本:498,焼き餃子 12個:398,ちらし寿司:698,天ぷら盛り合わせ:598
            調味料|濃口しょうゆ 1L:298,米みそ 750g:348,上白糖 1kg:228,食塩 1kg:128,マヨネーズ 450g:298,和風だし 8袋:258,サラダ油 1000g:398,米酢 500ml:198,カレールウ 中辛:228
            菓子|ポテトチップス うすしお:158,徳用チョコレート:398,せんべい 詰め合わせ:498,クッキー アソート:598,グミ 100g:128,どら焼き 3個:298,羊かん 1本:398,アイスバー 6本入:398,ミルクキャラメル:108
            飲料|ミネラルウォーター 2L×6本:588,緑茶 525ml×24本:2280,麦茶 2L:158,オレンジジュース 1L:248,缶コーヒー ブラック 185g×30缶:2480,炭酸水 500ml×24本:1780,スポーツドリンク 2L:218,野菜ジュース 200ml×12本:980,ドリップコーヒー 20袋:698
            酒類|生ビール 350ml×6缶:1280,発泡酒 350ml×24缶:3980,純米吟醸酒 720ml:1680,芋焼酎 1.8L:2480,赤ワイン チリ産 750ml:880,ウイスキー 700ml:1980,レモンサワー 350ml×6缶:878,梅酒 720ml:1280,大吟醸 1.8L:4980
            日用品|トイレットペーパー 12ロール:498,ティッシュペーパー 5箱:398,食器用洗剤 本体:198,洗濯洗剤 詰替 超特大:798,ゴミ袋 45L 50枚:398,歯ブラシ 3本:298,歯みがき粉 120g:198,柔軟剤 詰替:498,キッチンペーパー 4ロール:298,アルカリ単三電池 8本:698
            化粧品|化粧水 しっとり 200ml:1480,乳液 150ml:1580,日焼け止め SPF50:698,シャンプー 詰替:598,コンディショナー 詰替:598,ハンドクリーム 50g:498,口紅 ローズ:1980,リキッドファンデーション:2980,洗顔フォーム 120g:598
            医薬品|総合かぜ薬 30錠:1480,解熱鎮痛薬 24錠:798,胃腸薬 36包:1280,目薬 12ml:598,湿布 24枚:980,ばんそうこう 50枚:398,ビタミンC 60日分:1280,不織布マスク 50枚:698,鼻炎薬 14日分:1980
            ベビー用品|紙おむつ Mサイズ 64枚:1680,おしりふき 80枚×3:498,粉ミルク 800g:2480,ベビーフード 6ヶ月 6個:798,哺乳びん 240ml:1580,ベビーローション 300ml:880,離乳食スプーン 2本:398,ベビー肌着 2枚組:1280,ベビーソープ:498
            ペット用品|ドッグフード 3kg:1980,キャットフード 2.5kg:1780,猫砂 7L:698,ペットシーツ レギュラー 100枚:1280,犬用ジャーキー:398,猫用おやつ ペースト 20本:698,小鳥のえさ 1kg:598,熱帯魚のえさ:298,ペット用ウェットティッシュ:298
            家電|ワイヤレスイヤホン X2:12800,電気ケトル 1.0L:3980,ドライヤー 大風量:5980,LED電球 60形 2個:1280,USB充電器 2ポート:1980,モバイルバッテリー 10000mAh:3480,電子レンジ 単機能:17800,4K液晶テレビ 50型:79800,ロボット掃除機 R5:39800,IH炊飯器 5.5合:24800,空気清浄機:21800,ノートパソコン 14型 N14:75000
            衣料品|綿混ソックス 3足組:980,半袖肌着 2枚組:1280,ボクサーパンツ 2枚組:1480,ショーツ 3枚組:1280,発熱インナー 長袖:1490,パジャマ 上下:2980,無地Tシャツ:1290,ストレートジーンズ:3980,フリースジャケット:2980,レインコート:1980
            """);

  /** The product of the one idiosyncratic bulk order (40 x 75,000 yen = 3,000,000 yen). */
  static final String BULK_PRODUCT = "ノートパソコン 14型 N14";

  static final int BULK_QUANTITY = 40;

  // ------------------------------------------------------------------ stores

  static final String ONLINE_STORE = "オンラインストア";
  static final String ONLINE_LABEL = "オンライン";

  record Store(String name, String prefecture) {
    boolean online() {
      return ONLINE_STORE.equals(name);
    }
  }

  static final List<Store> STORES =
      parseStores(
          """
            新宿店|東京都
            池袋店|東京都
            渋谷店|東京都
            銀座店|東京都
            吉祥寺店|東京都
            八王子店|東京都
            横浜駅西口店|神奈川県
            川崎店|神奈川県
            藤沢店|神奈川県
            大宮店|埼玉県
            浦和店|埼玉県
            千葉店|千葉県
            船橋店|千葉県
            柏店|千葉県
            札幌駅前店|北海道
            仙台店|宮城県
            新潟店|新潟県
            金沢店|石川県
            静岡店|静岡県
            名古屋駅前店|愛知県
            栄店|愛知県
            京都四条店|京都府
            梅田店|大阪府
            難波店|大阪府
            天王寺店|大阪府
            三宮店|兵庫県
            岡山店|岡山県
            広島店|広島県
            高松店|香川県
            松山店|愛媛県
            博多店|福岡県
            天神店|福岡県
            鹿児島店|鹿児島県
            那覇店|沖縄県
            オンラインストア|
            """);

  // ------------------------------------------------------------------ parsing helpers

  private static List<Prefecture> parsePrefectures(String text) {
    List<Prefecture> out = new ArrayList<>();
    for (String line : text.strip().split("\n")) {
      String[] f = line.strip().split("\\|");
      List<City> cities = new ArrayList<>();
      for (String c : f[4].split(",")) {
        String[] kv = c.split(":");
        cities.add(new City(kv[0], kv[1]));
      }
      if (!REGIONS.contains(f[1])) {
        throw new IllegalStateException("unknown region " + f[1]);
      }
      out.add(new Prefecture(f[0], f[1], Double.parseDouble(f[2]), f[3], List.copyOf(cities)));
    }
    if (out.size() != 47) {
      throw new IllegalStateException("expected 47 prefectures, got " + out.size());
    }
    return List.copyOf(out);
  }

  private static List<NamePart> parseNames(String text) {
    List<NamePart> out = new ArrayList<>();
    for (String line : text.strip().split("\n")) {
      String[] f = line.strip().split("\\|");
      out.add(new NamePart(f[0], f[1], f[2], Double.parseDouble(f[3])));
    }
    return List.copyOf(out);
  }

  private static List<Product> parseProducts(String text) {
    List<Product> out = new ArrayList<>();
    for (String line : text.strip().split("\n")) {
      String[] f = line.strip().split("\\|");
      if (CATEGORIES.stream().noneMatch(c -> c.name().equals(f[0]))) {
        throw new IllegalStateException("unknown category " + f[0]);
      }
      for (String p : f[1].split(",")) {
        int colon = p.lastIndexOf(':');
        out.add(new Product(p.substring(0, colon), f[0], Integer.parseInt(p.substring(colon + 1))));
      }
    }
    return List.copyOf(out);
  }

  private static List<Store> parseStores(String text) {
    List<Store> out = new ArrayList<>();
    for (String line : text.strip().split("\n")) {
      String[] f = line.strip().split("\\|", -1);
      if (!f[1].isEmpty()) {
        prefectureIndex(f[1]); // validates the name
      }
      out.add(new Store(f[0], f[1]));
    }
    return List.copyOf(out);
  }

  private static Map<String, String> orderedMap(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return Collections.unmodifiableMap(m);
  }
}
