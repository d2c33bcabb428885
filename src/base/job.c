#include "job.h"

static void *trampoline(void *arg)
{
    job *j = arg;
    j->fn(j->arg);
    return NULL;
}

void job_start(job *j, void (*fn)(void *arg), void *arg)
{
    j->fn = fn;
    j->arg = arg;
    j->threaded = pthread_create(&j->thread, NULL, trampoline, j) == 0;
    if (!j->threaded)
        fn(arg);
}

void job_wait(job *j)
{
    if (j->threaded)
        pthread_join(j->thread, NULL);
    j->threaded = 0;
}
