/* The survey tables in data/ keep every published total, share and
 * cross-check, placeholders included, and label every value honestly:
 * a placeholder (source GAP) is always 仮, never 確報.  These checks read
 * the CSVs through the table module and know nothing of the script that
 * derived the placeholders (tools/placeholders.py). */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "era.h"
#include "table.h"

static tableset *ts;
static diag_list *dl;

static void load(void)
{
    dl = diag_list_new();
    ts = tableset_load_dir("data", CSV_ENC_AUTO, dl);
    cr_assert_not_null(ts, "data/ must be readable");
    cr_assert_eq(diag_error_count(dl), 0, "data/ must load without errors");
}

static void unload(void)
{
    tableset_free(ts);
    diag_list_free(dl);
}

TestSuite(data, .init = load, .fini = unload);

static const table *tab(const char *name)
{
    const table *t = tableset_find(ts, name);
    cr_assert_not_null(t, "data/%s.csv is missing", name);
    return t;
}

static int col(const table *t, const char *name)
{
    int c = table_col(t, name);
    cr_assert_geq(c, 0, "%s has no column %s", t->name, name);
    return c;
}

static int year_of(const char *s)
{
    int y;
    cr_assert_eq(era_parse_year(s, &y), 0, "not a year: %s", s);
    return y;
}

/* Sum of `value` over the rows matching up to three (column, text)
 * conditions (NULL column = no condition; text "*" = any). */
static double total(const table *t, const char *value, const char *c1,
                    const char *v1, const char *c2, const char *v2,
                    const char *c3, const char *v3)
{
    const char *cs[3] = {c1, c2, c3}, *vs[3] = {v1, v2, v3};
    int ci[3];
    for (int k = 0; k < 3; k++)
        ci[k] = cs[k] ? col(t, cs[k]) : -1;
    int vi = col(t, value);
    double s = 0;
    size_t n = 0;
    for (size_t r = 0; r < t->nrows; r++) {
        int ok = 1;
        for (int k = 0; k < 3 && ok; k++) {
            if (ci[k] < 0)
                continue;
            const cell *x = &t->cols[ci[k]].cells[r];
            if (t->cols[ci[k]].type == COL_YEAR)
                ok = !x->missing && (int)x->num == year_of(vs[k]);
            else
                ok = strcmp(x->text, vs[k]) == 0;
        }
        if (ok && !t->cols[vi].cells[r].missing) {
            s += t->cols[vi].cells[r].num;
            n++;
        }
    }
    cr_assert_gt(n, 0, "%s: no rows for %s=%s %s=%s %s=%s", t->name,
                 c1 ? c1 : "", v1 ? v1 : "", c2 ? c2 : "", v2 ? v2 : "",
                 c3 ? c3 : "", v3 ? v3 : "");
    return s;
}

#define T1(t, v, a, b) total(t, v, a, b, NULL, NULL, NULL, NULL)
#define T2(t, v, a, b, c, d) total(t, v, a, b, c, d, NULL, NULL)
#define T3(t, v, a, b, c, d, e, f) total(t, v, a, b, c, d, e, f)

/* a count printed as a whole percentage of n (half up, as the deck does) */
static int pct(double count, double n)
{
    return (int)floor(count * 100 / n + 0.5 + 1e-9);
}

static const char *const ORGS[] = {"都道府県", "指定都市", "その他の市区町村"};
static const int NORG[] = {47, 20, 1721};
static const char *const YEARS[] = {"H30", "R1", "R2", "R3", "R4", "R5", "R6"};

Test(data, status_and_source_are_honest)
{
    FILE *f = fopen("data/SOURCES.md", "rb");
    cr_assert_not_null(f, "data/SOURCES.md is missing");
    static char sources[1 << 16];
    size_t len = fread(sources, 1, sizeof sources - 1, f);
    sources[len] = 0;
    fclose(f);
    for (size_t i = 0; i < tableset_count(ts); i++) {
        const table *t = tableset_get(ts, i);
        if (t->status_col < 0)
            continue;
        cr_assert_geq(t->source_col, 0, "%s: a status column needs a source "
                      "column", t->name);
        for (size_t r = 0; r < t->nrows; r++) {
            const char *src = t->cols[t->source_col].cells[r].text;
            int gap = strcmp(src, "GAP") == 0;
            int line = t->cols[t->source_col].cells[r].line;
            if (gap)
                cr_assert_eq(t->status[r], PROV_PLACEHOLDER,
                             "%s.csv:%d: a value without a published source "
                             "must be 仮", t->name, line);
            else
                cr_assert_neq(t->status[r], PROV_PLACEHOLDER,
                              "%s.csv:%d: a 仮 value must have source GAP",
                              t->name, line);
            char id[128];
            snprintf(id, sizeof id, "| %s |", src);
            cr_assert_not_null(strstr(sources, id),
                               "%s.csv:%d: source %s is not listed in "
                               "data/SOURCES.md", t->name, line, src);
        }
    }
}

Test(data, organisation_counts)
{
    const table *o = tab("org_counts");
    double sum = 0;
    for (int k = 0; k < 3; k++) {
        cr_assert_eq(T1(o, "count", "org_type", ORGS[k]), NORG[k], "%s",
                     ORGS[k]);
        sum += NORG[k];
    }
    const table *s = tab("surveys");
    for (int y = 0; y < 7; y++)
        cr_assert_eq(T1(s, "targets", "year", YEARS[y]), sum, "%s", YEARS[y]);
}

/* every org type's stages add up to its number of organisations */
static void stages_cover_orgs(const char *name)
{
    const table *t = tab(name);
    for (int y = 0; y < 7; y++)
        for (int k = 0; k < 3; k++)
            cr_assert_eq(T2(t, "count", "year", YEARS[y], "org_type", ORGS[k]),
                         NORG[k], "%s %s %s: stages must add up to %d", name,
                         YEARS[y], ORGS[k], NORG[k]);
}

Test(data, status_breakdowns_sum_to_organisations)
{
    stages_cover_orgs("ai_adoption_status");
    stages_cover_orgs("rpa_adoption_status");
}

static void shares(const char *name, const int published[7][3])
{
    const table *t = tab(name);
    for (int y = 0; y < 7; y++)
        for (int k = 0; k < 3; k++) {
            if (published[y][k] < 0)
                continue;
            double c = T3(t, "count", "year", YEARS[y], "org_type", ORGS[k],
                          "stage", "導入済み");
            cr_assert_eq(pct(c, NORG[k]), published[y][k],
                         "%s %s %s: 導入済み %g of %d prints %d%%, published "
                         "%d%%", name, YEARS[y], ORGS[k], c, NORG[k],
                         pct(c, NORG[k]), published[y][k]);
        }
}

Test(data, published_adoption_shares)
{
    /* AI 導入済み, H30-R6 (INES, SEED; 指定都市 white paper) */
    static const int ai[7][3] = {{36, 60, 4},    {68, 50, 8},
                                 {85, 80, 21},   {100, 100, 35},
                                 {100, 100, 45}, {100, 100, 50},
                                 {100, 100, 58}};
    shares("ai_adoption_status", ai);
    /* RPA 導入済み: R2 (HITACHI_510), R4 (DENTSU), R5 (MINAMIBOSO), R6
     * (SEED); H30, R1 and R3 are not published as exact shares */
    static const int rpa[7][3] = {{-1, -1, -1},  {-1, -1, -1},
                                  {74, 65, 19},  {-1, -1, -1},
                                  {94, 100, 36}, {94, 100, 41},
                                  {96, 100, 43}};
    shares("rpa_adoption_status", rpa);
}

static double toward(const char *name, const char *year)
{
    const table *t = tab(name);
    static const char *const st[] = {"導入済み", "実証中", "導入予定",
                                     "導入検討中"};
    double s = 0;
    for (int i = 0; i < 4; i++)
        s += T3(t, "count", "year", year, "org_type", "その他の市区町村",
                "stage", st[i]);
    return s;
}

Test(data, published_shares_including_pilots_and_plans)
{
    cr_assert_eq(pct(toward("ai_adoption_status", "R5"), 1721), 72); /* 約72% */
    cr_assert_eq(pct(toward("ai_adoption_status", "R6"), 1721), 76); /* 約76% */
    cr_assert_eq(pct(toward("rpa_adoption_status", "R6"), 1721), 63); /* 約63% */
}

Test(data, ai_detail_base_is_adopters_and_pilots)
{
    /* 調査概要 ※1-※6: the organisations that answered 導入済み or 実証中 */
    const table *s = tab("surveys"), *a = tab("ai_adoption_status");
    for (int y = 1; y < 7; y++) {
        double base = T1(s, "ai_base", "year", YEARS[y]);
        double got = T2(a, "count", "year", YEARS[y], "stage", "導入済み") +
                     T2(a, "count", "year", YEARS[y], "stage", "実証中");
        cr_assert_eq(got, base, "%s: 導入済み + 実証中 = %g, published base %g",
                     YEARS[y], got, base);
    }
}

Test(data, overlap_diagrams_agree_with_adoption)
{
    const table *v2 = tab("ai_rpa_overlap"), *v3 = tab("ai_genai_rpa_overlap");
    const table *ai = tab("ai_adoption_status"), *rpa = tab("rpa_adoption_status");
    double ai_only = T2(v2, "count", "year", "R6", "region", "AIのみ");
    double rpa_only = T2(v2, "count", "year", "R6", "region", "RPAのみ");
    double both = T2(v2, "count", "year", "R6", "region", "AI・RPA");
    cr_assert_eq(ai_only + rpa_only + both, 1154); /* published total */
    cr_assert_eq(ai_only + both, 1063);            /* 347 + 716 */
    cr_assert_eq(T2(ai, "count", "year", "R6", "stage", "導入済み"),
                 ai_only + both, "AI adopters must equal AIのみ + 両方");
    cr_assert_eq(T2(rpa, "count", "year", "R6", "stage", "導入済み"),
                 rpa_only + both, "RPA adopters must equal RPAのみ + 両方");
    /* three sets: the published total, and the AI and RPA sets equal to
     * the adopters of the two-set diagram */
    double all = T1(v3, "count", "year", "R6");
    cr_assert_eq(all, T2(tab("overlap_totals"), "count", "year", "R6", "scope",
                         "AI・生成AI・RPA"));
    cr_assert_eq(all, 1214);
    double gen_only = T2(v3, "count", "year", "R6", "region", "生成AIのみ");
    cr_assert_eq(all - gen_only, 1154,
                 "without 生成AIのみ the three-set total is the two-set one");
    static const char *const ai_regions[] = {"AIのみ", "AI・生成AIのみ",
                                             "AI・RPAのみ", "AI・生成AI・RPA"};
    static const char *const rpa_regions[] = {"RPAのみ", "AI・RPAのみ",
                                              "生成AI・RPAのみ",
                                              "AI・生成AI・RPA"};
    double a = 0, r = 0;
    for (int i = 0; i < 4; i++) {
        a += T2(v3, "count", "year", "R6", "region", ai_regions[i]);
        r += T2(v3, "count", "year", "R6", "region", rpa_regions[i]);
    }
    cr_assert_eq(a, ai_only + both);
    cr_assert_eq(r, rpa_only + both);
}

/* by-org rows add up to the totals table, for every (year, key) */
static void by_org_sums(const char *by_org, const char *totals,
                        const char *key)
{
    const table *b = tab(by_org), *t = tab(totals);
    int ky = col(t, "year"), kk = col(t, key);
    for (size_t r = 0; r < t->nrows; r++) {
        const char *y = t->cols[ky].cells[r].text, *k = t->cols[kk].cells[r].text;
        double want = t->cols[col(t, "count")].cells[r].num;
        /* by org type only for the years the by-org table has */
        int have = 0, by = col(b, "year");
        for (size_t i = 0; i < b->nrows && !have; i++)
            have = (int)b->cols[by].cells[i].num == year_of(y);
        if (!have)
            continue;
        cr_assert_eq(T2(b, "count", "year", y, key, k), want,
                     "%s %s %s: the org types must add up to %s (%g)", by_org,
                     y, k, totals, want);
    }
}

Test(data, by_org_tables_add_up_to_totals)
{
    by_org_sums("ai_function_by_org", "ai_function_totals", "function");
    by_org_sums("ai_challenge_by_org", "ai_challenge_totals", "challenge");
    /* the published figures among the totals */
    const table *f = tab("ai_function_totals"), *c = tab("ai_challenge_totals");
    cr_assert_eq(T2(f, "count", "year", "R6", "function", "音声認識"), 879);
    cr_assert_eq(T2(f, "count", "year", "R6", "function", "文字認識"), 622);
    cr_assert_eq(T2(f, "count", "year", "H30", "function", "チャットボット"), 55);
    cr_assert_eq(T2(f, "count", "year", "R1", "function", "音声認識"), 157);
    cr_assert_eq(T2(f, "count", "year", "R1", "function", "文字認識"), 120);
    cr_assert_eq(T2(c, "count", "year", "R6", "challenge",
                    "取り組むための人材がいらない又は不足している"), 838);
    cr_assert_eq(T2(c, "count", "year", "R6", "challenge",
                    "取り組むためのコストが高額であり予算を獲得するのが難しい"),
                 674);
    cr_assert_eq(T2(c, "count", "year", "R6", "challenge", "導入効果が不明"), 562);
}

Test(data, per_org_counts_fit_the_organisations)
{
    /* counts of organisations (one answer each) never exceed the org type */
    static const char *const by_org[] = {"ai_function_by_org",
                                         "ai_challenge_by_org",
                                         "rpa_field_counts", "rpa_challenges"};
    for (size_t i = 0; i < sizeof by_org / sizeof *by_org; i++) {
        const table *t = tab(by_org[i]);
        int co = col(t, "org_type"), cc = col(t, "count");
        for (size_t r = 0; r < t->nrows; r++) {
            const cell *x = &t->cols[cc].cells[r];
            cr_assert(x->missing || x->num >= 0);
            for (int k = 0; k < 3; k++)
                if (!strcmp(t->cols[co].cells[r].text, ORGS[k]))
                    cr_assert_leq(x->num, NORG[k], "%s.csv:%d: %g answers from "
                                  "%d organisations", t->name, x->line, x->num,
                                  NORG[k]);
        }
    }
}

Test(data, motives_are_one_answer_per_organisation)
{
    const table *m = tab("adoption_motives"), *s = tab("surveys");
    const table *rpa = tab("rpa_adoption_status");
    /* AI: the organisations that answered the AI detail questions */
    cr_assert_eq(T2(m, "count", "year", "R6", "technology", "AI"),
                 T1(s, "ai_respondents", "year", "R6"));
    for (int k = 0; k < 3; k++) {
        double a = T3(m, "count", "year", "R6", "technology", "AI", "org_type",
                      ORGS[k]);
        cr_assert_leq(a, NORG[k]);
        /* RPA: one answer per RPA adopter */
        cr_assert_eq(T3(m, "count", "year", "R6", "technology", "RPA",
                        "org_type", ORGS[k]),
                     T3(rpa, "count", "year", "R6", "org_type", ORGS[k],
                        "stage", "導入済み"), "%s", ORGS[k]);
    }
}

Test(data, joint_use_tables_as_published)
{
    const table *a = tab("ai_joint_use"), *r = tab("rpa_joint_use");
    static const char *const forms[] = {
        "幹事団体が一括して調達し、参加団体にライセンスを付与",
        "参加団体が仕様書等を統一し、調達は各団体が実施", "その他"};
    for (int i = 0; i < 3; i++) {
        double s = 0;
        for (int k = 0; k < 3; k++)
            s += T3(a, "count", "year", "R6", "form", forms[i], "org_type",
                    ORGS[k]);
        cr_assert_eq(s, T3(a, "count", "year", "R6", "form", forms[i],
                           "org_type", "合計"), "%s", forms[i]);
    }
    /* RPA: every organisation answered; the published 合計 row covers all
     * 1,788 and the 都道府県 and 指定都市 rows their org types */
    cr_assert_eq(T2(r, "count", "year", "R6", "org_type", "合計"), 1788);
    cr_assert_eq(T2(r, "count", "year", "R6", "org_type", "都道府県"), 47);
    cr_assert_eq(T2(r, "count", "year", "R6", "org_type", "指定都市"), 20);
    static const char *const st[] = {"実施中", "検討中"};
    for (int i = 0; i < 2; i++) {
        double s = 0;
        for (int k = 0; k < 3; k++)
            s += T3(r, "count", "year", "R6", "status_of_use", st[i],
                    "org_type", ORGS[k]);
        cr_assert_eq(s, T3(r, "count", "year", "R6", "status_of_use", st[i],
                           "org_type", "合計"), "%s", st[i]);
    }
    /* 実施予定なし: the published その他の市区町村 row (1,661) is 20 more
     * than the 合計 (1,704) leaves for it; the table keeps both as printed
     * (data/SOURCES.md) */
    double rest = T3(r, "count", "year", "R6", "status_of_use", "実施予定なし",
                     "org_type", "合計") -
                  T3(r, "count", "year", "R6", "status_of_use", "実施予定なし",
                     "org_type", "都道府県") -
                  T3(r, "count", "year", "R6", "status_of_use", "実施予定なし",
                     "org_type", "指定都市");
    cr_assert_eq(rest, 1641);
    cr_assert_eq(T3(r, "count", "year", "R6", "status_of_use", "実施予定なし",
                    "org_type", "その他の市区町村"), 1661);
    cr_assert_eq(T3(r, "count", "year", "R5", "status_of_use", "実施中",
                    "org_type", "合計"), 59);
    cr_assert_eq(T3(r, "count", "year", "R5", "status_of_use", "実施予定なし",
                    "org_type", "合計"), 1688);
}
