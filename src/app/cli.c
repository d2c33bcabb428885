#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fsutil.h"
#include "i18n.h"
#include "suggest.h"
#include "utf8.h"

/* ---- the tables ---------------------------------------------------- */

typedef struct command_info {
    const char *name;
    const char *operands; /* after the options in the usage line, or NULL */
    const char *summary;  /* one line, for the overview */
    const char *text;     /* the help's paragraph */
} command_info;

static const command_info COMMANDS[CLI_NCOMMANDS] = {
    [CLI_BUILD] =
        {"build", NULL, N_("write the PDF, the .pptx and the site"),
         N_("Builds the deck from the data (data/*.csv) and the\n"
            "templates (templates/*.md) into OUT/<deck>.pdf,\n"
            "OUT/<deck>.pptx and OUT/site/ (all three, unless --pdf,\n"
            "--pptx or --html asks for some).\n"
            "A build that fails leaves the earlier outputs untouched.\n")},
    [CLI_CHECK] = {"check", NULL, N_("validate everything, write nothing"),
                   N_("Runs every validation a build runs (data, templates,\n"
                      "charts, layout fit) and writes nothing.\n")},
    [CLI_WATCH] = {"watch", NULL, N_("build again on every change"),
                   N_("Builds, then builds again whenever a file in the data\n"
                      "or templates directory changes, one line per build,\n"
                      "until Ctrl+C.\n")},
    [CLI_PREVIEW] =
        {"preview", NULL,
         N_("watch, and show the site in the browser as it changes"),
         N_("Builds as watch does and serves the site on\n"
            "http://127.0.0.1:PORT/ (this machine only): open it in\n"
            "a browser and it reloads after each rebuild, or shows\n"
            "the messages of a build that failed.  The site written\n"
            "to OUT stays free of scripts; the reload exists only in\n"
            "the pages the preview serves.  Until Ctrl+C.\n")},
    [CLI_INIT] = {"init", "DIR", N_("start a new deck in DIR"),
                  N_("Creates a deck project in DIR (made if missing): data/\n"
                     "with its schemas and templates/, ready for `shiryo\n"
                     "build`.  Refuses to overwrite a file that exists.\n")},
    [CLI_DIFF] = {"diff", "[OLD [NEW]]",
                  N_("list what a reader would see change between two states"),
                  N_("Compares two states of the deck, each a project folder\n"
                     "(with data/ and templates/) or a git revision of this\n"
                     "project (HEAD~1, a tag): per slide, every sentence that\n"
                     "changed (old -> new, the changed figures marked\n"
                     "[-old-]{+new+}), every chart or table value, slides\n"
                     "added or removed, status changes (速報 -> 確報).\n"
                     "NEW defaults to this folder, OLD to HEAD.\n"
                     "Exit status: 0 no change, 1 changes, 2 trouble.\n")},
    [CLI_HELP] = {"help", "[COMMAND]", N_("print the help of a command"), NULL},
    [CLI_VERSION] = {"--version", NULL,
                     N_("print the version of shiryo and of its libraries"),
                     NULL},
};

typedef enum {
    OPT_OUTPUT, /* a flag that selects outputs (the rows' `output`) */
    OPT_DATA,
    OPT_TEMPLATES,
    OPT_OUT,
    OPT_FONT,
    OPT_PAGE,
    OPT_ENCODING,
    OPT_STARTER,
    OPT_EXAMPLE,
    OPT_REPORT,
    OPT_PORT,
    OPT_STRICT,
    OPT_HELP,
} option_id;

#define ON(c) (1u << (c))
#define BUILDS (ON(CLI_BUILD) | ON(CLI_WATCH) | ON(CLI_PREVIEW))
#define READS (BUILDS | ON(CLI_CHECK))
#define EVERY (READS | ON(CLI_INIT) | ON(CLI_DIFF) | ON(CLI_HELP))

static const char *const PAGE_VALUES[] = {"a4", "16:9", NULL};
/* utf8, shift_jis and sjis are accepted as spellings of the two named
 * encodings; the help and the completion offer the three names only */
static const char *const ENCODING_VALUES[] = {"auto", "utf-8", "cp932", NULL};

typedef struct option_info {
    option_id id;
    const char *name;
    const char *alias;         /* a one-letter spelling, or NULL */
    const char *metavar;       /* the value's name; NULL for a flag */
    const char *const *values; /* the values allowed, or NULL for any */
    unsigned commands;         /* ON(c) for each command taking it */
    const char *help;
    const char *output; /* OPT_OUTPUT: the name the build selects writers
                           by (output.h: a writer row's `option`) */
} option_info;

static const option_info OPTIONS[] = {
    {OPT_OUTPUT, "--pdf", NULL, NULL, NULL, BUILDS, N_("write the PDF"), "pdf"},
    {OPT_OUTPUT, "--html", NULL, NULL, NULL, BUILDS, N_("write the site"),
     "html"},
    {OPT_OUTPUT, "--pptx", NULL, NULL, NULL, BUILDS,
     N_("write the PowerPoint file (none of the three: all of them)"), "pptx"},
    {OPT_DATA, "--data", NULL, "DIR", NULL, READS,
     N_("survey data directory (default: data)")},
    {OPT_TEMPLATES, "--templates", NULL, "DIR", NULL, READS,
     N_("templates directory (default: templates)")},
    {OPT_OUT, "--out", "-o", "DIR", NULL, BUILDS,
     N_("output directory (default: out)")},
    {OPT_FONT, "--font", NULL, "FILE", NULL, READS,
     N_("TrueType font (default: the deck's `font`, else fonts/ipaexg.ttf, "
        "else the system IPAexGothic)")},
    {OPT_PAGE, "--page", NULL, "SIZE", PAGE_VALUES, READS,
     N_("page size (default: the deck's `page`, else a4)")},
    {OPT_ENCODING, "--encoding", NULL, "E", ENCODING_VALUES,
     READS | ON(CLI_DIFF),
     N_("CSV encoding (default: auto, which detects Shift_JIS/CP932)")},
    {OPT_STRICT, "--strict", NULL, NULL, NULL, READS | ON(CLI_PREVIEW),
     N_("make errors of the notes and warnings that may hide a mistake (a "
        "table without a schema, a sentence the data broke)")},
    {OPT_STARTER, "--starter", NULL, NULL, NULL, ON(CLI_INIT),
     N_("a small starter deck: a cover and one slide with a chart (the "
        "default)")},
    {OPT_EXAMPLE, "--example", NULL, NULL, NULL, ON(CLI_INIT),
     N_("the full example deck, 24 slides: "
        "総務省「自治体におけるAI・RPA活用促進」")},
    {OPT_REPORT, "--report", NULL, "FILE", NULL, ON(CLI_DIFF),
     N_("also write the changes as an HTML page to FILE")},
    {OPT_PORT, "--port", NULL, "N", NULL, ON(CLI_PREVIEW),
     N_("the port to serve on, at 127.0.0.1 (default 8400; 0: any free one)")},
    {OPT_HELP, "--help", "-h", NULL, NULL, EVERY,
     N_("print this help and exit")},
};
#define NOPTIONS (sizeof OPTIONS / sizeof OPTIONS[0])
_Static_assert(NOPTIONS <= CLI_MAX_OUTPUTS,
               "cli_args.outputs must hold every output flag");

static const char *EXIT_TEXT =
    N_("Exit status: 0 success, 1 errors in the input (data or templates),\n"
       "2 wrong usage, 3 input/output or internal failure.\n");

/* ---- lookup and suggestions ----------------------------------------- */

static int find_command(const char *name, cli_command *c);

const char *cli_command_name(cli_command c) { return COMMANDS[c].name; }

/* The commands a user types as a first word. */
static int is_verb(cli_command c) { return c != CLI_VERSION; }

int cli_find_command(const char *name, cli_command *c)
{
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0)
        name = "help";
    if (strcmp(name, "--version") == 0) {
        *c = CLI_VERSION;
        return 1;
    }
    return find_command(name, c);
}

static int find_command(const char *name, cli_command *c)
{
    for (int i = 0; i < CLI_NCOMMANDS; i++)
        if (is_verb((cli_command)i) && strcmp(COMMANDS[i].name, name) == 0) {
            *c = (cli_command)i;
            return 1;
        }
    return 0;
}

static const char *nearest_command(const char *name)
{
    const char *cands[CLI_NCOMMANDS];
    size_t n = 0;
    for (int i = 0; i < CLI_NCOMMANDS; i++)
        if (is_verb((cli_command)i))
            cands[n++] = COMMANDS[i].name;
    return suggest_nearest(name, cands, n);
}

static void list_commands(buf *out)
{
    int first = 1;
    for (int i = 0; i < CLI_NCOMMANDS; i++)
        if (is_verb((cli_command)i)) {
            buf_printf(out, "%s%s", first ? "" : ", ", COMMANDS[i].name);
            first = 0;
        }
}

static const option_info *find_option(const char *name)
{
    for (size_t i = 0; i < NOPTIONS; i++)
        if (strcmp(OPTIONS[i].name, name) == 0 ||
            (OPTIONS[i].alias && strcmp(OPTIONS[i].alias, name) == 0))
            return &OPTIONS[i];
    return NULL;
}

static const char *nearest_option(const char *name, cli_command c)
{
    const char *cands[NOPTIONS];
    size_t n = 0;
    for (size_t i = 0; i < NOPTIONS; i++)
        if (OPTIONS[i].commands & ON(c))
            cands[n++] = OPTIONS[i].name;
    return suggest_nearest(name, cands, n);
}

/* The usage errors' hint, in the form of every other diagnostic's:
 * "\n  hint: did you mean "NEAR"?" after the message (nothing when NULL). */
static void hint_near(buf *err, const char *near)
{
    if (near) {
        buf_printf(err, "\n  %s: ", _("hint"));
        buf_printf(err, _("did you mean \"%s\"?"), near);
    }
}

static void join_values(const char *const *v, const char *sep,
                        const char *last_sep, buf *out)
{
    for (size_t i = 0; v[i]; i++)
        buf_printf(out, "%s%s", i == 0 ? "" : v[i + 1] ? sep : last_sep, v[i]);
}

/* Checks a value against the option's list; 0, or -1 with the message. */
static int check_value(const option_info *o, const char *v, buf *err)
{
    if (o->id == OPT_PORT) {
        size_t n = strspn(v, "0123456789");
        if (n == 0 || n > 5 || v[n] || atoi(v) > 65535) {
            buf_printf(err,
                       _("--port needs a number from 0 to 65535, not "
                         "\"%s\""),
                       v);
            return -1;
        }
        return 0;
    }
    if (!o->values)
        return 0;
    for (size_t i = 0; o->values[i]; i++)
        if (strcmp(o->values[i], v) == 0)
            return 0;
    if (o->id == OPT_ENCODING &&
        (strcmp(v, "utf8") == 0 || strcmp(v, "shift_jis") == 0 ||
         strcmp(v, "sjis") == 0))
        return 0;
    size_t n = 0;
    while (o->values[n])
        n++;
    const char *near = suggest_nearest(v, o->values, n);
    buf_printf(err, _("unknown %s \"%s\" (expected "),
               o->id == OPT_PAGE ? _("page size") : _("encoding"), v);
    join_values(o->values, ", ", _(" or "), err);
    buf_puts(err, ")");
    hint_near(err, near);
    return -1;
}

/* ---- parsing -------------------------------------------------------- */

static void set_value(cli_args *a, const option_info *o, const char *v)
{
    switch (o->id) {
    case OPT_DATA:
        a->data_dir = v;
        a->data_given = 1;
        break;
    case OPT_TEMPLATES:
        a->templates_dir = v;
        a->templates_given = 1;
        break;
    case OPT_OUT:
        a->out = v;
        break;
    case OPT_FONT:
        a->font = v;
        break;
    case OPT_REPORT:
        a->report = v;
        break;
    case OPT_PORT:
        a->port = atoi(v);
        break;
    case OPT_PAGE:
        a->page_given = 1;
        a->page = strcmp(v, "16:9") == 0 ? PAGE_16_9 : PAGE_A4_LANDSCAPE;
        break;
    case OPT_ENCODING:
        a->encoding = strcmp(v, "auto") == 0 ? CSV_ENC_AUTO
                      : (strcmp(v, "utf-8") == 0 || strcmp(v, "utf8") == 0)
                          ? CSV_ENC_UTF8
                          : CSV_ENC_CP932;
        break;
    default:
        break;
    }
}

static void set_flag(cli_args *a, const option_info *o)
{
    switch (o->id) {
    case OPT_OUTPUT:
        for (size_t i = 0; i < a->noutputs; i++)
            if (strcmp(a->outputs[i], o->output) == 0)
                return;
        if (a->noutputs < CLI_MAX_OUTPUTS)
            a->outputs[a->noutputs++] = o->output;
        break;
    case OPT_STARTER:
        a->init_kind = INIT_STARTER;
        break;
    case OPT_EXAMPLE:
        a->init_kind = INIT_EXAMPLE;
        break;
    case OPT_HELP:
        a->help = 1;
        break;
    case OPT_STRICT:
        a->strict = 1;
        break;
    default:
        break;
    }
}

static int unknown_option(const char *arg, cli_command c, buf *err)
{
    const option_info *o = find_option(arg);
    if (o) {
        buf_printf(err, _("%s is not an option of `shiryo %s`"), arg,
                   COMMANDS[c].name);
        return -1;
    }
    buf_printf(err, _("unknown option \"%s\""), arg);
    const char *near = nearest_option(arg, c);
    hint_near(err, near);
    return -1;
}

/* The output folder apart from the inputs: -o equal to the data or the
 * templates folder, inside one, or containing one would mix outputs with
 * inputs (and `watch` would rebuild on its own writes forever).  Paths
 * are compared canonical (fs_canonical), so links and ".." do not hide
 * it.  0, or -1 with the message in err. */
static int check_out_dir(const cli_args *a, buf *err)
{
    const struct {
        const char *what, *dir;
    } in[] = {{"data", a->data_dir}, {"templates", a->templates_dir}};
    for (size_t k = 0; k < 2; k++) {
        int r = fs_within(a->out, in[k].dir);
        const char *how = r == 1 ? N_("is") : r == 2 ? N_("is inside") : NULL;
        if (!how && fs_within(in[k].dir, a->out))
            how = N_("contains");
        if (!how)
            continue;
        buf_printf(err,
                   _("-o \"%s\" %s the %s folder \"%s\": the outputs "
                     "would be mixed with the inputs%s"),
                   a->out, _(how), in[k].what, in[k].dir,
                   a->cmd != CLI_BUILD ? _(" and every build would start the "
                                           "next")
                                       : "");
        buf_printf(err, "\n  %s: ", _("hint"));
        buf_puts(err, _("write the outputs to a folder of their own "
                        "beside the inputs, such as -o out"));
        return -1;
    }
    return 0;
}

/* The options and operands after the command word. */
static int parse_rest(int argc, char **argv, int i, cli_args *a, buf *err)
{
    int operands = 0;
    for (; i < argc; i++) {
        const char *arg = argv[i];
        if (arg[0] != '-' || strcmp(arg, "-") == 0) {
            if (a->cmd == CLI_INIT && operands == 0) {
                a->init_dir = arg;
                operands++;
                continue;
            }
            if (a->cmd == CLI_DIFF && operands < 2) {
                *(operands++ ? &a->diff_new : &a->diff_old) = arg;
                continue;
            }
            if (a->cmd == CLI_HELP && operands == 0) {
                if (!find_command(arg, &a->help_on) || a->help_on == CLI_HELP) {
                    const char *near = nearest_command(arg);
                    buf_printf(err, _("no help on \"%s\" (commands: "), arg);
                    list_commands(err);
                    buf_puts(err, ")");
                    hint_near(err, near);
                    return -1;
                }
                operands++;
                continue;
            }
            buf_printf(err,
                       _("unexpected argument \"%s\" (`shiryo %s` takes "
                         "%s)"),
                       arg, COMMANDS[a->cmd].name,
                       COMMANDS[a->cmd].operands ? COMMANDS[a->cmd].operands
                                                 : _("options only"));
            return -1;
        }
        /* --name=value */
        char name[64];
        const char *value = NULL;
        const char *eq = strchr(arg, '=');
        if (eq && arg[1] == '-' && (size_t)(eq - arg) < sizeof name) {
            memcpy(name, arg, (size_t)(eq - arg));
            name[eq - arg] = '\0';
            value = eq + 1;
        } else {
            snprintf(name, sizeof name, "%s", arg);
        }
        const option_info *o = find_option(name);
        if (!o || !(o->commands & ON(a->cmd)))
            return unknown_option(eq ? name : arg, a->cmd, err);
        if (!o->metavar) {
            if (value) {
                buf_printf(err, _("%s takes no value"), o->name);
                return -1;
            }
            set_flag(a, o);
            continue;
        }
        if (!value) {
            if (i + 1 >= argc) {
                buf_printf(err, _("%s needs a value"), arg);
                return -1;
            }
            value = argv[++i];
        }
        if (check_value(o, value, err) != 0)
            return -1;
        set_value(a, o, value);
    }
    if (a->cmd == CLI_INIT && !a->init_dir && !a->help) {
        buf_puts(err, _("init needs the folder to create the deck in "
                        "(shiryo init DIR)"));
        return -1;
    }
    if ((a->cmd == CLI_BUILD || a->cmd == CLI_WATCH || a->cmd == CLI_PREVIEW) &&
        !a->help)
        return check_out_dir(a, err);
    return 0;
}

int cli_parse(int argc, char **argv, cli_args *a, buf *err)
{
    memset(a, 0, sizeof *a);
    a->data_dir = "data";
    a->templates_dir = "templates";
    a->out = "out";
    a->encoding = CSV_ENC_AUTO;
    a->page = PAGE_A4_LANDSCAPE;
    a->help_on = CLI_HELP;
    a->port = 8400;
    if (argc < 2) {
        buf_puts(err, _("no command given"));
        return -1;
    }
    const char *word = argv[1];
    if (strcmp(word, "--help") == 0 || strcmp(word, "-h") == 0)
        word = "help";
    if (strcmp(word, "--version") == 0) {
        a->cmd = CLI_VERSION;
        if (argc > 2) {
            buf_printf(err, _("unexpected argument \"%s\""), argv[2]);
            return -1;
        }
        return 0;
    }
    if (!find_command(word, &a->cmd)) {
        const char *near = nearest_command(word);
        if (word[0] == '-') {
            buf_printf(err, _("unknown option \"%s\" before the command"),
                       word);
            return -1;
        }
        buf_printf(err, _("unknown command \"%s\""), word);
        if (near)
            hint_near(err, near);
        else {
            buf_puts(err, _(" (expected "));
            list_commands(err);
            buf_puts(err, ")");
        }
        return -1;
    }
    return parse_rest(argc, argv, 2, a, err);
}

/* ---- help ----------------------------------------------------------- */

/* "[--page a4|16:9]" and the like, wrapped under "usage: shiryo CMD". */
static void usage_of(cli_command c, const char *lead, buf *out)
{
    size_t start = out->len;
    buf_printf(out, "%sshiryo %s", lead, COMMANDS[c].name);
    size_t indent = utf8_display_width(lead, strlen(lead)) + strlen("shiryo ") +
                    strlen(COMMANDS[c].name) + 1;
    size_t col = utf8_display_width(out->data + start, out->len - start);
    for (size_t i = 0; i <= NOPTIONS; i++) {
        buf item = BUF_INIT;
        if (i == NOPTIONS) {
            if (!COMMANDS[c].operands)
                break;
            buf_puts(&item, COMMANDS[c].operands);
        } else {
            const option_info *o = &OPTIONS[i];
            if (!(o->commands & ON(c)) || o->id == OPT_HELP)
                continue;
            buf_printf(&item, "[%s", o->alias ? o->alias : o->name);
            if (o->values) {
                buf_putc(&item, ' ');
                join_values(o->values, "|", "|", &item);
            } else if (o->metavar) {
                buf_printf(&item, " %s", o->metavar);
            }
            buf_putc(&item, ']');
        }
        if (col + 1 + item.len > 76) {
            buf_putc(out, '\n');
            for (size_t k = 0; k < indent - 1; k++)
                buf_putc(out, ' ');
            col = indent - 1;
        }
        buf_printf(out, " %s", buf_cstr(&item));
        col += 1 + item.len;
        buf_free(&item);
    }
    buf_putc(out, '\n');
}

void cli_usage(cli_command c, buf *out)
{
    if (c != CLI_HELP && c != CLI_VERSION) {
        usage_of(c, _("usage: "), out);
        return;
    }
    /* the lines after the first under its first (lead is as wide as the
     * translated "usage: ", counted in columns) */
    const char *first = _("usage: ");
    buf pad = BUF_INIT;
    for (size_t k = utf8_display_width(first, strlen(first)); k > 0; k--)
        buf_putc(&pad, ' ');
    const char *lead = first;
    for (int i = 0; i < CLI_NCOMMANDS; i++) {
        if (i == CLI_HELP || i == CLI_VERSION)
            continue;
        usage_of((cli_command)i, lead, out);
        lead = buf_cstr(&pad);
    }
    buf_printf(out, "%sshiryo help [COMMAND] | COMMAND --help | --version\n",
               lead);
    buf_free(&pad);
}

static void wrap_help(const char *text, size_t indent, buf *out)
{
    size_t col = indent;
    const char *p = text;
    while (*p) {
        const char *sp = strchr(p, ' ');
        size_t n = sp ? (size_t)(sp - p) : strlen(p);
        size_t w = utf8_display_width(p, n);
        if (col > indent && col + 1 + w > 76) {
            buf_putc(out, '\n');
            for (size_t k = 0; k < indent; k++)
                buf_putc(out, ' ');
            col = indent;
        } else if (col > indent) {
            buf_putc(out, ' ');
            col++;
        }
        buf_put(out, p, n);
        col += w;
        p += n;
        while (*p == ' ')
            p++;
    }
    buf_putc(out, '\n');
}

void cli_help(cli_command c, buf *out)
{
    if (c == CLI_HELP || c == CLI_VERSION) {
        cli_usage(CLI_HELP, out);
        buf_puts(out, _("\nshiryo turns survey data (data/*.csv) and Markdown "
                        "templates\n(templates/*.md) into a PDF slide deck, a "
                        "PowerPoint file and "
                        "an HTML site.\n\nCommands:\n"));
        for (int i = 0; i < CLI_NCOMMANDS; i++)
            buf_printf(out, "  %-10s %s\n", COMMANDS[i].name,
                       _(COMMANDS[i].summary));
        buf_puts(out, _("\nRun `shiryo COMMAND --help` for a command's "
                        "options; `man shiryo` for the manual.\n\n"));
        buf_puts(out, _(EXIT_TEXT));
        return;
    }
    cli_usage(c, out);
    buf_printf(out, "\n%s\n%s\n", _(COMMANDS[c].text), _("Options:"));
    for (size_t i = 0; i < NOPTIONS; i++) {
        const option_info *o = &OPTIONS[i];
        if (!(o->commands & ON(c)))
            continue;
        buf spell = BUF_INIT;
        if (o->alias)
            buf_printf(&spell, "%s, ", o->alias);
        buf_puts(&spell, o->name);
        if (o->values) {
            buf_putc(&spell, ' ');
            join_values(o->values, "|", "|", &spell);
        } else if (o->metavar) {
            buf_printf(&spell, " %s", o->metavar);
        }
        buf_printf(out, "  %-22s", buf_cstr(&spell));
        if (spell.len > 22) {
            buf_puts(out, "\n                        ");
        }
        wrap_help(_(o->help), 24, out);
        buf_free(&spell);
    }
    buf_putc(out, '\n');
    if (c != CLI_DIFF) /* its own, in its text */
        buf_puts(out, _(EXIT_TEXT));
}
