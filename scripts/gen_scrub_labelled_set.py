#!/usr/bin/env python3
"""Writes transforms/src/test/resources/scrub/labelled-opinions-v2.tsv, the labelled set for issue 21.

Deterministic (fixed seed, no input files): run `python3 scripts/gen_scrub_labelled_set.py` and the same file comes
out. Every sentence is made from a hand-written template of a customer-survey opinion and fillers drawn from the
pools below (names, places, codes made here with their check digits). Written from scratch for issue 21, before the
detectors were changed, independently of the older tuning set labelled-opinions.tsv.

Split rule (fixed): within each form the templates are numbered; even-numbered templates give `tuning` sentences,
odd-numbered ones `held-out` sentences. The held-out half therefore has sentence shapes the tuning half never shows.
"""
import random
import sys
from pathlib import Path

R = random.Random(20261206)

# ---------------------------------------------------------------------------------------------------- fillers
# (kanji, hiragana, katakana, romaji) -- common surnames and given names, typed by hand for this set.
SURNAMES = [
    ("佐藤", "さとう", "サトウ", "Sato"), ("鈴木", "すずき", "スズキ", "Suzuki"), ("高橋", "たかはし", "タカハシ", "Takahashi"),
    ("田中", "たなか", "タナカ", "Tanaka"), ("伊藤", "いとう", "イトウ", "Ito"), ("渡辺", "わたなべ", "ワタナベ", "Watanabe"),
    ("山本", "やまもと", "ヤマモト", "Yamamoto"), ("中村", "なかむら", "ナカムラ", "Nakamura"), ("小林", "こばやし", "コバヤシ", "Kobayashi"),
    ("加藤", "かとう", "カトウ", "Kato"), ("吉田", "よしだ", "ヨシダ", "Yoshida"), ("山田", "やまだ", "ヤマダ", "Yamada"),
    ("佐々木", "ささき", "ササキ", "Sasaki"), ("山口", "やまぐち", "ヤマグチ", "Yamaguchi"), ("松本", "まつもと", "マツモト", "Matsumoto"),
    ("井上", "いのうえ", "イノウエ", "Inoue"), ("木村", "きむら", "キムラ", "Kimura"), ("清水", "しみず", "シミズ", "Shimizu"),
    ("山崎", "やまざき", "ヤマザキ", "Yamazaki"), ("池田", "いけだ", "イケダ", "Ikeda"), ("橋本", "はしもと", "ハシモト", "Hashimoto"),
    ("阿部", "あべ", "アベ", "Abe"), ("石川", "いしかわ", "イシカワ", "Ishikawa"), ("前田", "まえだ", "マエダ", "Maeda"),
    ("藤田", "ふじた", "フジタ", "Fujita"), ("小川", "おがわ", "オガワ", "Ogawa"), ("岡田", "おかだ", "オカダ", "Okada"),
    ("後藤", "ごとう", "ゴトウ", "Goto"), ("長谷川", "はせがわ", "ハセガワ", "Hasegawa"), ("村上", "むらかみ", "ムラカミ", "Murakami"),
    ("近藤", "こんどう", "コンドウ", "Kondo"), ("石井", "いしい", "イシイ", "Ishii"), ("斎藤", "さいとう", "サイトウ", "Saito"),
    ("坂本", "さかもと", "サカモト", "Sakamoto"), ("遠藤", "えんどう", "エンドウ", "Endo"), ("青木", "あおき", "アオキ", "Aoki"),
    ("藤井", "ふじい", "フジイ", "Fujii"), ("西村", "にしむら", "ニシムラ", "Nishimura"), ("福田", "ふくだ", "フクダ", "Fukuda"),
    ("太田", "おおた", "オオタ", "Ota"), ("三浦", "みうら", "ミウラ", "Miura"), ("岡本", "おかもと", "オカモト", "Okamoto"),
    ("松田", "まつだ", "マツダ", "Matsuda"), ("中川", "なかがわ", "ナカガワ", "Nakagawa"), ("中野", "なかの", "ナカノ", "Nakano"),
    ("原田", "はらだ", "ハラダ", "Harada"), ("小野", "おの", "オノ", "Ono"), ("竹内", "たけうち", "タケウチ", "Takeuchi"),
    ("金子", "かねこ", "カネコ", "Kaneko"), ("和田", "わだ", "ワダ", "Wada"), ("中山", "なかやま", "ナカヤマ", "Nakayama"),
    ("石田", "いしだ", "イシダ", "Ishida"), ("上田", "うえだ", "ウエダ", "Ueda"), ("森田", "もりた", "モリタ", "Morita"),
    ("原", "はら", "ハラ", "Hara"), ("柴田", "しばた", "シバタ", "Shibata"), ("酒井", "さかい", "サカイ", "Sakai"),
    ("工藤", "くどう", "クドウ", "Kudo"), ("横山", "よこやま", "ヨコヤマ", "Yokoyama"), ("宮崎", "みやざき", "ミヤザキ", "Miyazaki"),
    ("宮本", "みやもと", "ミヤモト", "Miyamoto"), ("内田", "うちだ", "ウチダ", "Uchida"), ("高木", "たかぎ", "タカギ", "Takagi"),
    ("安藤", "あんどう", "アンドウ", "Ando"), ("谷口", "たにぐち", "タニグチ", "Taniguchi"), ("大野", "おおの", "オオノ", "Ono"),
    ("丸山", "まるやま", "マルヤマ", "Maruyama"), ("今井", "いまい", "イマイ", "Imai"), ("河野", "こうの", "コウノ", "Kono"),
    ("藤原", "ふじわら", "フジワラ", "Fujiwara"), ("小島", "こじま", "コジマ", "Kojima"), ("村田", "むらた", "ムラタ", "Murata"),
    ("武田", "たけだ", "タケダ", "Takeda"), ("上野", "うえの", "ウエノ", "Ueno"), ("杉山", "すぎやま", "スギヤマ", "Sugiyama"),
    ("増田", "ますだ", "マスダ", "Masuda"), ("平野", "ひらの", "ヒラノ", "Hirano"), ("大塚", "おおつか", "オオツカ", "Otsuka"),
    ("千葉", "ちば", "チバ", "Chiba"), ("久保", "くぼ", "クボ", "Kubo"), ("松井", "まつい", "マツイ", "Matsui"),
    ("小山", "こやま", "コヤマ", "Koyama"), ("岩崎", "いわさき", "イワサキ", "Iwasaki"), ("桜井", "さくらい", "サクライ", "Sakurai"),
    ("野口", "のぐち", "ノグチ", "Noguchi"), ("松尾", "まつお", "マツオ", "Matsuo"), ("菊地", "きくち", "キクチ", "Kikuchi"),
    ("野村", "のむら", "ノムラ", "Nomura"), ("新井", "あらい", "アライ", "Arai"), ("渡部", "わたなべ", "ワタナベ", "Watanabe"),
]
# Surnames that are also ordinary words or rare; in the set they always come with a cue.
RARE_SURNAMES = [
    ("森", "もり", "モリ", "Mori"), ("林", "はやし", "ハヤシ", "Hayashi"), ("東", "あずま", "アズマ", "Azuma"),
    ("星", "ほし", "ホシ", "Hoshi"), ("岸", "きし", "キシ", "Kishi"), ("関", "せき", "セキ", "Seki"),
    ("南", "みなみ", "ミナミ", "Minami"), ("小鳥遊", "たかなし", "タカナシ", "Takanashi"), ("春日", "かすが", "カスガ", "Kasuga"),
    ("犬飼", "いぬかい", "イヌカイ", "Inukai"), ("鶴", "つる", "ツル", "Tsuru"), ("金持", "かねもち", "カネモチ", "Kanemochi"),
    ("寺", "てら", "テラ", "Tera"), ("牛島", "うしじま", "ウシジマ", "Ushijima"), ("五月女", "そうとめ", "ソウトメ", "Sotome"),
    ("月見里", "やまなし", "ヤマナシ", "Yamanashi"), ("一", "にのまえ", "ニノマエ", "Ninomae"), ("百目鬼", "どうめき", "ドウメキ", "Domeki"),
    ("雲母", "きら", "キラ", "Kira"), ("猿渡", "さるわたり", "サルワタリ", "Saruwatari"), ("今日", "きょう", "キョウ", "Kyo"),
    ("海老原", "えびはら", "エビハラ", "Ebihara"), ("鬼塚", "おにづか", "オニヅカ", "Onizuka"), ("桃", "もも", "モモ", "Momo"),
]
GIVEN = [
    ("太郎", "たろう", "タロウ", "Taro"), ("花子", "はなこ", "ハナコ", "Hanako"), ("一郎", "いちろう", "イチロウ", "Ichiro"),
    ("健太", "けんた", "ケンタ", "Kenta"), ("翔太", "しょうた", "ショウタ", "Shota"), ("大輔", "だいすけ", "ダイスケ", "Daisuke"),
    ("直樹", "なおき", "ナオキ", "Naoki"), ("拓也", "たくや", "タクヤ", "Takuya"), ("美咲", "みさき", "ミサキ", "Misaki"),
    ("陽子", "ようこ", "ヨウコ", "Yoko"), ("恵子", "けいこ", "ケイコ", "Keiko"), ("裕子", "ゆうこ", "ユウコ", "Yuko"),
    ("誠", "まこと", "マコト", "Makoto"), ("浩", "ひろし", "ヒロシ", "Hiroshi"), ("修", "おさむ", "オサム", "Osamu"),
    ("由美", "ゆみ", "ユミ", "Yumi"), ("真理子", "まりこ", "マリコ", "Mariko"), ("結衣", "ゆい", "ユイ", "Yui"),
    ("蓮", "れん", "レン", "Ren"), ("陽菜", "ひな", "ヒナ", "Hina"), ("大翔", "ひろと", "ヒロト", "Hiroto"),
    ("さくら", "さくら", "サクラ", "Sakura"), ("健一", "けんいち", "ケンイチ", "Kenichi"), ("和也", "かずや", "カズヤ", "Kazuya"),
    ("明美", "あけみ", "アケミ", "Akemi"), ("智子", "ともこ", "トモコ", "Tomoko"), ("隆", "たかし", "タカシ", "Takashi"),
    ("優子", "ゆうこ", "ユウコ", "Yuko"), ("亮", "りょう", "リョウ", "Ryo"), ("達也", "たつや", "タツヤ", "Tatsuya"),
    ("彩", "あや", "アヤ", "Aya"), ("奈々", "なな", "ナナ", "Nana"), ("翼", "つばさ", "ツバサ", "Tsubasa"),
    ("雄一", "ゆういち", "ユウイチ", "Yuichi"), ("純子", "じゅんこ", "ジュンコ", "Junko"), ("光", "ひかる", "ヒカル", "Hikaru"),
    ("美穂", "みほ", "ミホ", "Miho"), ("悠人", "ゆうと", "ユウト", "Yuto"), ("葵", "あおい", "アオイ", "Aoi"),
    ("正人", "まさと", "マサト", "Masato"),
]

STORES = ["新宿店", "渋谷店", "梅田店", "天神店", "栄店", "札幌駅前店", "横浜西口店", "京都四条店", "仙台一番町店",
          "広島本通店", "駅前店", "本店", "イオンモール店", "郊外の店舗", "那覇国際通り店", "金沢香林坊店"]
PRODUCTS = ["おにぎり", "食パン", "牛乳", "お弁当", "冷凍餃子", "洗剤", "トイレットペーパー", "ヨーグルト", "カップ麺",
            "ドレッシング", "コーヒー豆", "ミネラルウォーター", "サラダ", "唐揚げ", "豆腐", "卵", "バナナ", "柔軟剤"]
BRANDS = ["明治", "森永", "ヤマザキ", "日清", "キッコーマン", "サントリー", "キリン", "花王", "ライオン", "味の素",
          "カルビー", "ハウス", "ヤマダ電機", "ニトリ", "無印良品", "ユニクロ", "トヨタ", "松坂屋", "高島屋", "伊藤園",
          "森永乳業", "山崎製パン", "丸亀製麺", "吉野家", "松屋", "コジマ", "ケーズデンキ", "ビックカメラ"]
PLACES = ["東京", "大阪", "京都", "札幌", "福岡", "名古屋", "横浜", "神戸", "仙台", "広島", "沖縄", "北海道", "宮崎",
          "長野", "静岡", "新潟", "鹿児島", "熊本", "金沢", "奈良"]

# ---------------------------------------------------------------------------------------------------- codes
KANJI_DIGITS = "〇一二三四五六七八九"


def kanji_digits(s):
    return "".join(KANJI_DIGITS[int(c)] if c.isdigit() else c for c in s)


def kanji_positional(n):
    """1234 -> 千二百三十四 (n < 10000)."""
    if n == 0:
        return "〇"
    out = ""
    for value, ch in ((1000, "千"), (100, "百"), (10, "十")):
        q, n = divmod(n, value)
        if q:
            out += ("" if q == 1 else KANJI_DIGITS[q]) + ch
    if n:
        out += KANJI_DIGITS[n]
    return out


def fullwidth(s):
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else ("\u3000" if c == " " else c) for c in s)


def digits(n):
    return "".join(str(R.randrange(10)) for _ in range(n))


def my_number():
    first = str(R.randrange(1, 10)) + digits(10)
    s = 0
    for n in range(1, 12):
        p = int(first[11 - n])
        q = n + 1 if n <= 6 else n - 5
        s += p * q
    r = s % 11
    return first + str(0 if r <= 1 else 11 - r)


def luhn_complete(payload):
    total = 0
    dbl = True
    for c in reversed(payload):
        d = int(c)
        if dbl:
            d *= 2
            if d > 9:
                d -= 9
        total += d
        dbl = not dbl
    return payload + str((10 - total % 10) % 10)


CARD_IINS = [("4", 16), ("51", 16), ("53", 16), ("55", 16), ("2221", 16), ("2345", 16), ("2720", 16), ("3528", 16),
             ("3566", 16), ("3589", 16), ("62", 16), ("6212", 19), ("37", 15), ("34", 15), ("36", 14), ("6011", 16),
             ("65", 16), ("81", 16), ("60", 16), ("9", 16), ("1800", 16), ("356", 17)]


def card():
    iin, length = R.choice(CARD_IINS)
    return luhn_complete(iin + digits(length - len(iin) - 1))


def not_luhn(n):
    while True:
        s = str(R.randrange(1, 10)) + digits(n - 1)
        if luhn_complete(s[:-1]) != s:
            return s


def not_my_number():
    while True:
        s = str(R.randrange(1, 10)) + digits(11)
        if my_number_ok(s) is False:
            return s


def my_number_ok(s):
    tot = 0
    for n in range(1, 12):
        tot += int(s[11 - n]) * (n + 1 if n <= 6 else n - 5)
    r = tot % 11
    return int(s[11]) == (0 if r <= 1 else 11 - r)


def group(s, sizes, sep):
    out, i = [], 0
    for k in sizes:
        out.append(s[i:i + k])
        i += k
    return sep.join(out)


def mobile():
    return R.choice(["090", "080", "070"]) + digits(8)


def landline():
    return R.choice([("03", 4), ("06", 4), ("045", 3), ("052", 3), ("075", 3), ("092", 3), ("011", 3), ("0466", 2)])


def phone_forms():
    m = mobile()
    forms = {
        "phone-hyphen": group(m, (3, 4, 4), "-"),
        "phone-space": group(m, (3, 4, 4), " "),
        "phone-dot": group(m, (3, 4, 4), "."),
        "phone-choon": group(m, (3, 4, 4), "ー"),
        "phone-fullwidth": fullwidth(group(m, (3, 4, 4), "-")),
        "phone-plain": m,
        "phone-kanji": kanji_digits(m),
        "phone-kanji-sep": kanji_digits(group(m, (3, 4, 4), R.choice(["ー", "-", " ", "・"]))),
        "phone-intl": "+81-" + m[1:3] + "-" + m[3:7] + "-" + m[7:],
    }
    area, mid = landline()
    ln = area + digits(10 - len(area))
    forms["phone-landline"] = R.choice([group(ln, (len(area), mid, 4), "-"),
                                        "(" + area + ")" + ln[len(area):len(area) + mid] + "-" + ln[-4:]])
    forms["phone-positional"] = kanji_digits(m[:3]) + "の" + kanji_positional(int(m[3:7]) if m[3] != "0" else 1234) \
        + "の" + kanji_positional(int(m[7:]) if m[7] != "0" else 5678)
    return forms


def fix_positional(s):
    return s


LOCALS = ["taro.yamada", "hanako_s", "k.tanaka", "yumi1988", "shota.ito", "m-kimura", "sato.kenta", "aoi.n",
          "naoki_w", "keiko.fujii", "ryo2000", "h.matsuda", "misaki.o", "info.kobayashi", "yuto.k77"]
DOMAINS = [("example", "jp"), ("example", "co.jp"), ("mail", "com"), ("docomo", "ne.jp"), ("ezweb", "ne.jp"),
           ("softbank", "ne.jp"), ("gmail", "com"), ("yahoo", "co.jp"), ("icloud", "com"), ("outlook", "jp")]


def email_forms():
    loc = R.choice(LOCALS)
    dom, tld = R.choice(DOMAINS)
    full = dom + "." + tld
    spaced_tld = " dot ".join(tld.split("."))
    return {
        "email-plain": loc + "@" + full,
        "email-fullwidth": fullwidth(loc + "@" + full),
        "email-space-at": loc + R.choice([" @ ", " @", "@ "]) + full,
        "email-at-dot": loc + " at " + dom + " dot " + spaced_tld,
        "email-bracket": loc + R.choice(["[at]", "(at)", " [at] "]) + dom + R.choice(["[dot]", "(dot)", "."]) + tld,
        "email-atmark": loc + R.choice(["アットマーク", " アットマーク ", "あっとまーく"]) + full,
        "email-atmark-dot": loc + "アットマーク" + dom + "ドット" + "ドット".join(tld.split(".")),
        "email-space-dot": loc.replace(".", " . ") + " @ " + dom + " . " + " . ".join(tld.split(".")),
    }


def passport():
    return R.choice(["TK", "TZ", "MU", "TR", "TS", "MZ"]) + digits(7)


def licence():
    return R.choice(["30", "44", "62", "50", "12", "92"]) + digits(10)


# ---------------------------------------------------------------------------------------------------- addresses
WARDS = [("東京都", "新宿区", "西新宿"), ("東京都", "世田谷区", "桜新町"), ("東京都", "杉並区", "阿佐谷南"),
         ("神奈川県", "横浜市中区", "山下町"), ("大阪府", "大阪市北区", "梅田"), ("大阪府", "堺市堺区", "南瓦町"),
         ("愛知県", "名古屋市中区", "栄"), ("福岡県", "福岡市中央区", "天神"), ("兵庫県", "神戸市中央区", "三宮町"),
         ("埼玉県", "さいたま市浦和区", "高砂"), ("千葉県", "船橋市", "本町"), ("宮城県", "仙台市青葉区", "一番町"),
         ("広島県", "広島市中区", "紙屋町"), ("静岡県", "浜松市中央区", "鍛冶町"), ("東京都", "練馬区", "豊玉北"),
         ("東京都", "町田市", "原町田"), ("北海道", "旭川市", "宮下通")]
KYOTO_STREETS = ["烏丸通", "四条通", "河原町通", "堀川通", "今出川通", "丸太町通", "御池通", "寺町通", "新町通",
                 "室町通", "西洞院通", "高倉通", "五条通", "二条通", "松原通", "綾小路通"]
KYOTO_CROSS = ["御池", "四条", "蛸薬師", "錦小路", "六角", "三条", "烏丸", "高倉", "堺町", "東洞院", "仏光寺", "柳馬場"]
KYOTO_DIR = ["上ル", "下ル", "東入", "西入", "上る", "下る", "東入ル", "西入ル"]
KYOTO_TOWNS = ["長刀鉾町", "二条殿町", "笋町", "菊屋町", "大黒町", "元竹田町", "骨屋町", "石屋町", "亀屋町"]
KYOTO_WARDS = ["中京区", "下京区", "上京区"]
BUILDINGS = ["サンハイツ", "メゾン桜", "グランドハイツ青山", "コーポ山本", "パークマンション", "レジデンス栄",
             "第二松本ビル", "ライオンズマンション梅田", "ハイム緑", "さくら荘", "シティタワー天神"]


def number_form(n, kanji):
    return kanji_positional(n) if kanji else str(n)


def address_forms():
    pref, city, town = R.choice(WARDS)
    a, b, c = R.randrange(1, 9), R.randrange(1, 30), R.randrange(1, 20)
    prefix = R.choice([pref + city, city, pref + city])
    room = R.randrange(1, 9) * 100 + R.randrange(1, 12)
    kyoto = ("京都市" + R.choice(KYOTO_WARDS) + R.choice(KYOTO_STREETS) + R.choice(KYOTO_CROSS) + R.choice(KYOTO_DIR)
             + R.choice(KYOTO_TOWNS))
    lot = R.randrange(10, 700)
    return {
        "address-hyphen": prefix + town + f"{a}-{b}-{c}",
        "address-chome": prefix + town + f"{a}丁目{b}番{c}号",
        "address-kanji": prefix + town + number_form(a, True) + "丁目" + number_form(b, True) + "番地"
                         + number_form(c, True) + "号",
        "address-kanji-ban": prefix + town + number_form(a, True) + "丁目" + number_form(b, True) + "番"
                             + number_form(c, True) + "号",
        "address-kanji-digits": prefix + town + kanji_digits(str(a)) + "丁目" + kanji_digits(str(b)) + "の"
                                + kanji_digits(str(c)),
        "address-banchi": prefix + town + f"{lot}番地",
        "address-building": prefix + town + f"{a}-{b}-{c} " + R.choice(BUILDINGS) + f"{room}号室",
        "address-building-kanji": prefix + town + number_form(a, True) + "丁目" + number_form(b, True) + "番"
                                  + number_form(c, True) + "号" + R.choice(BUILDINGS) + number_form(room, True) + "号室",
        "address-kyoto": kyoto + f"{lot}番地",
        "address-kyoto-kanji": kyoto + number_form(lot, True) + "番地",
        "address-kyoto-plain": kyoto + f"{lot}",
        "address-kyoto-pref": "京都府" + kyoto + f"{lot}番地",
    }


# ---------------------------------------------------------------------------------------------------- templates
# Each form: (family, kind label, value maker, [templates]); {V} is the labelled value, {S} a store, {P} a product,
# {B} a brand, {L} a place.
def v(form):
    return lambda: phone_forms()[form]


def e(form):
    return lambda: email_forms()[form]


def a(form):
    return lambda: address_forms()[form]


PHONE_T = [
    "折り返しの電話は{V}までお願いします。",
    "連絡先は{V}です。平日の夜なら出られます。",
    "在庫が入ったら{V}に電話をください。",
    "{S}の店員さんに{V}を伝えたのに連絡が来ません。",
    "携帯番号：{V}（日中はつながりにくいです）",
    "配達の件で{V}へショートメールを送ってほしいです。",
    "私の番号{V}に留守電を残してください。",
    "{P}の予約をしたいので、{V}まで折り返しお願いします！",
]
MYNUM_T = [
    "マイナンバーカードのコピーを渡してしまいました。番号は{V}です。",
    "個人番号{V}を書いた紙をレジに置き忘れました。",
    "アンケートに{V}と書いてしまったので消してください。",
    "ポイント登録で{V}（マイナンバー）を聞かれたのは不安です。",
    "私のマイナンバーは{V}ですが、必要でしたか？",
    "番号 {V} を誤って記入しました、削除をお願いします。",
]
CARD_T = [
    "クレジットカード（{V}）で二重に請求されています。",
    "カード番号{V}の引き落としが二回ありました。",
    "{S}で使ったカード {V} の明細がおかしいです。",
    "支払いに使ったのは{V}のカードです。返金はこちらへ。",
    "{V}で決済したのにポイントが付きませんでした。",
    "レシートにカード番号が全部印字されていた（{V}）。危ないと思う。",
]
EMAIL_T = [
    "返事は{V}にお願いします。",
    "メールアドレス：{V}",
    "キャンペーンの案内を{V}に送ってください。",
    "{S}の件、詳細は{V}までご連絡ください。",
    "登録メールを{V}に変更したいです。",
    "領収書は {V} 宛てにPDFで送ってもらえますか。",
]
POSTAL_T = [
    "新しい住所の郵便番号は〒{V}です。",
    "郵便番号{V}宛てに送ってください。",
    "カタログを〒{V}の自宅に届けてほしい。",
    "〒{V}に引っ越しました。",
]
PASSPORT_T = [
    "免税手続きで旅券番号{V}を控えられました。",
    "パスポート番号は{V}です。",
    "旅券番号：{V}のコピーを返してください。",
    "パスポート（{V}）を提示したのに免税にならなかった。",
]
LICENSE_T = [
    "本人確認で免許証番号{V}を書かされました。",
    "運転免許証の番号は{V}です。",
    "免許証番号：{V}を入力したらエラーになった。",
    "駐車券の手続きで免許番号 {V} を伝えました。",
]
IDNUM_T = [
    "{L}で保険証番号{V}を見せました。",
    "基礎年金番号{V}を書く欄があったのはなぜですか。",
    "返金は口座番号{V}へお願いします。",
    "会員番号{V}のポイントが消えていました。",
    "会員番号は{V}です。住所変更をお願いします。",
    "口座番号：普通 {V} に振り込んでください。",
    "保険証の番号 {V} をコピーされたのが気になります。",
    "年金手帳の基礎年金番号は{V}です。",
]
ADDRESS_T = [
    "住所は{V}です。",
    "カタログを{V}に送ってください。",
    "{V}に引っ越したので登録を変えてほしい。",
    "配達先：{V}",
    "自宅（{V}）まで配送をお願いできますか。",
    "{V}の近くに店舗を作ってほしいです。",
    "先月から{V}に住んでいます。",
    "届け先は{V}、不在なら宅配ボックスへ。",
]


def surname():
    return R.choice(SURNAMES)


def given():
    return R.choice(GIVEN)


def rare():
    return R.choice(RARE_SURNAMES)


NAME_FORMS = {
    # form: (value maker, templates)
    "name-kanji-honorific": (lambda: surname()[0] + given()[0] if R.random() < 0.3 else surname()[0], [
        "担当の{V}さんがとても親切でした。", "{V}様のおかげで無事に返品できました。", "{V}さんの笑顔に癒されます。",
        "{S}の{V}さんに質問したら丁寧に教えてくれた。", "レジの{V}さんは仕事が速い。", "{V}様にお礼を伝えてください。"]),
    "name-suffix-variety": (lambda: surname()[0], [
        "{V}氏の説明は分かりやすかった。", "{V}君の接客が良かった。", "アルバイトの{V}くんが頑張っていた。",
        "{V}ちゃんがいつも元気に挨拶してくれる。", "{V}店長によろしくお伝えください。", "{V}先生に勧められて来店しました。"]),
    "name-lone-surname": (lambda: surname()[0], [
        "昨日のレジは{V}が担当していたが、態度が悪かった。", "夫の{V}が代わりに受け取りに行きます。",
        "{V}が電話した件の続きです。", "娘の{V}から聞いた話ですが、{S}は混んでいたそうです。",
        "前回対応してくれたのは{V}でした。", "{V}に確認してから返事をください。"]),
    "name-self-intro": (lambda: surname()[0] + given()[0], [
        "{V}と申します。先日の件でご連絡しました。", "{V}です。注文の変更をお願いします。",
        "はじめまして、{V}と言います。", "{V}と申しますが、返金はまだでしょうか。"]),
    "name-role": (lambda: surname()[0], [
        "担当者の{V}から連絡がありませんでした。", "店員の{V}という人の態度が悪い。", "スタッフの{V}の説明が丁寧だった。",
        "配達員の{V}が荷物を投げていた。", "氏名：{V}", "薬剤師の{V}が親身に相談に乗ってくれた。"]),
    "name-kanji-space": (lambda: surname()[0] + R.choice([" ", "\u3000"]) + given()[0], [
        "{V}より、商品の件でお問い合わせです。", "記入者 {V}", "{V}です。よろしくお願いします。",
        "申込者は{V}で登録しています。", "お名前：{V}", "{V}の名前でポイントカードを作りました。"]),
    "name-kanji-full": (lambda: surname()[0] + given()[0], [
        "{V}宛てに届いた荷物が破損していました。", "会員の{V}です。", "代理で{V}が受け取ります。",
        "{V}の口座に返金してください。"]),
    "name-katakana": (lambda: (lambda s, g: R.choice([s[2] + " " + g[2], s[2] + "\u3000" + g[2], s[2] + "・" + g[2]]))(
        surname(), given()), [
        "予約名は{V}です。", "{V}で登録しています。", "宛名が{V}になっていました。", "受取人：{V}",
        "フリガナ欄に{V}と書きました。", "{V}さんの名札が見えました。"]),
    "name-katakana-surname": (lambda: surname()[2], [
        "レジの{V}さんが親切でした。", "{V}様宛ての荷物です。", "{V}さんという店員に助けられた。",
        "担当の{V}さんにお礼を言いたい。"]),
    "name-hiragana": (lambda: (lambda s, g: R.choice([s[1] + " " + g[1], s[1] + g[1] + "", s[1]]))(surname(), given()), [
        "{V}さんがいつも丁寧です。", "子どもの名札に{V}と書いてあったのでレジで呼ばれた。", "{V}さんに感謝しています。",
        "店員の{V}さんが優しかった。"]),
    "name-given-hiragana": (lambda: given()[1], [
        "{V}ちゃんが毎回おまけをくれる。", "娘の{V}が喜んでいました。", "{V}くんの誕生日ケーキを予約しました。",
        "スタッフの{V}さんが明るい。"]),
    "name-romaji-given-family": (lambda: (lambda s, g: g[3] + " " + s[3])(surname(), given()), [
        "My name is {V}. Please call me back.", "担当は{V}さんでした。", "{V}として登録しています。",
        "署名：{V}"]),
    "name-romaji-family-upper": (lambda: (lambda s, g: s[3].upper() + " " + g[3])(surname(), given()), [
        "パスポート表記は{V}です。", "{V}の名前で予約しました。", "カードの名義は{V}です。", "Name: {V}"]),
    "name-romaji-comma": (lambda: (lambda s, g: s[3] + ", " + g[3])(surname(), given()), [
        "名義：{V}", "{V}（予約者）", "宛名は{V}で印刷してください。", "Contact: {V}"]),
    "name-romaji-family-given": (lambda: (lambda s, g: s[3] + " " + g[3])(surname(), given()), [
        "{V}と申します。", "担当者は{V}さんでした。", "サインは{V}でお願いしました。", "{V}様宛てで送ってください。"]),
    "name-rare-surname": (lambda: rare()[0], [
        "店員の{V}さんがとても感じが良かった。", "{V}様、いつもありがとうございます。", "{V}と申します。先週の注文の件です。",
        "担当の{V}さんに伝えてください。", "レジの{V}さんは丁寧です。", "{V}店長の対応に感謝します。"]),
    "name-multiline": (lambda: surname()[0] + (given()[0] if R.random() < 0.5 else ""), [
        "「ありがとうございました。\n{V}さんにもよろしく」と伝えてください。",
        "店員さんに言われたこと：\n「{V}が担当します」\nとのことでした。",
        "メモ：\n受取人 {V}\n時間指定なし",
        "「先日は\n{V}様に大変お世話になりました」",
    ]),
}

NEGATIVE_T = [
    "{S}の品揃えが良く、毎週通っています。", "{P}が{price}円から{price2}円に値上がりしていた。",
    "{L}産の{P}がおいしかったです。", "{B}の{P}をもっと置いてほしい。", "{date}に購入した{P}が破損していました。",
    "{S}は駐車場が狭くて停めにくい。", "店員さんの対応がとても丁寧でした。", "お客様への挨拶が気持ちいいです。",
    "レジが{n}台しか開いていなかった。", "{P}を{n}個買ったら一個おまけしてくれた。", "型番{model}の在庫がいつもない。",
    "注文番号{order}の配送が遅れています。", "{L}に行ったついでに寄りました。", "{B}のセールはいつですか？",
    "皆様のおかげで楽しく買い物ができました。", "お子様連れにも優しいお店です。", "{time}頃はいつも混んでいます。",
    "ポイントが{price}ポイント貯まりました。", "{S}の{P}売り場が分かりにくい。", "{L}の{S}より品数が少ない。",
    "追跡番号 {track} で調べても荷物が見つかりません。", "三千円以上で送料無料なのは嬉しい。", "賞味期限が{date}の{P}が並んでいた。",
    "京都の四条通りは人が多い。", "烏丸通沿いの店舗にも行きました。", "{B}の新商品が美味しかった。",
    "令和八年四月一日から営業時間が変わるそうですね。", "レシート番号{order}の返品をお願いしたい。",
    "{n}月から{P}の値段が上がった気がします。", "一人で来店しても気軽に利用できます。", "赤ちゃん用品をもっと増やしてほしい。",
    "第三土曜日のセールは毎回楽しみです。", "{L}駅から徒歩{n}分で便利です。", "{P}（{price}円）が品切れでした。",
    "JANコード{jan}の商品が見つからない。", "{B}と{B2}のコラボ商品が欲しいです。", "店長さんにお礼を伝えてください。",
    "{S}の二階にあるカフェが好きです。", "{P}のサイズは{n}号ではなく{n2}号が欲しい。", "三丁目の交差点が危ないです。",
    "森の中にあるような雰囲気の店内です。", "東口の入口が分かりにくいです。", "林檎が安くて新鮮でした。",
    "星が一つ足りない評価です。", "今日は店員さんが少なかった。", "南国フェアの{P}が美味しい。",
    "神様みたいに親切な店員さんでした。", "運転手さんの運転が丁寧でした。", "桜の季節限定の{P}が出ていた。",
    "{price}円の{P}を{n}つ買いました。", "ご馳走様でした、また来ます。", "お疲れ様です、いつも助かっています。",
    "{B}のポイントカードが使えるようにしてほしい。", "製造番号{order}の商品がリコール対象か知りたい。",
    "問い合わせ番号 {track} の件はどうなりましたか。", "{L}市の{S}にも同じ商品を置いてください。",
    "{n}番レジの店員さんが早かった。", "{date}から{date2}まで休業と聞きました。", "全部で{price}円でした。",
    "Great service at the {Lr} store, thank you!", "Please stock more {Pr}.", "SKU {model} is always sold out.",
]
PRODUCTS_EN = ["oat milk", "gluten-free bread", "green tea", "rice crackers", "organic eggs"]
PLACES_EN = ["Shinjuku", "Umeda", "Kyoto", "Sapporo", "Tenjin"]


def fill(template, value=None):
    price = R.choice([98, 128, 198, 298, 398, 980, 1280, 1480, 2980, 12800])
    price_s = R.choice([str(price), f"{price:,}"])
    month = R.randrange(1, 13)
    day = R.randrange(1, 29)
    date = R.choice([f"2026年{month}月{day}日", f"2026-{month:02d}-{day:02d}", f"2026/{month}/{day}", f"{month}月{day}日"])
    date2 = f"{month}月{min(day + 3, 28)}日"
    model = R.choice(["KJ-55X9500H", "AB-2041", "SV-1200-BK", "NX-300", "TX-43LZ1800", "RZ-7700"])
    order = R.choice([digits(10), digits(12), digits(14), digits(8)])
    track = group(not_luhn(12), (4, 4, 4), " ")
    jan = "49" + digits(11)
    repl = {
        "{V}": value or "", "{S}": R.choice(STORES), "{P}": R.choice(PRODUCTS), "{B}": R.choice(BRANDS),
        "{B2}": R.choice(BRANDS), "{L}": R.choice(PLACES), "{price}": price_s, "{price2}": str(price + 100),
        "{date}": date, "{date2}": date2, "{n}": str(R.randrange(2, 9)), "{n2}": str(R.randrange(9, 13)),
        "{model}": model, "{order}": order, "{time}": f"{R.randrange(10, 21)}:{R.choice(['00', '30'])}",
        "{track}": track, "{jan}": jan, "{Lr}": R.choice(PLACES_EN), "{Pr}": R.choice(PRODUCTS_EN),
    }
    out = template
    for k, rv in repl.items():
        out = out.replace(k, rv)
    return out


def build():
    rows = []  # (split, family, form, text, labels)

    def add(form, family, kind, maker, templates, count):
        for i in range(count):
            t_idx = i % len(templates)
            split = "tuning" if t_idx % 2 == 0 else "held-out"
            value = maker()
            text = fill(templates[t_idx], value)
            labels = [(kind, value)]
            rows.append((split, family, form, text, labels))

    for form in ["phone-hyphen", "phone-space", "phone-dot", "phone-choon", "phone-fullwidth", "phone-plain",
                 "phone-kanji", "phone-kanji-sep", "phone-intl", "phone-landline", "phone-positional"]:
        add(form, "codes", "PHONE", v(form), PHONE_T, 24)

    def mn(fmt):
        def make():
            d = my_number()
            return fmt(d)
        return make

    mynum_forms = {
        "mynumber-space": lambda d: group(d, (4, 4, 4), " "),
        "mynumber-hyphen": lambda d: group(d, (4, 4, 4), "-"),
        "mynumber-dot": lambda d: group(d, (4, 4, 4), "."),
        "mynumber-plain": lambda d: d,
        "mynumber-fullwidth": lambda d: fullwidth(group(d, (4, 4, 4), R.choice([" ", "-", ""]))),
        "mynumber-choon": lambda d: group(d, (4, 4, 4), "ー"),
        "mynumber-kanji": lambda d: kanji_digits(group(d, (4, 4, 4), R.choice(["", " ", "\u3000", "-"]))),
    }
    for form, fmt in mynum_forms.items():
        add(form, "codes", "MYNUMBER", mn(fmt), MYNUM_T, 20)

    card_forms = {
        "card-space": lambda c: " ".join(c[i:i + 4] for i in range(0, len(c), 4)),
        "card-hyphen": lambda c: "-".join(c[i:i + 4] for i in range(0, len(c), 4)),
        "card-plain": lambda c: c,
        "card-fullwidth": lambda c: fullwidth(" ".join(c[i:i + 4] for i in range(0, len(c), 4))),
        "card-dot": lambda c: ".".join(c[i:i + 4] for i in range(0, len(c), 4)),
    }
    for form, fmt in card_forms.items():
        add(form, "codes", "CARD", (lambda f: lambda: f(card()))(fmt), CARD_T, 30)
    add("card-kanji", "codes", "CARD", lambda: kanji_digits(" ".join((lambda c: [c[i:i + 4] for i in range(0, len(c), 4)])(card()))),
        CARD_T, 12)

    for form in ["email-plain", "email-fullwidth", "email-space-at", "email-at-dot", "email-bracket", "email-atmark",
                 "email-atmark-dot", "email-space-dot"]:
        add(form, "codes", "EMAIL", e(form), EMAIL_T, 18)

    postal = {
        "postal-hyphen": lambda: group(digits(7).replace("0", "1", 1), (3, 4), "-"),
        "postal-kanji": lambda: kanji_digits(group(digits(7), (3, 4), R.choice(["-", "ー"]))),
        "postal-fullwidth": lambda: fullwidth(group(digits(7), (3, 4), "-")),
    }
    for form, mk in postal.items():
        add(form, "codes", "POSTAL", mk, POSTAL_T, 16)

    add("passport-plain", "codes", "PASSPORT", passport, PASSPORT_T, 16)
    add("passport-spaced", "codes", "PASSPORT", lambda: (lambda p: p[:2] + R.choice([" ", "-"]) + p[2:])(passport()),
        PASSPORT_T, 12)
    add("license-plain", "codes", "LICENSE", licence, LICENSE_T, 16)
    add("license-grouped", "codes", "LICENSE", lambda: group(licence(), (4, 4, 4), R.choice([" ", "-"])), LICENSE_T, 16)
    add("license-kanji", "codes", "LICENSE", lambda: kanji_digits(licence()), LICENSE_T, 8)

    idnums = [
        (IDNUM_T[0], lambda: digits(8)), (IDNUM_T[1], lambda: group(digits(10), (4, 6), "-")),
        (IDNUM_T[2], lambda: digits(7)), (IDNUM_T[3], lambda: R.choice(["", "A", "M"]) + digits(R.choice([8, 10]))),
        (IDNUM_T[4], lambda: digits(10)), (IDNUM_T[5], lambda: digits(7)),
        (IDNUM_T[6], lambda: digits(8)), (IDNUM_T[7], lambda: group(digits(10), (4, 6), R.choice(["-", " "]))),
    ]
    for i in range(64):
        t_idx = i % len(idnums)
        tpl, mk = idnums[t_idx]
        value = mk()
        rows.append(("tuning" if t_idx % 2 == 0 else "held-out", "codes", "labelled-number", fill(tpl, value),
                     [("IDNUMBER", value)]))

    for form in ["address-hyphen", "address-chome", "address-kanji", "address-kanji-ban", "address-kanji-digits",
                 "address-banchi", "address-building", "address-building-kanji", "address-kyoto", "address-kyoto-kanji",
                 "address-kyoto-plain", "address-kyoto-pref"]:
        add(form, "addresses", "ADDRESS", a(form), ADDRESS_T, 16)

    for form, (maker, templates) in NAME_FORMS.items():
        add(form, "names", "NAME", maker, templates, 24)

    # Mixed sentences: a name and a code, or a name and an address.
    mixed = ["{N}と申します。連絡は{C}までお願いします。", "担当の{N}さんから{C}に電話がありました。",
             "{N}です。住所を{A}に変更してください。", "受取人 {N}、届け先 {A}"]
    for i in range(24):
        t_idx = i % len(mixed)
        s = surname()[0] + given()[0]
        c = phone_forms()["phone-hyphen"]
        ad = address_forms()["address-chome"]
        text = fill(mixed[t_idx].replace("{N}", s).replace("{C}", c).replace("{A}", ad))
        labels = [("NAME", s)] + ([("PHONE", c)] if "{C}" in mixed[t_idx] else [("ADDRESS", ad)])
        rows.append(("tuning" if t_idx % 2 == 0 else "held-out", "mixed", "mixed", text, labels))

    positives = len(rows)
    negatives = int(positives * 0.45) + 1
    for i in range(negatives):
        t_idx = i % len(NEGATIVE_T)
        rows.append(("tuning" if t_idx % 2 == 0 else "held-out", "negative", "negative", fill(NEGATIVE_T[t_idx]), []))
    add_late_forms(rows)
    return rows


# Forms added after the detectors were tuned and the held-out half had been run once (ids after the first 2,196):
# never tuned on in either half, measured once. They bring names and addresses towards 30 forms each.
LATE_NAME_FORMS = {
    "name-surname-desu": (lambda: surname()[0], ["{V}です、先日はありがとうございました。", "{V}ですが、返品の件はどうなりましたか。"]),
    "name-dono": (lambda: surname()[0] + given()[0], ["{V}殿宛の領収書をください。", "領収書の宛名は{V}殿でお願いします。"]),
    "name-title": (lambda: surname()[0], ["{V}部長にもお伝えください。", "{V}マネージャーの判断で返金されました。"]),
    "name-katakana-given-chan": (lambda: given()[2], ["{V}ちゃんが元気に挨拶してくれます。", "店員の{V}さんがいつも笑顔です。"]),
    "name-letter": (lambda: surname()[0] + given()[0], ["拝啓 {V}様\n先日はお世話になりました。", "{V}様\nいつもご利用ありがとうございます。"]),
    "name-romaji-lowercase": (lambda: (lambda s, g: g[3].lower() + " " + s[3].lower())(surname(), given()),
                              ["my name is {V}, please reply.", "登録名は{V}です。"]),
    "name-romaji-san": (lambda: surname()[3], ["{V}-san at the counter was very kind.", "Thanks to {V}-san for the help."]),
    "name-kanji-given-kun": (lambda: given()[0], ["{V}くんのレジはいつも速い。", "アルバイトの{V}さんが丁寧だった。"]),
    "name-role-colon": (lambda: surname()[0] + R.choice(["", given()[0]]), ["担当：{V}", "対応者：{V}（レジ）"]),
    "name-quoted-self": (lambda: surname()[0], ["「{V}です」と名乗る店員が親切だった。", "電話口で「{V}と申します」と言われた。"]),
    "name-end-of-text": (lambda: surname()[0] + given()[0], ["ご確認をお願いします。{V}", "以上です。\n{V}"]),
    "name-rare-no-dict": (lambda: R.choice(["勘解由小路", "左右田", "九十九", "御手洗", "神宮寺", "東條", "西園寺", "蓮見",
                                            "鷹司", "一ノ瀬"]),
                          ["{V}さんの説明がわかりやすかった。", "担当の{V}様に感謝します。"]),
}
LATE_ADDRESS_FORMS = {
    "address-jo": (lambda: R.choice(["札幌市中央区", "札幌市北区", "旭川市"]) + R.choice(["北", "南"])
                   + str(R.randrange(1, 20)) + "条" + R.choice(["西", "東"]) + str(R.randrange(1, 15)) + "丁目"
                   + str(R.randrange(1, 30)) + "-" + str(R.randrange(1, 20))),
    "address-banchi-no": (lambda: (lambda w: w[0] + w[1] + w[2])(R.choice(WARDS)) + f"{R.randrange(10, 900)}番地の{R.randrange(1, 20)}"),
    "address-gun": (lambda: R.choice(["長野県北佐久郡軽井沢町大字軽井沢", "山梨県南都留郡富士河口湖町船津", "栃木県那須郡那須町大字湯本"])
                    + str(R.randrange(100, 3000))),
    "address-aza": (lambda: R.choice(["沖縄県国頭郡本部町字石川", "沖縄県島尻郡八重瀬町字東風平", "鹿児島県大島郡瀬戸内町字古仁屋"])
                    + str(R.randrange(10, 900)) + "番地"),
    "address-fullwidth": (lambda: (lambda w: w[0] + w[1] + w[2])(R.choice(WARDS))
                          + fullwidth(f"{R.randrange(1, 9)}-{R.randrange(1, 30)}-{R.randrange(1, 20)}")),
    "address-unit-hyphen": (lambda: (lambda w: w[1] + w[2])(R.choice(WARDS))
                            + f"{R.randrange(1, 9)}-{R.randrange(1, 30)}-{R.randrange(1, 20)}-{R.randrange(101, 1200)}"),
    "address-floor": (lambda: (lambda w: w[0] + w[1] + w[2])(R.choice(WARDS))
                      + f"{R.randrange(1, 9)}-{R.randrange(1, 30)}-{R.randrange(1, 20)} " + R.choice(BUILDINGS)
                      + R.choice(["5F", "3階", "12階"])),
    "address-kyoto-sagaru": (lambda: "京都市" + R.choice(KYOTO_WARDS) + R.choice(KYOTO_STREETS) + R.choice(KYOTO_CROSS)
                             + R.choice(["下がる", "上がる", "東入ル", "西入る"]) + R.choice(KYOTO_TOWNS)
                             + str(R.randrange(10, 700))),
    "address-village": (lambda: R.choice(["岐阜県大野郡白川村荻町", "長野県下伊那郡阿智村智里", "奈良県吉野郡十津川村平谷"])
                        + str(R.randrange(10, 3000)) + "番地"),
    "address-chome-kanji-go": (lambda: (lambda w: w[1] + w[2])(R.choice(WARDS)) + kanji_positional(R.randrange(1, 9))
                               + "丁目" + kanji_positional(R.randrange(1, 40)) + "-" + kanji_positional(R.randrange(1, 20))),
}
LATE_ADDRESS_T = ["送付先は{V}でお願いします。", "実家の住所（{V}）に届けてください。", "{V}から通っています。",
                  "請求書の住所を{V}に直してください。"]
LATE_NEGATIVE_T = [
    "札幌の大通公園近くの店舗が好きです。", "白川村に旅行した帰りに寄りました。", "3階のフードコートが混んでいた。",
    "5Fの売り場が分かりにくい。", "京都の三条通りは歩きやすい。", "軽井沢のアウトレットと比べて安い。",
    "山田うどんの看板が目印です。", "田中屋さんの和菓子が美味しい。", "パン屋さんのメロンパンが好きです。",
    "お母さんと一緒に来店しました。", "Thank you for the great service at Kyoto station.", "佐藤錦のさくらんぼが高い。",
    "鈴木自動車の駐車場が広い。", "本田技研の車で来店しました。", "東方神起の曲が流れていた。", "大島紬の展示がありました。",
    "小林製薬の商品をもっと置いてほしい。", "松本城の近くに店があると嬉しい。", "中村屋のカレーが売り切れだった。",
    "上野動物園の帰りに寄りました。",
]


def add_late_forms(rows):
    def add(form, family, kind, maker, templates, count):
        for i in range(count):
            t_idx = i % len(templates)
            value = maker()
            text = fill(templates[t_idx].replace("\\n", "\n"), value)
            rows.append(("tuning" if t_idx % 2 == 0 else "held-out", family, form, text, [(kind, value)]))

    for form, (maker, templates) in LATE_NAME_FORMS.items():
        add(form, "names", "NAME", maker, templates, 12)
    for form, maker in LATE_ADDRESS_FORMS.items():
        add(form, "addresses", "ADDRESS", maker, LATE_ADDRESS_T, 12)
    for i in range(120):
        t_idx = i % len(LATE_NEGATIVE_T)
        rows.append(("tuning" if t_idx % 2 == 0 else "held-out", "negative", "negative-late",
                     fill(LATE_NEGATIVE_T[t_idx]), []))


def main():
    out = Path(sys.argv[1] if len(sys.argv) > 1 else
               "transforms/src/test/resources/scrub/labelled-opinions-v2.tsv")
    rows = build()
    lines = [
        "# Labelled set for issue 21, written from scratch: generated by scripts/gen_scrub_labelled_set.py (fixed seed,",
        "# hand-written survey-opinion templates and filler pools; codes made with their check digits there).",
        "# Columns: id, split (tuning | held-out: even/odd template number within each form), family (codes, names,",
        "# addresses, mixed, negative), form, text (a newline inside a text is written as the two characters \\n),",
        "# labels (KIND=value joined by |, KIND one of MYNUMBER CARD PHONE EMAIL POSTAL PASSPORT LICENSE IDNUMBER NAME",
        "# ADDRESS; every occurrence of value in text is a labelled span; empty = nothing to find).",
        "# Ids 1-2196 were written before the detectors changed (tuned on the tuning half); the forms after them were",
        "# added once tuning had ended and are measured only (see LATE_* in the script).",
        "id\tsplit\tfamily\tform\ttext\tlabels",
    ]
    for i, (split, family, form, text, labels) in enumerate(rows, 1):
        for _, value in labels:
            assert value in text, (value, text)
            assert "|" not in value and "\t" not in value
        esc = text.replace("\n", "\\n")
        lines.append(f"{i}\t{split}\t{family}\t{form}\t{esc}\t" + "|".join(f"{k}={val}" for k, val in labels))
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    neg = sum(1 for r in rows if r[1] == "negative")
    print(f"{len(rows)} sentences, {neg} negative ({neg / len(rows):.0%}), "
          f"{len({r[2] for r in rows})} forms -> {out}")


if __name__ == "__main__":
    main()
