#include "wbook.h"

#include <stdlib.h>
#include <unistd.h>

#include "fsutil.h"

static int fail(const char *tmp_path, const char *what, const char *why,
                diag_list *d)
{
    diag_add(d, DIAG_ERROR, tmp_path, 0, 0, "cannot write %s: %s", what, why);
    diag_hint(d, "check that the disk has room and the folder is writable; "
                 "the earlier outputs are unchanged");
    unlink(tmp_path);
    return -1;
}

lxw_workbook *wbook_new(const char *tmp_path, const char *title,
                        const char *what, diag_list *d)
{
    lxw_workbook *wb = workbook_new(tmp_path);
    if (!wb) {
        fail(tmp_path, what, "cannot create it", d);
        return NULL;
    }
    lxw_doc_properties props = {0};
    props.created = WBOOK_FIXED_TIME;
    props.title = (char *)title; /* copied by libxlsxwriter */
    workbook_set_properties(wb, &props);
    return wb;
}

int wbook_finish(lxw_workbook *wb, const char *tmp_path, const char *what,
                 buf *out, diag_list *d)
{
    lxw_error err = workbook_close(wb);
    if (err != LXW_NO_ERROR)
        return fail(tmp_path, what, lxw_strerror(err), d);
    size_t len;
    char *data = fs_read(tmp_path, &len, d);
    unlink(tmp_path);
    if (!data)
        return -1;
    buf_put(out, data, len);
    free(data);
    return 0;
}
