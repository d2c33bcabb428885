/* The stylesheet: the house look's colours as custom properties and its
 * font stack (style/look.h, which says how the colours were checked),
 * then the rules. */
#include "html_css.h"

#include "look.h"

/* What follows the font stack in the rule for html. */
static const char CSS[] =
    "color:var(--ink);background:#fff;line-height:1.75;"
    "-webkit-text-size-adjust:100%;text-size-adjust:100%}\n"
    "body{margin:0 auto;max-width:62rem;padding:0 1rem 3rem}\n"
    /* Japanese line breaking: strict kinsoku everywhere; phrase-based
     * breaks (auto-phrase) where the browser has them, plain
     * character breaks otherwise; break long Latin words rather than
     * overflow. */
    "h1,h2,h3,p,li,th,td,caption,figcaption,summary{line-break:strict;"
    "word-break:normal;overflow-wrap:break-word}\n"
    "@supports (word-break:auto-phrase){h1,h2,h3,p,li,caption,figcaption,"
    "summary{word-break:auto-phrase}}\n"
    "@supports (text-spacing-trim:normal){html{text-spacing-trim:normal}"
    "h1,h2,h3{text-spacing-trim:trim-start}}\n"
    "@supports (text-autospace:normal){html{text-autospace:normal}}\n"
    ".skip{position:absolute;left:-10000px;top:0}\n"
    ".skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem 1rem;"
    "z-index:10}\n"
    "a{color:var(--link)}\n"
    "a:focus-visible,summary:focus-visible,[tabindex]:focus-visible{"
    "outline:3px solid var(--mark);outline-offset:2px}\n"
    "header.cover{text-align:center;padding:2.5rem 0 2rem;"
    "border-bottom:3px solid var(--navy)}\n"
    "header.cover h1{color:var(--navy);font-size:clamp(1.5rem,5vw,2.2rem);"
    "line-height:1.4;margin:0 0 1.5rem}\n"
    "header.cover p{margin:.3rem 0}\n"
    "p.pdf{margin-top:1.2rem}\n"
    "p.pdf a{display:inline-block;padding:.4rem 1rem;border:2px solid "
    "var(--link);border-radius:.3rem;font-weight:bold}\n"
    "nav.toc h2{font-size:1.3rem;color:var(--navy)}\n"
    "nav.toc ol{padding-left:2.2rem}nav.toc li{margin:.3rem 0}\n"
    "section.slide{border-top:1px solid var(--rule);padding:1.5rem 0 .5rem;"
    "margin-top:1.5rem}\n"
    "section.slide h2{color:var(--navy);border-bottom:3px solid var(--navy);"
    "padding-bottom:.3rem;font-size:clamp(1.2rem,3.5vw,1.5rem);"
    "line-height:1.45}\n"
    "section.slide h3{color:var(--navy);font-size:1.1rem}\n"
    ".pageno{color:var(--grey);font-size:.85em;font-weight:normal;"
    "margin-right:.6rem}\n"
    ".mark{display:inline-block;border:2px solid var(--mark);color:var(--mark);"
    "font-weight:bold;padding:0 .6rem;margin:0 0 .5rem}\n"
    "ul.points{list-style:none;border:1px solid var(--navy);"
    "background:var(--box);padding:.8rem 1rem;margin:1rem 0}\n"
    "ul.points li{padding-left:1.2em;text-indent:-1.2em}\n"
    "ul.points li::before{content:\"■\";color:var(--navy)}\n"
    "p.image{margin:1.5rem 0;text-align:center}\n"
    "p.image img{max-width:100%;height:auto}\n"
    "figure.chart{margin:1.5rem 0}\n"
    "figcaption{font-weight:bold;color:var(--navy);text-align:center;"
    "margin-bottom:.3rem}\n"
    "figure.chart svg{display:block;width:100%;height:auto}\n"
    /* Each chart is drawn twice: at slide width for wide screens and
     * at a narrow width (panels stacked, text larger relative to the
     * drawing) for phones.  Only one is displayed. */
    ".chart-narrow{display:none}\n"
    "@media (max-width:47.99rem){.chart-wide{display:none}"
    ".chart-narrow{display:block;max-width:30rem;margin:0 auto}}\n"
    "details{margin:.6rem 0;border:1px solid var(--rule);border-radius:.3rem;"
    "padding:.3rem .8rem}\n"
    "summary{cursor:pointer;color:var(--link);font-weight:bold}\n"
    ".table-wrap{overflow-x:auto;max-width:100%;margin:.5rem 0}\n"
    "table{border-collapse:collapse;font-size:.95rem}\n"
    "caption{font-weight:bold;text-align:left;padding:.2rem 0}\n"
    "th,td{border:1px solid var(--rule);padding:.25rem .5rem;"
    "vertical-align:top;text-align:left}\n"
    "th{background:var(--head)}\n"
    "td.num{text-align:right;font-variant-numeric:tabular-nums;"
    "white-space:nowrap}\n"
    ".notes{font-size:.92rem}\n"
    ".sources{font-size:.85rem;color:var(--grey)}\n"
    ".notes p,.sources p{margin:.3rem 0}\n"
    "@media print{"
    "@page{margin:15mm}"
    "html{font-size:10.5pt;line-height:1.6}"
    "body{max-width:none;padding:0}"
    ".skip,details{display:none}"
    ".chart-narrow{display:none}.chart-wide{display:block}"
    "section.slide{break-before:page;border:0;margin:0;padding:0}"
    "figure,table,ul.points{break-inside:avoid}"
    "h2,h3{break-after:avoid}"
    "a{color:inherit}"
    "p.pdf a{border:0;padding:0}}\n";

void html_css(buf *out)
{
    /* the site's colours: every colour of the look up to the rule */
    buf_puts(out, ":root{");
    for (int c = LOOK_NAVY; c <= LOOK_RULE; c++)
        buf_printf(out, "%s--%s:#%06x", c ? ";" : "", look_css_name(c),
                   look_hex(c));
    buf_puts(out, "}\n*,*::before,*::after{box-sizing:border-box}\n"
                  "html{font-family:");
    look_font_family(out, '"');
    buf_puts(out, ";");
    buf_puts(out, CSS);
}
