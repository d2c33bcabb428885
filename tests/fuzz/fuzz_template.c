/* Template compiler and evaluator on arbitrary text over a small table. */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_common.h"
#include "template.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tableset *ts = fuzz_tables();
    diag_list *d = diag_list_new();
    template *t = template_compile("templates/f.md", (const char *)data, size, d);
    if (t) {
        tmpl_env *env = tmpl_env_new(ts);
        tmpl_env_add_meta(env, t);
        expansion ex;
        if (template_expand(t, env, &ex, d) == 0)
            expansion_free(&ex);
        tmpl_env_free(env);
        template_free(t);
    }
    diag_list_free(d);
    return 0;
}
