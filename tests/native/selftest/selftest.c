/* Proves the conformance library is strict: each misuse runs in a forked child, which must
 * die by SIGABRT with the expected message; a correct flow must leave no live object.
 * Exit status 0 when every case behaves; the C# tests run this program. */
#define _GNU_SOURCE
#include "../abi.h"
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

typedef ddog_TraceExporterError Err;
Err *ddog_tracer_span_new(ddog_TracerSpan **out, const ddog_TracerSpanFields *fields);
void ddog_tracer_span_free(ddog_TracerSpan *span);
Err *ddog_tracer_span_set_meta(ddog_TracerSpan *span, ddog_CharSlice key, ddog_CharSlice value);
Err *ddog_tracer_trace_chunks_new(uintptr_t capacity, ddog_TracerTraceChunks **out);
void ddog_tracer_trace_chunks_free(ddog_TracerTraceChunks *chunks);
Err *ddog_tracer_trace_chunks_begin_chunk(ddog_TracerTraceChunks *chunks, uintptr_t capacity);
Err *ddog_tracer_trace_chunks_push_span(ddog_TracerTraceChunks *chunks, ddog_TracerSpan *span);
Err *ddog_trace_exporter_send_trace_chunks(const ddog_TraceExporter *exp, ddog_TracerTraceChunks *chunks,
    ddog_TraceExporterResponse **response_out, const ddog_TraceExporterCancelToken *cancel);
ddog_TraceExporterCancelToken *ddog_trace_exporter_cancel_token_new(void);
void ddog_trace_exporter_cancel_token_drop(ddog_TraceExporterCancelToken *token);
void ddog_trace_exporter_config_new(ddog_TraceExporterConfig **out);
void ddog_trace_exporter_config_free(ddog_TraceExporterConfig *cfg);
Err *ddog_trace_exporter_config_set_url(ddog_TraceExporterConfig *cfg, ddog_CharSlice value);
Err *ddog_trace_exporter_config_set_compute_stats(ddog_TraceExporterConfig *cfg, bool value);
Err *ddog_trace_exporter_new(ddog_TraceExporter **out, const ddog_TraceExporterConfig *cfg);
void ddog_trace_exporter_free(ddog_TraceExporter *exp);
void ddog_trace_exporter_response_free(ddog_TraceExporterResponse *resp);
void ddog_trace_exporter_error_free(Err *err);
long sm_test_live(int kind);
void sm_test_set_send_delay_ms(int ms);
int sm_test_sends_in_progress(void);
void sm_test_fail(const char *function, int nth, int code);

#define S(lit) ((ddog_CharSlice){ lit, sizeof(lit) - 1 })

static int g_failures;

static ddog_TracerSpan *span(void)
{
    ddog_TracerSpanFields f = { S("svc"), S("op"), S("res"), S("web"), 1, 0, 2, 0, 3, 4, 0 };
    ddog_TracerSpan *s = NULL;
    if (ddog_tracer_span_new(&s, &f) != NULL) { fputs("span_new failed\n", stderr); exit(2); }
    return s;
}

static ddog_TracerTraceChunks *chunks(void)
{
    ddog_TracerTraceChunks *c = NULL;
    ddog_tracer_trace_chunks_new(1, &c);
    ddog_tracer_trace_chunks_begin_chunk(c, 1);
    return c;
}

static ddog_TraceExporter *exporter(void)
{
    ddog_TraceExporterConfig *cfg;
    ddog_trace_exporter_config_new(&cfg);
    ddog_trace_exporter_config_set_url(cfg, S("http://localhost:8126"));
    ddog_TraceExporter *e = NULL;
    ddog_trace_exporter_new(&e, cfg);
    ddog_trace_exporter_config_free(cfg);
    return e;
}

static void send_chunks(ddog_TraceExporter *e, ddog_TracerTraceChunks *c)
{
    ddog_TraceExporterResponse *r = NULL;
    ddog_trace_exporter_error_free(ddog_trace_exporter_send_trace_chunks(e, c, &r, NULL));
    ddog_trace_exporter_response_free(r);
}

typedef struct { ddog_TraceExporter *exporter; ddog_TraceExporterCancelToken *token; } send_args_t;

static void *slow_send(void *p)
{
    send_args_t *a = p;
    ddog_TraceExporterResponse *r = NULL;
    ddog_trace_exporter_error_free(ddog_trace_exporter_send_trace_chunks(a->exporter, chunks(), &r, a->token));
    ddog_trace_exporter_response_free(r);
    return NULL;
}

/* Starts a 5 s send on another thread and returns once it is in flight. */
static void start_slow_send(ddog_TraceExporter *e, ddog_TraceExporterCancelToken *token)
{
    static send_args_t args;
    args = (send_args_t){ e, token };
    sm_test_set_send_delay_ms(5000);
    pthread_t t;
    pthread_create(&t, NULL, slow_send, &args);
    while (sm_test_sends_in_progress() == 0) usleep(1000);
}

/* ---- the misuses: each must abort ---- */
static void span_double_free(void) { ddog_TracerSpan *s = span(); ddog_tracer_span_free(s); ddog_tracer_span_free(s); }
static void span_free_null(void) { ddog_tracer_span_free(NULL); }
static void span_used_after_push(void)
{
    ddog_TracerSpan *s = span();
    ddog_tracer_trace_chunks_push_span(chunks(), s);
    ddog_tracer_span_set_meta(s, S("k"), S("v"));
}
static void span_freed_after_push(void) { ddog_TracerSpan *s = span(); ddog_tracer_trace_chunks_push_span(chunks(), s); ddog_tracer_span_free(s); }
static void span_pushed_after_failed_push(void)
{
    ddog_TracerTraceChunks *c = NULL;
    ddog_tracer_trace_chunks_new(1, &c);
    ddog_TracerSpan *s = span();
    ddog_trace_exporter_error_free(ddog_tracer_trace_chunks_push_span(c, s)); /* no chunk begun: fails, consumes */
    ddog_tracer_trace_chunks_begin_chunk(c, 1);
    ddog_tracer_trace_chunks_push_span(c, s);
}
static void chunks_used_after_send(void) { ddog_TracerTraceChunks *c = chunks(); send_chunks(exporter(), c); ddog_tracer_trace_chunks_begin_chunk(c, 1); }
static void chunks_freed_after_send(void) { ddog_TracerTraceChunks *c = chunks(); send_chunks(exporter(), c); ddog_tracer_trace_chunks_free(c); }
static void chunks_freed_after_failed_send(void)
{
    ddog_TracerTraceChunks *c = chunks();
    sm_test_fail("ddog_trace_exporter_send_trace_chunks", 0, DDOG_TRACE_EXPORTER_ERROR_CODE_HTTP_SERVER);
    send_chunks(exporter(), c);
    ddog_tracer_trace_chunks_free(c);
}
static void chunks_double_free(void) { ddog_TracerTraceChunks *c = chunks(); ddog_tracer_trace_chunks_free(c); ddog_tracer_trace_chunks_free(c); }
static void null_slice_with_length(void) { ddog_tracer_span_set_meta(span(), (ddog_CharSlice){ NULL, 3 }, S("v")); }
static void invalid_utf8(void) { ddog_tracer_span_set_meta(span(), S("k"), S("\xC3\x28")); }
static void surrogate_utf8(void) { ddog_tracer_span_set_meta(span(), S("k"), S("\xED\xA0\x80")); }
static void wrong_handle_type(void) { ddog_TraceExporterConfig *cfg; ddog_trace_exporter_config_new(&cfg); ddog_tracer_span_free((ddog_TracerSpan *)cfg); }
static void four_byte_bool(void)
{
    ddog_TraceExporterConfig *cfg;
    ddog_trace_exporter_config_new(&cfg);
    Err *(*set)(ddog_TraceExporterConfig *, unsigned char) = (Err *(*)(ddog_TraceExporterConfig *, unsigned char))(void *)ddog_trace_exporter_config_set_compute_stats;
    set(cfg, 2);
}
static void config_double_free(void) { ddog_TraceExporterConfig *cfg; ddog_trace_exporter_config_new(&cfg); ddog_trace_exporter_config_free(cfg); ddog_trace_exporter_config_free(cfg); }
static void exporter_freed_under_send(void) { ddog_TraceExporter *e = exporter(); start_slow_send(e, NULL); ddog_trace_exporter_free(e); }
static void token_dropped_under_send(void)
{
    ddog_TraceExporterCancelToken *t = ddog_trace_exporter_cancel_token_new();
    start_slow_send(exporter(), t);
    ddog_trace_exporter_cancel_token_drop(t);
}
static void error_double_free(void)
{
    ddog_TracerSpan *s = NULL;
    Err *e = ddog_tracer_span_new(&s, NULL);
    ddog_trace_exporter_error_free(e);
    ddog_trace_exporter_error_free(e);
}

typedef struct { const char *name; void (*run)(void); const char *message; } misuse_t;

static const misuse_t misuses[] = {
    { "span double free", span_double_free, "already freed" },
    { "span free of NULL (before v39)", span_free_null, "NULL span" },
    { "span used after push", span_used_after_push, "already consumed" },
    { "span freed after push", span_freed_after_push, "already consumed" },
    { "span pushed after a failed push", span_pushed_after_failed_push, "already freed" },
    { "chunks used after send", chunks_used_after_send, "already consumed" },
    { "chunks freed after send", chunks_freed_after_send, "already consumed" },
    { "chunks freed after a failed send", chunks_freed_after_failed_send, "already consumed" },
    { "chunks double free", chunks_double_free, "already freed" },
    { "NULL slice with a length", null_slice_with_length, "NULL ptr and len 3" },
    { "invalid UTF-8", invalid_utf8, "not valid UTF-8" },
    { "UTF-8 encoded surrogate", surrogate_utf8, "not valid UTF-8" },
    { "wrong handle type", wrong_handle_type, "is not a span" },
    { "bool wider than one byte", four_byte_bool, "bool byte is 2" },
    { "config double free", config_double_free, "already freed" },
    { "exporter freed under a send", exporter_freed_under_send, "freed while 1 send(s) are in flight" },
    { "cancel token dropped under a send", token_dropped_under_send, "token dropped while a send is using it" },
    { "error double free", error_double_free, "already freed" },
};

static void expect_abort(const misuse_t *m)
{
    int pipefd[2];
    if (pipe(pipefd) != 0) { perror("pipe"); exit(2); }
    pid_t pid = fork();
    if (pid == 0) {
        struct rlimit no_core = { 0, 0 };
        setrlimit(RLIMIT_CORE, &no_core);
        dup2(pipefd[1], 2);
        close(pipefd[0]);
        m->run();
        _exit(0);
    }
    close(pipefd[1]);
    char out[4096] = {0};
    size_t used = 0;
    ssize_t n;
    while (used < sizeof out - 1 && (n = read(pipefd[0], out + used, sizeof out - 1 - used)) > 0) used += (size_t)n;
    close(pipefd[0]);
    int status;
    waitpid(pid, &status, 0);
    int aborted = WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT;
    int said = strstr(out, m->message) != NULL;
    printf("%s %s\n", aborted && said ? "ok  " : "FAIL", m->name);
    if (!(aborted && said)) {
        printf("     expected SIGABRT and \"%s\"; got status %d and: %s\n", m->message, status, out);
        g_failures++;
    }
}

/* ---- a correct flow must be accepted and leave nothing alive ---- */
static void correct_flow(void)
{
    ddog_TraceExporter *e = exporter();
    ddog_TracerTraceChunks *c = chunks();
    ddog_TracerSpan *s = span();
    ddog_tracer_span_set_meta(s, S("k"), S("\xE2\x9C\x93"));
    ddog_tracer_trace_chunks_push_span(c, s);
    send_chunks(e, c);
    ddog_TracerTraceChunks *unsent = chunks();
    ddog_tracer_trace_chunks_push_span(unsent, span());
    ddog_tracer_trace_chunks_free(unsent);
    ddog_trace_exporter_free(e);
    long live = 0;
    for (int k = 0; k < 7; k++) live += sm_test_live(k);
    printf("%s correct flow leaves no live object (%ld)\n", live == 0 ? "ok  " : "FAIL", live);
    if (live != 0) g_failures++;
}

int main(void)
{
    for (size_t i = 0; i < sizeof misuses / sizeof misuses[0]; i++) expect_abort(&misuses[i]);
    correct_flow();
    printf("%d failure(s)\n", g_failures);
    return g_failures == 0 ? 0 : 1;
}
