#include <criterion/criterion.h>

#include "suggest.h"

Test(suggest, distance_over_code_points)
{
    cr_assert_eq(suggest_distance("", ""), 0);
    cr_assert_eq(suggest_distance("kitten", "sitting"), 3);
    cr_assert_eq(suggest_distance("導入済", "導入済み"), 1);
    cr_assert_eq(suggest_distance("都道府県", "指定都市"), 4);
    cr_assert_eq(suggest_distance("abc", ""), 3);
    cr_assert_eq(suggest_distance("確報", "速報"), 1);
}

Test(suggest, nearest_within_limit)
{
    const char *c[] = {"導入済み", "導入予定", "未定"};
    cr_assert_str_eq(suggest_nearest("導入済", c, 3), "導入済み");
    cr_assert_str_eq(suggest_nearest("導入予", c, 3), "導入予定");
    cr_assert_null(suggest_nearest("全く違う言葉です", c, 3));
    const char *cols[] = {"year", "org_type", "count"};
    cr_assert_str_eq(suggest_nearest("yeer", cols, 3), "year");
    /* swapping two neighbours is one edit (the commonest typing slip) */
    cr_assert_str_eq(suggest_nearest("yaer", cols, 3), "year");
    cr_assert_eq(suggest_distance("biuld", "build"), 1);
    cr_assert_eq(suggest_distance("ab", "ba"), 1);
    cr_assert_eq(suggest_distance("abc", "ca"), 3); /* no edit twice */
    /* two slips are still too far for a 4-character name */
    cr_assert_null(suggest_nearest("yaxr", cols, 3));
    cr_assert_str_eq(suggest_nearest("org_typ", cols, 3), "org_type");
    cr_assert_null(suggest_nearest("status", cols, 3));
    cr_assert_null(suggest_nearest("x", cols, 0));
}

Test(suggest, picks_the_closest)
{
    const char *c[] = {"counts", "count"};
    cr_assert_str_eq(suggest_nearest("coun", c, 2), "count");
}
