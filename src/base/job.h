/* job: a function run on a thread of its own (POSIX threads), or on the
 * caller's when no thread can be started, and waited for.  The build runs
 * its independent work this way (build.c: the font while the project
 * loads, the writers' renders at once).
 *
 * Memory: a job is the caller's (on its stack, usually) and holds no
 * allocation; fn's argument stays the caller's. */
#ifndef SHIRYO_JOB_H
#define SHIRYO_JOB_H
#include <pthread.h>

typedef struct job {
    void (*fn)(void *arg);
    void *arg;
    pthread_t thread;
    int threaded;
} job;

/* Starts fn(arg) on a thread of its own; when none can be started, runs
 * it here before returning. */
void job_start(job *j, void (*fn)(void *arg), void *arg);
/* Returns when fn has returned. */
void job_wait(job *j);

#endif
