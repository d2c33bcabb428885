#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

Test(utf8, decode_and_encode)
{
    size_t adv;
    cr_assert_eq(utf8_decode("A", 1, &adv), 'A');
    cr_assert_eq(adv, 1);
    cr_assert_eq(utf8_decode("令", 3, &adv), 0x4EE4);
    cr_assert_eq(adv, 3);
    cr_assert_eq(utf8_decode("\xf0\x9f\x98\x80", 4, &adv), 0x1F600);
    cr_assert_eq(adv, 4);
    /* truncated, overlong, surrogate, stray continuation */
    cr_assert_eq(utf8_decode("\xe4\xbb", 2, &adv), -1);
    cr_assert_eq(adv, 1);
    cr_assert_eq(utf8_decode("\xc0\xaf", 2, &adv), -1);
    cr_assert_eq(utf8_decode("\xed\xa0\x80", 3, &adv), -1);
    cr_assert_eq(utf8_decode("\x80", 1, &adv), -1);
    char out[4];
    uint32_t cps[] = {0x41, 0xE9, 0x4EE4, 0x1F600};
    size_t lens[] = {1, 2, 3, 4};
    for (int i = 0; i < 4; i++) {
        size_t n = utf8_encode(cps[i], out);
        cr_assert_eq(n, lens[i]);
        cr_assert_eq(utf8_decode(out, n, &adv), (int32_t)cps[i]);
    }
}

Test(utf8, validation_reports_offset)
{
    size_t bad = 99;
    cr_assert(utf8_valid("令和7年", strlen("令和7年"), &bad));
    cr_assert_not(utf8_valid("ab\x82\xa0", 4, &bad));
    cr_assert_eq(bad, 2);
    cr_assert_not(utf8_valid("令\xe4", 4, &bad));
    cr_assert_eq(bad, 3);
}

Test(utf8, length_counts_code_points)
{
    cr_assert_eq(utf8_length("令和7年", strlen("令和7年")), 4);
    cr_assert_eq(utf8_length("a\xffz", 3), 3);
    cr_assert_eq(utf8_length("", 0), 0);
}

Test(utf8, find_whole_characters)
{
    const char *s = "区分 ｜ 47 ｜";
    size_t n = strlen(s);
    cr_assert_eq(utf8_find(s, n, "｜"), s + strlen("区分 "));
    /* bounded: from after the first ｜, the second is past len */
    const char *after = s + strlen("区分 ｜");
    cr_assert_null(utf8_find(after, strlen(" 47 "), "｜"));
    cr_assert_eq(utf8_find(after, strlen(" 47 ｜"), "｜"), after + 4);
    cr_assert_null(utf8_find(s, strlen("区分 ｜") - 1, "｜"));
    cr_assert_null(utf8_find(s, n, ""));
    /* ｜ is EF BD 9C; ｝ (EF BD 9D) shares its first two bytes */
    cr_assert_null(utf8_find("｝｝", strlen("｝｝"), "｜"));
}

Test(utf8, nfc_and_nfkc)
{
    /* が as か + combining dakuten composes under NFC */
    char *s = utf8_nfc("\xe3\x81\x8b\xe3\x82\x99");
    cr_assert_str_eq(s, "が");
    free(s);
    /* NFC keeps full-width digits; NFKC folds them */
    s = utf8_nfc("１２３");
    cr_assert_str_eq(s, "１２３");
    free(s);
    s = utf8_nfkc("１２３ｶ");
    cr_assert_str_eq(s, "123カ");
    free(s);
    s = utf8_nfkc("㍻");
    cr_assert_str_eq(s, "平成");
    free(s);
}

Test(utf8, cjk_classes)
{
    cr_assert(utf8_is_cjk(0x4EE4)); /* 令 */
    cr_assert(utf8_is_cjk(0x3042)); /* あ */
    cr_assert(utf8_is_cjk(0x30A2)); /* ア */
    cr_assert(utf8_is_cjk(0x3002)); /* 。 */
    cr_assert(utf8_is_cjk(0xFF11)); /* １ */
    cr_assert(utf8_is_cjk(0x20B9F)); /* 𠮟 */
    cr_assert_not(utf8_is_cjk('A'));
    cr_assert_not(utf8_is_cjk(0xE9));
    cr_assert_not(utf8_is_cjk(0x1F600));
}

Test(utf8, decoding_is_strict)
{
    size_t adv;
    cr_assert_eq(utf8_decode("A", 1, &adv), 'A');
    cr_assert_eq(adv, 1);
    cr_assert_eq(utf8_decode("\xe5\xb0\x8e", 3, &adv), 0x5C0E);
    cr_assert_eq(adv, 3);
    cr_assert_eq(utf8_decode("\xf0\xa0\xae\xb7", 4, &adv), 0x20BB7);
    cr_assert_eq(adv, 4);
    /* overlong, surrogate, truncated, stray continuation, > U+10FFFF */
    cr_assert_eq(utf8_decode("\xc0\xaf", 2, &adv), -1);
    cr_assert_eq(adv, 1);
    cr_assert_eq(utf8_decode("\xed\xa0\x80", 3, &adv), -1);
    cr_assert_eq(utf8_decode("\xe5\xb0", 2, &adv), -1);
    cr_assert_eq(utf8_decode("\x80", 1, &adv), -1);
    cr_assert_eq(utf8_decode("\xf4\x90\x80\x80", 4, &adv), -1);
}
