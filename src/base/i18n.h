/* i18n: the messages' language (GNU gettext, text domain "shiryo").
 *
 * _(s) is s in the language of the messages (LC_MESSAGES, LANGUAGE), or s
 * itself when there is no catalogue for it; N_(s) only marks s for xgettext
 * (a word or phrase kept in a table and translated where it is used).
 * The catalogues are po/LANG.po, built to LOCALEDIR/LANG/LC_MESSAGES/shiryo.mo;
 * main.c binds the domain (and its codeset, UTF-8) before anything is
 * said.  diag translates the format and hint of every diagnostic itself
 * (diag.h), so a caller passes the English literal and marks with N_()
 * only the pieces it composes into a message.
 *
 * Memory: the strings returned are gettext's (static; nothing is freed). */
#ifndef SHIRYO_I18N_H
#define SHIRYO_I18N_H
#include <libintl.h>

#define SHIRYO_DOMAIN "shiryo"

#define _(s) dgettext(SHIRYO_DOMAIN, s)
#define N_(s) s

#endif
