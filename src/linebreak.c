#include "linebreak.h"

#include <stdlib.h>
#include <string.h>

#include "utf8.h"
#include "xalloc.h"

int lb_no_start(uint32_t cp)
{
    static const char *set =
        /* closing brackets (JLREQ cl-02) */
        "’”）〕］｝〉》」』】〙〗〟｠»)]}"
        /* hyphens (cl-03), dividing punctuation (cl-04) */
        "‐〜゠–？！?!‼⁇⁈⁉"
        /* middle dots (cl-05), full stops (cl-06), commas (cl-07) */
        "・：；:;。．.、，,"
        /* iteration marks (cl-09), prolonged sound mark (cl-10) */
        "ヽヾゝゞ々〻ー"
        /* small kana (cl-11) */
        "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"
        /* postfixed abbreviations that belong to the number before them */
        "%％‰℃°′″";
    char u[5] = {0};
    utf8_encode(cp, u);
    return strstr(set, u) != NULL;
}

int lb_no_end(uint32_t cp)
{
    static const char *set = "‘“（〔［｛〈《「『【〘〖〝｟«([{";
    char u[5] = {0};
    utf8_encode(cp, u);
    return strstr(set, u) != NULL;
}

/* Letters, digits and the joiners inside numbers and words: a run of these
 * is one unbreakable word. */
static int wordish(uint32_t cp)
{
    if (cp < 0x80)
        return (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') ||
               (cp >= 'a' && cp <= 'z') || cp == '%' || cp == ',' ||
               cp == '.' || cp == '-' || cp == '/' || cp == ':' ||
               cp == '\'' || cp == '&' || cp == '+' || cp == '#' ||
               cp == '$' || cp == '_';
    if (cp >= 0xFF10 && cp <= 0xFF19) /* full-width digits */
        return 1;
    if ((cp >= 0xFF21 && cp <= 0xFF3A) || (cp >= 0xFF41 && cp <= 0xFF5A))
        return 1;
    return !utf8_is_cjk(cp) && cp != 0x3000 && cp > 0xBF;
}

typedef struct ch {
    uint32_t cp;
    size_t off, next;
    double adv;
} ch;

/* 1 when a line may break between a and b. */
static int can_break(uint32_t a, uint32_t b)
{
    if (a == ' ')
        return b != ' ' && !lb_no_start(b);
    if (b == ' ')
        return 0; /* break after the spaces */
    if (lb_no_start(b) || lb_no_end(a))
        return 0;
    if (wordish(a) && wordish(b))
        return 0;
    /* two dashes or ellipses in a row stay together */
    if (a == b && (a == 0x2014 || a == 0x2015 || a == 0x2026 || a == 0x2025))
        return 0;
    return 1;
}

size_t lb_break(const font *f, const char *text, size_t len, double size,
                double width, lb_line **lines)
{
    ch *cs = NULL;
    size_t n = 0, cap = 0;
    for (size_t i = 0; i < len;) {
        size_t adv;
        int32_t cp = utf8_decode(text + i, len - i, &adv);
        cs = xgrow(cs, &cap, n + 1, sizeof(ch));
        cs[n].cp = cp < 0 ? 0xFFFD : (uint32_t)cp;
        cs[n].off = i;
        cs[n].next = i + adv;
        cs[n].adv = cp == '\n' ? 0 : font_advance(f, cs[n].cp) * size;
        n++;
        i += adv;
    }
    lb_line *out = NULL;
    size_t nout = 0, ocap = 0;
    size_t start = 0; /* index into cs */
    while (start <= n) {
        double w = 0;
        size_t i = start;
        size_t last_ok = 0; /* break before index last_ok (0 = none) */
        int hard = 0;
        while (i < n) {
            if (cs[i].cp == '\n') {
                hard = 1;
                break;
            }
            if (i > start && can_break(cs[i - 1].cp, cs[i].cp))
                last_ok = i;
            if (w + cs[i].adv > width + 1e-6 && i > start &&
                cs[i].cp != ' ') {
                break;
            }
            w += cs[i].adv;
            i++;
        }
        size_t brk;
        if (i >= n || hard)
            brk = i;
        else if (last_ok > start)
            brk = last_ok;
        else {
            /* no break opportunity: let the unbreakable run overflow up
             * to its end, then break there */
            brk = i;
            while (brk < n && cs[brk].cp != '\n' &&
                   !can_break(cs[brk - 1].cp, cs[brk].cp))
                brk++;
        }
        size_t end = brk;
        while (end > start && cs[end - 1].cp == ' ')
            end--;
        double lw = 0;
        for (size_t k = start; k < end; k++)
            lw += cs[k].adv;
        out = xgrow(out, &ocap, nout + 1, sizeof(lb_line));
        out[nout].start = start < n ? cs[start].off : len;
        out[nout].end = end < n ? cs[end].off : len;
        if (end > start)
            out[nout].end = cs[end - 1].next;
        else
            out[nout].end = out[nout].start;
        out[nout].width = lw;
        nout++;
        if (brk >= n)
            break;
        start = brk;
        if (cs[start].cp == '\n')
            start++;
        else
            while (start < n && cs[start].cp == ' ')
                start++;
        if (start == n && hard) {
            /* text ending in a newline: one more, empty line */
            out = xgrow(out, &ocap, nout + 1, sizeof(lb_line));
            out[nout].start = out[nout].end = len;
            out[nout].width = 0;
            nout++;
            break;
        }
        if (start == n)
            break;
    }
    free(cs);
    *lines = out;
    return nout;
}
