#!/usr/bin/env python3
"""Writes the survey tables of data/ that hold placeholder (仮) values.

    python3 tools/placeholders.py [DATA_DIR]     (default: data)

The published figures are written here as constants with their source id
and status 確報 (see data/SOURCES.md).  Where the ministry has not
published a figure, the value is a placeholder (status 仮, source GAP)
chosen so that every published total, share and cross-check still holds:
the placeholder that closes a total is computed as the remainder, and
every constraint is asserted before anything is written.  The same
constraints are checked independently of this script by
tests/integration/data_constraints.sh.

Running the script again writes the same files byte for byte.  Edit the
choices below, not the CSVs, when a placeholder has to change; replace a
placeholder by the published figure (status 確報, its source id) as soon as
the figure is published.
"""
import csv
import os
import sys

OUT = sys.argv[1] if len(sys.argv) > 1 else "data"

ORGS = ["都道府県", "指定都市", "その他の市区町村"]
N = {"都道府県": 47, "指定都市": 20, "その他の市区町村": 1721}
YEARS = ["H30", "R1", "R2", "R3", "R4", "R5", "R6"]
STAGES = ["導入済み", "実証中", "導入予定", "導入検討中",
          "検討したが導入に至らず", "導入予定なし・未検討"]

FINAL, PLACEHOLDER = "確報", "仮"


def write(name, header, rows):
    path = os.path.join(OUT, name + ".csv")
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow(r)


def rounds_to(count, n, pct):
    """count / n printed as a whole percentage equals pct (half up)."""
    return int(count * 100 / n + 0.5 + 1e-9) == pct


def only_count(n, pct):
    """The whole numbers of organisations whose share prints as pct."""
    return [c for c in range(n + 1) if rounds_to(c, n, pct)]


# ---------------------------------------------------------------------------
# AI and RPA adoption status: year x org type x stage, counts of organisations
#
# Published: 導入済み shares per org type and year (printed as whole
# percentages), 指定都市 counts for H30-R4 (white paper), the number of
# organisations that answered 導入済み or 実証中 (the base of the AI detail
# questions, 調査概要 ※1-※6), and その他の市区町村 導入済み..導入検討中 約72%
# (R5) and 約76% (R6) for AI, 約63% (R6) for RPA.


def status_table(spec, name):
    """spec[year][org] = dict(stage -> (count, status, source)); the stage
    導入予定なし・未検討 is the remainder to the number of organisations."""
    rows = []
    for y in YEARS:
        for o in ORGS:
            st = spec[y][o]
            rest = N[o] - sum(c for c, _, _ in st.values())
            assert rest >= 0, (name, y, o, rest)
            last = STAGES[-1]
            if last not in st:
                # the remainder is a placeholder unless every other stage
                # is a published (or exactly determined) figure
                allfinal = all(s == FINAL for _, s, _ in st.values())
                src = next(iter(st.values()))[2] if allfinal else "GAP"
                st[last] = (rest, FINAL if allfinal else PLACEHOLDER, src)
            for s in STAGES:
                c, status, src = st[s]
                rows.append([y, o, s, c, status, src])
            assert sum(st[s][0] for s in STAGES) == N[o], (name, y, o)
    return rows


def P(c):
    return (c, PLACEHOLDER, "GAP")


def F(c, src):
    return (c, FINAL, src)


def full(o, src):
    """100% adopted: every organisation 導入済み, the other stages 0."""
    d = {"導入済み": F(N[o], src)}
    for s in STAGES[1:]:
        d[s] = F(0, src)
    return d


WP = "WP07_F00352_02"
AI_BASE = {"R1": 296, "R2": 526, "R3": 766, "R4": 894, "R5": 961, "R6": 1094}


def ai_spec():
    s = {y: {} for y in YEARS}
    # 指定都市: the white paper's counts, H30-R4; 100% in R5 and R6
    wp = {"H30": [12, 0, 4, 4, 0, 0], "R1": [10, 6, 3, 0, 1, 0],
          "R2": [16, 2, 1, 0, 1, 0], "R3": [20, 0, 0, 0, 0, 0],
          "R4": [20, 0, 0, 0, 0, 0]}
    for y, cs in wp.items():
        s[y]["指定都市"] = {st: F(c, WP) for st, c in zip(STAGES, cs)}
    s["R5"]["指定都市"] = full("指定都市", "INES")
    s["R6"]["指定都市"] = full("指定都市", "SEED")
    # 都道府県: 36 / 68 / 85% (H30-R2) give exactly one count each; 100% after
    pref_pct = {"H30": 36, "R1": 68, "R2": 85}
    pref_rest = {"H30": [0, 6, 12, 2], "R1": [4, 4, 4, 1], "R2": [3, 2, 2, 0]}
    for y, pct in pref_pct.items():
        (c,) = only_count(47, pct)
        d = {"導入済み": F(c, "INES")}
        for st, v in zip(STAGES[1:5], pref_rest[y]):
            d[st] = P(v)
        s[y]["都道府県"] = d
    for y in ["R3", "R4", "R5"]:
        s[y]["都道府県"] = full("都道府県", "INES")
    s["R6"]["都道府県"] = full("都道府県", "SEED")
    # その他の市区町村: 導入済み from the rounded share (placeholder), except
    # R6 (996 = AIのみ 347 + 両方 716 - 47 - 20); 実証中 closes the AI base.
    other = {  # year: (pct, 導入済み, 導入予定, 導入検討中, 検討したが導入に至らず)
        "H30": (4, 69, 120, 330, 12),
        "R1": (8, 138, 160, 400, 20),
        "R2": (21, 361, 180, 420, 30),
        "R3": (35, 602, 170, 400, 40),
        "R4": (45, 775, 150, 320, 50),
        "R5": (50, 860, 120, 225, 60),
        "R6": (58, 996, 110, 170, 70),
    }
    for y, (pct, adopt, plan, consider, gave_up) in other.items():
        assert rounds_to(adopt, N["その他の市区町村"], pct), y
        d = {"導入済み": F(adopt, "SEED") if y == "R6" else P(adopt)}
        if y == "H30":
            pilot = 0  # H30: 導入済み includes 実証中
            d["実証中"] = P(0)
        else:
            known = sum(s[y][o]["導入済み"][0] + s[y][o]["実証中"][0]
                        for o in ["都道府県", "指定都市"])
            pilot = AI_BASE[y] - known - adopt
            assert pilot >= 0, y
            exact = y == "R6"  # every other term is published
            d["実証中"] = F(pilot, "SEED") if exact else P(pilot)
        d["導入予定"] = P(plan)
        d["導入検討中"] = P(consider)
        d["検討したが導入に至らず"] = P(gave_up)
        s[y]["その他の市区町村"] = d
    return s


def rpa_spec():
    s = {y: {} for y in YEARS}
    # 導入済み shares (placeholder counts where the share is approximate or
    # not published); a share that only one whole number of organisations
    # gives is that number (確報, the share's source)
    pref = {"H30": (14, None), "R1": (24, None), "R2": (35, ("HITACHI_510", 74)),
            "R3": (40, None), "R4": (44, ("DENTSU", 94)),
            "R5": (44, ("MINAMIBOSO", 94)), "R6": (45, ("SEED", 96))}
    city = {"H30": (8, None), "R1": (11, None), "R2": (13, ("HITACHI_510", 65)),
            "R3": (18, None), "R4": (20, ("DENTSU", 100)),
            "R5": (20, ("MINAMIBOSO", 100)), "R6": (20, ("SEED", 100))}
    rest_pref = {"H30": [0, 8, 10, 3], "R1": [5, 6, 6, 2], "R2": [3, 3, 3, 1],
                 "R3": [2, 2, 2, 1], "R4": [1, 1, 1, 0], "R5": [1, 1, 1, 0],
                 "R6": [0, 1, 1, 0]}
    rest_city = {"H30": [0, 8, 4, 0], "R1": [3, 4, 2, 0], "R2": [2, 3, 1, 1],
                 "R3": [1, 1, 0, 0], "R4": [0, 0, 0, 0], "R5": [0, 0, 0, 0],
                 "R6": [0, 0, 0, 0]}
    for org, table, rest in [("都道府県", pref, rest_pref),
                             ("指定都市", city, rest_city)]:
        for y in YEARS:
            c, pub = table[y]
            if pub:
                src, pct = pub
                assert only_count(N[org], pct) == [c], (org, y)
                d = {"導入済み": F(c, src)}
            else:
                d = {"導入済み": P(c)}
            for st, v in zip(STAGES[1:5], rest[y]):
                d[st] = F(0, pub[0]) if pub and pub[1] == 100 else P(v)
            s[y][org] = d
    # その他の市区町村; R6: RPAのみ 91 + 両方 716 = 807 adopters less the
    # 都道府県 and 指定都市 adopters
    other = {  # year: (pct or None, 導入済み, 実証中, 導入予定, 導入検討中, 至らず)
        "H30": (None, 52, 0, 120, 330, 10),
        "R1": (None, 155, 40, 180, 420, 20),
        "R2": (19, 327, 50, 230, 430, 30),
        "R3": (None, 482, 45, 200, 400, 40),
        "R4": (36, 620, 40, 170, 340, 50),
        "R5": (41, 706, 35, 140, 300, 60),
        "R6": (43, None, 30, 120, 190, 70),
    }
    for y, (pct, adopt, pilot, plan, consider, gave_up) in other.items():
        if y == "R6":
            adopt = 91 + 716 - s[y]["都道府県"]["導入済み"][0] - \
                s[y]["指定都市"]["導入済み"][0]
            d = {"導入済み": F(adopt, "SEED")}
        else:
            d = {"導入済み": P(adopt)}
        if pct is not None:
            assert rounds_to(adopt, N["その他の市区町村"], pct), y
        d["実証中"] = P(pilot)
        d["導入予定"] = P(plan)
        d["導入検討中"] = P(consider)
        d["検討したが導入に至らず"] = P(gave_up)
        s[y]["その他の市区町村"] = d
    return s


ai_rows = status_table(ai_spec(), "ai")
rpa_rows = status_table(rpa_spec(), "rpa")


def stage_sum(rows, y, o, stages):
    return sum(r[3] for r in rows if r[0] == y and r[1] == o and r[2] in stages)


# cross-checks of the adoption tables
for y, base in AI_BASE.items():
    got = sum(stage_sum(ai_rows, y, o, ["導入済み", "実証中"]) for o in ORGS)
    assert got == base, (y, got, base)
OT = "その他の市区町村"
for y, pct in [("R5", 72), ("R6", 76)]:
    assert rounds_to(stage_sum(ai_rows, y, OT, STAGES[:4]), N[OT], pct), y
assert rounds_to(stage_sum(rpa_rows, "R6", OT, STAGES[:4]), N[OT], 63)
assert sum(stage_sum(ai_rows, "R6", o, ["導入済み"]) for o in ORGS) == 347 + 716
assert sum(stage_sum(rpa_rows, "R6", o, ["導入済み"]) for o in ORGS) == 91 + 716

write("ai_adoption_status", ["year", "org_type", "stage", "count", "status",
                             "source"], ai_rows)
write("rpa_adoption_status", ["year", "org_type", "stage", "count", "status",
                              "source"], rpa_rows)

# ---------------------------------------------------------------------------
# AI・生成AI・RPA: the three pairwise-only regions are not published.  With
# the AI set equal to the AI adopters (347 + 716 = 1,063) and the RPA set
# equal to the RPA adopters (91 + 716 = 807), the published total 1,214 and
# the four published regions leave exactly one solution.
only_ai, only_gen, only_rpa, all3, total = 241, 60, 70, 385, 1214
pairs = total - only_ai - only_gen - only_rpa - all3      # a + b + g
ab = (347 + 716) - only_ai - all3                          # a + b
bg = (91 + 716) - only_rpa - all3                          # b + g
g = pairs - ab
b = bg - g
a = ab - b
assert min(a, b, g) >= 0 and a + b + g == pairs
three = [
    ("AIのみ", only_ai, FINAL, "SEED"),
    ("生成AIのみ", only_gen, FINAL, "SEED"),
    ("RPAのみ", only_rpa, FINAL, "SEED"),
    ("AI・生成AIのみ", a, PLACEHOLDER, "GAP"),
    ("AI・RPAのみ", b, PLACEHOLDER, "GAP"),
    ("生成AI・RPAのみ", g, PLACEHOLDER, "GAP"),
    ("AI・生成AI・RPA", all3, FINAL, "SEED"),
]
def members(region, sets):
    """1 for each set the region lies in (AI・RPAのみ lies in AI and RPA)."""
    parts = region.replace("のみ", "").split("・")
    return [1 if x in parts else 0 for x in sets]


write("ai_genai_rpa_overlap",
      ["year", "region", "AI", "生成AI", "RPA", "count", "status", "source"],
      [["R6", r] + members(r, ["AI", "生成AI", "RPA"]) + [c, s, src]
       for r, c, s, src in three])

# ---------------------------------------------------------------------------
# AI functions: totals over all organisations for every survey year, and
# by org type for the last three years (summing to the totals).
FUNCS = ["チャットボット", "音声認識", "文字認識", "マッチング", "画像・動画認識",
         "最適解表示", "数値予測"]
# published: H30 チャットボット 55; R1 音声認識 157, 文字認識 120;
# R6 音声認識 879, 文字認識 622
FUNC_TOTALS = {
    "チャットボット": [55, 110, 230, 330, 420, 480, 530],
    "音声認識": [40, 157, 300, 480, 640, 760, 879],
    "文字認識": [30, 120, 260, 390, 480, 560, 622],
    "マッチング": [5, 10, 25, 40, 55, 62, 70],
    "画像・動画認識": [8, 12, 20, 28, 26, 35, 41],
    "最適解表示": [10, 15, 30, 45, 52, 50, 58],
    "数値予測": [6, 14, 20, 27, 30, 33, 31],
}
FUNC_PUB = {("H30", "チャットボット"): "ITMB_2020_12",
            ("R1", "音声認識"): "ITMB_2020_12",
            ("R1", "文字認識"): "ITMB_2020_12",
            ("R6", "音声認識"): "SEED", ("R6", "文字認識"): "SEED"}
rows = []
for y_i, y in enumerate(YEARS):
    for fn in FUNCS:
        src = FUNC_PUB.get((y, fn))
        rows.append([y, fn, FUNC_TOTALS[fn][y_i], FINAL if src else PLACEHOLDER,
                     src or "GAP"])
write("ai_function_totals", ["year", "function", "count", "status", "source"],
      rows)
# by org type, R4-R6: 都道府県 and 指定都市 chosen, その他 the remainder
FUNC_PREF = {"チャットボット": [30, 36, 33], "音声認識": [36, 41, 38],
             "文字認識": [30, 34, 37], "マッチング": [1, 2, 2],
             "画像・動画認識": [6, 8, 9], "最適解表示": [8, 7, 9],
             "数値予測": [5, 6, 3]}
FUNC_CITY = {"チャットボット": [16, 17, 18], "音声認識": [17, 18, 19],
             "文字認識": [15, 17, 18], "マッチング": [4, 5, 6],
             "画像・動画認識": [5, 6, 7], "最適解表示": [6, 6, 7],
             "数値予測": [4, 4, 4]}
rows = []
for k, y in enumerate(["R4", "R5", "R6"]):
    yi = YEARS.index(y)
    for fn in FUNCS:
        p, c = FUNC_PREF[fn][k], FUNC_CITY[fn][k]
        o = FUNC_TOTALS[fn][yi] - p - c
        assert 0 <= p <= 47 and 0 <= c <= 20 and 0 <= o <= 1721
        for org, v in zip(ORGS, [p, c, o]):
            rows.append([y, org, fn, v, PLACEHOLDER, "GAP"])
write("ai_function_by_org", ["year", "org_type", "function", "count",
                             "status", "source"], rows)

# ---------------------------------------------------------------------------
# RPA fields by org type, R4-R6 (nothing published)
FIELDS = {  # field: (都道府県, 指定都市, その他) for R4, R5, R6
    "財政・会計・財務": [(30, 15, 420), (33, 16, 470), (36, 17, 505)],
    "児童福祉・子育て": [(12, 14, 380), (14, 15, 430), (15, 16, 470)],
    "健康・医療": [(15, 12, 350), (18, 13, 400), (19, 14, 440)],
    "組織・職員（行政改革を含む）": [(28, 16, 300), (30, 17, 350), (31, 18, 390)],
    "住民基本台帳・戸籍": [(0, 12, 290), (0, 13, 320), (0, 13, 340)],
    "税務": [(20, 14, 270), (21, 15, 290), (20, 15, 310)],
    "高齢者福祉・介護": [(10, 11, 200), (12, 12, 225), (13, 12, 240)],
    "障害者福祉": [(8, 10, 150), (9, 11, 165), (9, 12, 175)],
    "教育": [(14, 9, 120), (15, 10, 128), (16, 10, 132)],
    "情報化・ICT": [(22, 10, 90), (21, 10, 96), (23, 11, 104)],
    "生活環境に関すること": [(6, 6, 70), (7, 6, 76), (7, 7, 82)],
    "農林水産業に関すること": [(9, 3, 55), (9, 3, 60), (10, 3, 63)],
    "商工・観光": [(8, 4, 40), (8, 5, 44), (9, 5, 46)],
    "防災": [(7, 5, 30), (8, 5, 33), (8, 5, 35)],
}
rows = []
for k, y in enumerate(["R4", "R5", "R6"]):
    for f, per in FIELDS.items():
        for org, v in zip(ORGS, per[k]):
            assert v <= N[org] * 3
            rows.append([y, org, f, v, PLACEHOLDER, "GAP"])
write("rpa_field_counts", ["year", "org_type", "field", "count", "status",
                           "source"], rows)

# ---------------------------------------------------------------------------
# Challenges of AI adoption: totals (R6 top three published) and by org
# type (summing to the totals).  「個人情報の取扱いに懸念がある」 was not an
# option in R4: no row (the deck shows 「-」).
AI_CH = "取り組むための人材がいらない又は不足している"
AI_CHALLENGES = {  # challenge: by org type [R4, R5, R6] (都道府県, 指定都市, その他)
    AI_CH: [(20, 8, 830), (19, 8, 850), (18, 7, 813)],
    "取り組むためのコストが高額であり予算を獲得するのが難しい":
        [(15, 9, 700), (14, 8, 622), (15, 9, 650)],
    "導入効果が不明": [(10, 5, 560), (9, 4, 520), (10, 5, 547)],
    "AIの技術を理解することが難しい": [(8, 3, 400), (8, 3, 430), (9, 4, 460)],
    "財政担当課における優先順位が低い": [(6, 2, 330), (5, 2, 370), (6, 2, 400)],
    "具体的な活用イメージが湧かない": [(5, 2, 420), (5, 2, 400), (4, 2, 380)],
    "情報セキュリティ上の懸念がある": [(9, 6, 360), (10, 6, 350), (9, 5, 340)],
    "導入に向けた計画策定が難しい": [(4, 2, 300), (4, 2, 290), (3, 2, 280)],
    "担当課の理解が得られない": [(3, 2, 250), (3, 2, 240), (3, 1, 220)],
    "個人情報の取扱いに懸念がある": [None, (6, 4, 210), (5, 4, 200)],
    "首長・幹部の理解が得られない": [(1, 0, 120), (1, 0, 110), (1, 0, 100)],
    "実証や検証を行う連携先が見つからない": [(2, 1, 120), (2, 1, 115), (2, 1, 110)],
}
AI_CH_PUB = {AI_CH: 838,
             "取り組むためのコストが高額であり予算を獲得するのが難しい": 674,
             "導入効果が不明": 562}
tot_rows, org_rows = [], []
for k, y in enumerate(["R4", "R5", "R6"]):
    for ch, per in AI_CHALLENGES.items():
        if per[k] is None:  # not an option that year: no row
            continue
        t = sum(per[k])
        if y == "R6" and ch in AI_CH_PUB:
            assert t == AI_CH_PUB[ch], (ch, t)
            tot_rows.append([y, ch, t, FINAL, "SEED"])
        else:
            tot_rows.append([y, ch, t, PLACEHOLDER, "GAP"])
        for org, v in zip(ORGS, per[k]):
            org_rows.append([y, org, ch, v, PLACEHOLDER, "GAP"])
write("ai_challenge_totals", ["year", "challenge", "count", "status",
                              "source"], tot_rows)
write("ai_challenge_by_org", ["year", "org_type", "challenge", "count",
                              "status", "source"], org_rows)

# Challenges of RPA adoption by org type, R4-R6 (nothing published)
RPA_CHALLENGES = {
    "取り組むための人材がない又は不足している": [(12, 5, 760), (11, 4, 720), (10, 4, 690)],
    "取り組むためのコストが高額であり、予算を獲得するのが難しい":
        [(10, 6, 640), (9, 5, 610), (9, 5, 580)],
    "導入効果が不明": [(6, 3, 480), (6, 3, 450), (5, 3, 420)],
    "RPAの技術を理解することが難しい": [(4, 2, 300), (5, 2, 320), (6, 2, 340)],
    "具体的な活用イメージが湧かない": [(3, 1, 330), (3, 1, 335), (2, 1, 320)],
    "財政担当課における優先順位が低い": [(3, 1, 260), (3, 1, 262), (3, 1, 250)],
    "担当課の理解が得られない": [(5, 3, 240), (4, 2, 220), (3, 2, 200)],
    "情報セキュリティ上の懸念がある": [(4, 3, 180), (4, 3, 185), (4, 2, 180)],
    "導入に向けた計画策定が難しい": [(2, 1, 150), (2, 1, 152), (2, 1, 148)],
    "首長・幹部の理解が得られない": [(0, 0, 60), (0, 0, 62), (0, 0, 58)],
}
rows = []
for k, y in enumerate(["R4", "R5", "R6"]):
    for ch, per in RPA_CHALLENGES.items():
        for org, v in zip(ORGS, per[k]):
            rows.append([y, org, ch, v, PLACEHOLDER, "GAP"])
write("rpa_challenges", ["year", "org_type", "challenge", "count", "status",
                         "source"], rows)

# ---------------------------------------------------------------------------
# Costs (千円 brackets; nothing published)
AI_BRACKETS = [("0円", 0), ("1～500千円", 500), ("501～1,000千円", 1000),
               ("1,001～2,000千円", 2000), ("2,001～5,000千円", 5000),
               ("5,001～10,000千円", 10000), ("10,001千円以上", None)]
AI_COSTS = {  # function: 導入費用 counts, 年間運用費用 counts (per bracket)
    "文字認識": ([60, 150, 120, 90, 70, 25, 12], [40, 260, 150, 80, 40, 12, 3]),
    "チャットボット": ([70, 120, 90, 70, 60, 30, 15], [30, 180, 140, 90, 50, 20, 5]),
    "音声認識": ([80, 300, 180, 110, 60, 20, 8], [60, 380, 200, 70, 25, 8, 2]),
}
rows = []
for fn, (intro, run) in AI_COSTS.items():
    for kind, counts in [("導入費用", intro), ("年間運用費用", run)]:
        for (label, upper), c in zip(AI_BRACKETS, counts):
            rows.append(["R6", fn, kind, label,
                         "" if upper is None else upper, c, PLACEHOLDER, "GAP"])
write("ai_costs", ["year", "function", "cost_type", "bracket", "upper",
                   "count", "status", "source"], rows)

RPA_BRACKETS = [("0円", 0), ("1～999千円", 999), ("1,000～4,999千円", 4999),
                ("5,000～9,999千円", 9999), ("10,000千円以上", None)]
RPA_COSTS = {  # year: 導入費用, 年間運用費用
    "R4": ([60, 260, 180, 40, 20], [70, 330, 140, 20, 10]),
    "R5": ([55, 270, 190, 45, 26], [62, 350, 150, 25, 12]),
    "R6": ([50, 280, 200, 50, 31], [55, 360, 160, 28, 14]),
}
rows = []
for y, (intro, run) in RPA_COSTS.items():
    for kind, counts in [("導入費用", intro), ("年間運用費用", run)]:
        for (label, upper), c in zip(RPA_BRACKETS, counts):
            rows.append([y, kind, label, "" if upper is None else upper, c,
                         PLACEHOLDER, "GAP"])
write("rpa_costs", ["year", "cost_type", "bracket", "upper", "count", "status",
                    "source"], rows)

# ---------------------------------------------------------------------------
# Motives (one answer per organisation).  AI: the organisations that
# answered the AI detail questions in R6 (1,068), of which 都道府県 47 and
# 指定都市 20.  RPA: the R6 RPA adopters by org type.
MOTIVES = ["首長のイニシアティブ", "担当課からの要望",
           "担当課以外の庁内部署からの提案", "ソフト提供会社からの提案",
           "他団体での導入（実証実験も含む）効果", "共同利用グループ・共同研究会の推進",
           "その他"]
AI_MOT = {"都道府県": [5, 18, 10, 3, 8, 1, None],
          "指定都市": [2, 8, 4, 1, 3, 0, None],
          "その他の市区町村": [60, 330, 220, 90, 180, 40, None]}
ai_resp = {"都道府県": 47, "指定都市": 20, "その他の市区町村": 1068 - 47 - 20}
rpa_adopt = {o: stage_sum(rpa_rows, "R6", o, ["導入済み"]) for o in ORGS}
RPA_MOT = {"都道府県": [4, 17, 11, 3, 7, 1, None],
           "指定都市": [1, 8, 5, 1, 4, 0, None],
           "その他の市区町村": [40, 250, 170, 60, 140, 30, None]}
rows = []
for tech, spec, base in [("AI", AI_MOT, ai_resp), ("RPA", RPA_MOT, rpa_adopt)]:
    for org in ORGS:
        cs = spec[org][:]
        cs[-1] = base[org] - sum(cs[:-1])
        assert cs[-1] >= 0
        assert max(range(len(cs)), key=lambda i: cs[i]) == 1  # 担当課からの要望
        for m, c in zip(MOTIVES, cs):
            rows.append(["R6", tech, org, m, c, PLACEHOLDER, "GAP"])
write("adoption_motives", ["year", "technology", "org_type", "motive", "count",
                           "status", "source"], rows)

# ---------------------------------------------------------------------------
# Requests to the national government (several answers; nothing published)
REQUESTS = ["導入費用・運用費用の財政的支援", "導入事例の提供", "導入ガイドラインの提供",
            "人材育成・研修の支援", "標準仕様・共通基盤の整備", "共同利用の推進",
            "技術的な相談窓口の設置", "情報セキュリティ対策の指針", "その他"]
REQ = {
    ("AI", "都道府県"): [30, 20, 24, 15, 12, 8, 6, 9, 2],
    ("AI", "指定都市"): [14, 11, 9, 7, 6, 4, 3, 4, 1],
    ("AI", "その他の市区町村"): [980, 760, 650, 520, 380, 300, 260, 240, 40],
    ("RPA", "都道府県"): [28, 18, 22, 14, 10, 9, 5, 7, 2],
    ("RPA", "指定都市"): [13, 10, 8, 6, 5, 4, 3, 3, 1],
    ("RPA", "その他の市区町村"): [900, 700, 600, 450, 320, 280, 230, 200, 35],
}
rows = []
for (tech, org), cs in REQ.items():
    for r, c in zip(REQUESTS, cs):
        rows.append(["R6", tech, org, r, c, PLACEHOLDER, "GAP"])
write("national_requests", ["year", "technology", "org_type", "request",
                            "count", "status", "source"], rows)
print("wrote the placeholder tables to", OUT)
