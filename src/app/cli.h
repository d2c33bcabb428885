/* cli: the command line's grammar.  One table of commands and one table
 * of options (which command takes which option, its value and the values
 * allowed) from which the parser, every usage line and every help text
 * are made, so that a new option is one table row.  The manual page
 * (doc/shiryo.1) and the bash completion (tools/shiryo.bash-completion)
 * are checked against this table by tests/integration/cli.sh.
 *
 * Library code: nothing here prints; errors come back as text in a buf.
 * cli_args borrows its strings from argv.
 *
 * Memory: text is appended to the caller's buf (freed with buf_free()) and
 * nothing else outlives a call; a cli_args's strings point into argv or at
 * static strings (the defaults, the output names), so nobody frees them, and
 * argv must outlive it.  cli_command_name's names are static. */
#ifndef SHIRYO_CLI_H
#define SHIRYO_CLI_H
#include "buf.h"
#include "csv.h"
#include "layout.h"

typedef enum {
    CLI_BUILD,
    CLI_CHECK,
    CLI_WATCH,
    CLI_PREVIEW,
    CLI_INIT,
    CLI_DIFF,
    CLI_HELP,    /* shiryo help [COMMAND], shiryo --help */
    CLI_VERSION, /* shiryo --version */
    CLI_NCOMMANDS
} cli_command;

typedef enum { INIT_STARTER, INIT_EXAMPLE } cli_init_kind;

#define CLI_MAX_OUTPUTS 16 /* at least the number of options (cli.c) */

typedef struct cli_args {
    cli_command cmd;
    int help;              /* --help given after a command */
    cli_command help_on;   /* with CLI_HELP: the command asked about, or
                              CLI_HELP for the overview */
    const char *data_dir;  /* default "data" */
    const char *templates_dir; /* default "templates" */
    int data_given, templates_given; /* named on the command line */
    const char *out;       /* default "out" */
    const char *font;      /* NULL: the deck's, else the default */
    int page_given;
    page_size page;
    csv_encoding encoding;
    /* the outputs asked for, by name (an output flag's `output`: "pdf",
     * "html"), each once, in the order given; none: every output */
    const char *outputs[CLI_MAX_OUTPUTS];
    size_t noutputs;
    cli_init_kind init_kind;
    const char *init_dir;  /* shiryo init DIR */
    const char *diff_old, *diff_new; /* shiryo diff [OLD [NEW]]: NULL when
                                        not given */
    const char *report;    /* diff --report FILE, or NULL */
    int port;              /* preview --port N (default 8400; 0: any) */
    int strict;            /* --strict */
} cli_args;

/* Parses argv.  0 on success; -1 on a usage error, with the message (one
 * line, with "did you mean" where a name is near one) in err. */
int cli_parse(int argc, char **argv, cli_args *a, buf *err);

/* The usage lines of one command (CLI_HELP: of every command). */
void cli_usage(cli_command c, buf *out);
/* The whole help of one command (CLI_HELP: the overview). */
void cli_help(cli_command c, buf *out);
/* The command a first word names ("build", "--help", "--version"): 1
 * and *c set, or 0. */
int cli_find_command(const char *word, cli_command *c);
/* The name of a command ("build"). */
const char *cli_command_name(cli_command c);

#endif
