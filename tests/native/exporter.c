/* Config, exporter, send, cancel token, response and error: ddog_trace_exporter_*. */
#include "double.h"
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define ENTER(fn) sm_lock(); sm_count_call(fn)
#define RETURN(v) do { __typeof__(v) r_ = (v); sm_unlock(); return r_; } while (0)
#define OK ((ddog_TraceExporterError *)NULL)

const char *const sm_setting_names[C_STR_COUNT] = {
    "url", "tracer_version", "language", "lang_version", "lang_interpreter", "hostname", "env",
    "version", "service", "process_tags", "test_session_token", "otlp_endpoint" };
const char *const sm_flag_names[B_COUNT] = { "compute_stats", "client_computed_stats", "health_metrics" };

static void settings_copy(settings_t *dst, const settings_t *src)
{
    *dst = *src;
    for (int i = 0; i < C_STR_COUNT; i++) {
        if (!src->s[i].set) continue;
        dst->s[i].p = malloc(src->s[i].n + 1);
        if (dst->s[i].p == NULL) sm_die("out of memory");
        memcpy(dst->s[i].p, src->s[i].p, src->s[i].n + 1);
    }
}

static void settings_free(settings_t *s)
{
    for (int i = 0; i < C_STR_COUNT; i++) sm_str_free(&s->s[i]);
}

SM_EXPORT void ddog_trace_exporter_config_new(ddog_TraceExporterConfig **out)
{
    ENTER("ddog_trace_exporter_config_new");
    if (out == NULL) sm_die("ddog_trace_exporter_config_new: NULL out");
    config_t *c = sm_new(sizeof *c, K_CONFIG);
    for (int i = 0; i < B_COUNT; i++) c->v.b[i] = -1;
    c->v.timeout_ms = -1;
    *out = (ddog_TraceExporterConfig *)c;
    sm_unlock();
}

SM_EXPORT void ddog_trace_exporter_config_free(ddog_TraceExporterConfig *cfg)
{
    ENTER("ddog_trace_exporter_config_free");
    config_t *c = sm_use(cfg, K_CONFIG, "ddog_trace_exporter_config_free");
    settings_free(&c->v);
    sm_retire(&c->h, ST_FREED);
    sm_unlock();
}

static ddog_TraceExporterError *set_string(const char *fn, ddog_TraceExporterConfig *cfg, int which, ddog_CharSlice value)
{
    ENTER(fn);
    config_t *c = sm_use(cfg, K_CONFIG, fn);
    str_t v = {0};
    sm_copy_slice(&v, value, fn);
    ddog_TraceExporterError *err = sm_injected(fn);
    if (err != NULL) { sm_str_free(&v); RETURN(err); }
    sm_str_free(&c->v.s[which]);
    c->v.s[which] = v;
    RETURN(OK);
}

static ddog_TraceExporterError *set_flag(const char *fn, ddog_TraceExporterConfig *cfg, int which, bool value)
{
    ENTER(fn);
    config_t *c = sm_use(cfg, K_CONFIG, fn);
    /* A C# bool marshalled as 4 bytes would leave garbage in the upper bytes of the register. */
    unsigned char raw;
    memcpy(&raw, &value, 1);
    if (raw > 1) sm_die("%s: bool byte is %u, not 0 or 1", fn, raw);
    ddog_TraceExporterError *err = sm_injected(fn);
    if (err != NULL) RETURN(err);
    c->v.b[which] = value ? 1 : 0;
    RETURN(OK);
}

#define STRING_SETTER(name, which) \
    SM_EXPORT ddog_TraceExporterError *ddog_trace_exporter_config_set_##name(ddog_TraceExporterConfig *cfg, ddog_CharSlice value) \
    { return set_string("ddog_trace_exporter_config_set_" #name, cfg, which, value); }
#define FLAG_SETTER(name, which) \
    SM_EXPORT ddog_TraceExporterError *ddog_trace_exporter_config_##name(ddog_TraceExporterConfig *cfg, bool value) \
    { return set_flag("ddog_trace_exporter_config_" #name, cfg, which, value); }

STRING_SETTER(url, C_URL)
STRING_SETTER(tracer_version, C_TRACER_VERSION)
STRING_SETTER(language, C_LANGUAGE)
STRING_SETTER(lang_version, C_LANG_VERSION)
STRING_SETTER(lang_interpreter, C_LANG_INTERPRETER)
STRING_SETTER(hostname, C_HOSTNAME)
STRING_SETTER(env, C_ENV)
STRING_SETTER(version, C_VERSION)
STRING_SETTER(service, C_SERVICE)
STRING_SETTER(process_tags, C_PROCESS_TAGS)
STRING_SETTER(test_session_token, C_TEST_SESSION_TOKEN)
STRING_SETTER(otlp_endpoint, C_OTLP_ENDPOINT)
FLAG_SETTER(set_compute_stats, B_COMPUTE_STATS)
FLAG_SETTER(set_client_computed_stats, B_CLIENT_COMPUTED_STATS)
FLAG_SETTER(enable_health_metrics, B_HEALTH_METRICS)

SM_EXPORT ddog_TraceExporterError *ddog_trace_exporter_config_set_connection_timeout(ddog_TraceExporterConfig *cfg, uint64_t timeout_ms)
{
    const char *fn = "ddog_trace_exporter_config_set_connection_timeout";
    ENTER(fn);
    config_t *c = sm_use(cfg, K_CONFIG, fn);
    ddog_TraceExporterError *err = sm_injected(fn);
    if (err != NULL) RETURN(err);
    c->v.timeout_ms = (int64_t)timeout_ms;
    RETURN(OK);
}

SM_EXPORT ddog_TraceExporterError *ddog_trace_exporter_new(ddog_TraceExporter **out, const ddog_TraceExporterConfig *cfg)
{
    const char *fn = "ddog_trace_exporter_new";
    static int next_id;
    ENTER(fn);
    if (out == NULL) sm_die("%s: NULL out", fn);
    config_t *c = sm_use(cfg, K_CONFIG, fn);
    ddog_TraceExporterError *err = sm_injected(fn);
    if (err != NULL) RETURN(err);
    if (!c->v.s[C_URL].set) RETURN(sm_error(DDOG_TRACE_EXPORTER_ERROR_CODE_INVALID_URL, "no url"));
    exporter_t *e = sm_new(sizeof *e, K_EXPORTER);
    e->id = ++next_id;
    settings_copy(&e->v, &c->v);
    sm_record_exporter(e);
    *out = (ddog_TraceExporter *)e;
    RETURN(OK);
}

SM_EXPORT void ddog_trace_exporter_free(ddog_TraceExporter *exp)
{
    const char *fn = "ddog_trace_exporter_free";
    ENTER(fn);
    exporter_t *e = sm_use(exp, K_EXPORTER, fn);
    if (e->inflight != 0) sm_die("%s: exporter %d freed while %d send(s) are in flight", fn, e->id, e->inflight);
    sm_thread_name(e->freed_by);
    /* Settings stay readable in the recording; the exporter is a tombstone from here. */
    sm_retire(&e->h, ST_FREED);
    sm_unlock();
}

static long elapsed_ms(const struct timespec *since)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (now.tv_sec - since->tv_sec) * 1000 + (now.tv_nsec - since->tv_nsec) / 1000000;
}

/* Sleeps outside the lock for the configured delay; returns 1 when the token cancelled it.
 * A cancel takes effect after the configured latency, as a real send needs time to unwind. */
static int slow_send(cancel_t *token)
{
    int delay = sm_send_delay_ms(), latency = sm_cancel_latency_ms();
    long cancelled_at = -1;
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    while (elapsed_ms(&start) < delay) {
        if (token != NULL && token->cancelled) {
            if (cancelled_at < 0) cancelled_at = elapsed_ms(&start);
            if (elapsed_ms(&start) - cancelled_at >= latency) break;
        }
        sm_unlock();
        struct timespec tick = { 0, 1000000 };
        nanosleep(&tick, NULL);
        sm_lock();
    }
    return token != NULL && token->cancelled;
}

static ddog_TraceExporterResponse *new_response(void)
{
    response_t *r = sm_new(sizeof *r, K_RESPONSE);
    const uint8_t *body;
    size_t len;
    sm_response_body(&body, &len);
    r->n = len;
    r->body = malloc(len ? len : 1);
    if (r->body == NULL) sm_die("out of memory");
    if (len) memcpy(r->body, body, len);
    return (ddog_TraceExporterResponse *)r;
}

SM_EXPORT ddog_TraceExporterError *ddog_trace_exporter_send_trace_chunks(const ddog_TraceExporter *exp, ddog_TracerTraceChunks *chunks,
    ddog_TraceExporterResponse **response_out, const ddog_TraceExporterCancelToken *cancel)
{
    const char *fn = "ddog_trace_exporter_send_trace_chunks";
    ENTER(fn);
    exporter_t *e = sm_use(exp, K_EXPORTER, fn);
    chunks_t *c = sm_use(chunks, K_CHUNKS, fn);
    cancel_t *t = cancel != NULL ? sm_use(cancel, K_CANCEL, fn) : NULL;
    /* The chunk set belongs to the send from here, whatever happens. */
    c->h.state = ST_CONSUMED;
    e->inflight++;
    if (t != NULL) t->inflight++;
    sm_send_started(1);
    int cancelled = slow_send(t);
    sm_send_started(-1);
    if (t != NULL) t->inflight--;
    e->inflight--;
    if (e->h.state != ST_LIVE) sm_die("%s: exporter %d was freed during the send", fn, e->id);
    ddog_TraceExporterError *err = cancelled
        ? sm_error(DDOG_TRACE_EXPORTER_ERROR_CODE_IO_ERROR, "the send was cancelled")
        : sm_injected(fn);
    sm_record_send(e, c, t != NULL, cancelled);
    if (err != NULL) RETURN(err);
    if (response_out != NULL) *response_out = new_response();
    RETURN(OK);
}

SM_EXPORT ddog_TraceExporterError *ddog_trace_exporter_send(const ddog_TraceExporter *exp, ddog_ByteSlice msgpack_v04,
    ddog_TraceExporterResponse **response_out)
{
    const char *fn = "ddog_trace_exporter_send";
    ENTER(fn);
    exporter_t *e = sm_use(exp, K_EXPORTER, fn);
    if (msgpack_v04.ptr == NULL && msgpack_v04.len != 0) sm_die("%s: NULL payload with len %zu", fn, (size_t)msgpack_v04.len);
    ddog_TraceExporterError *err = sm_injected(fn);
    sm_record_raw_send(e, msgpack_v04.len);
    if (err != NULL) RETURN(err);
    if (response_out != NULL) *response_out = new_response();
    RETURN(OK);
}

/* -DOMIT_CANCEL builds a library like libdatadog v35, without the cancel token. */
#ifndef OMIT_CANCEL
SM_EXPORT ddog_TraceExporterCancelToken *ddog_trace_exporter_cancel_token_new(void)
{
    ENTER("ddog_trace_exporter_cancel_token_new");
    RETURN((ddog_TraceExporterCancelToken *)sm_new(sizeof(cancel_t), K_CANCEL));
}

SM_EXPORT void ddog_trace_exporter_cancel_token_cancel(const ddog_TraceExporterCancelToken *token)
{
    ENTER("ddog_trace_exporter_cancel_token_cancel");
    cancel_t *t = sm_use(token, K_CANCEL, "ddog_trace_exporter_cancel_token_cancel");
    t->cancelled = 1;
    sm_unlock();
}

SM_EXPORT void ddog_trace_exporter_cancel_token_drop(ddog_TraceExporterCancelToken *token)
{
    const char *fn = "ddog_trace_exporter_cancel_token_drop";
    ENTER(fn);
    cancel_t *t = sm_use(token, K_CANCEL, fn);
    if (t->inflight != 0) sm_die("%s: token dropped while a send is using it", fn);
    sm_retire(&t->h, ST_FREED);
    sm_unlock();
}
#endif

SM_EXPORT ddog_ByteSlice ddog_trace_exporter_response_get_body(const ddog_TraceExporterResponse *resp)
{
    ENTER("ddog_trace_exporter_response_get_body");
    response_t *r = sm_use(resp, K_RESPONSE, "ddog_trace_exporter_response_get_body");
    ddog_ByteSlice body = { r->n ? r->body : NULL, r->n };
    RETURN(body);
}

SM_EXPORT void ddog_trace_exporter_response_free(ddog_TraceExporterResponse *resp)
{
    ENTER("ddog_trace_exporter_response_free");
    if (resp != NULL) {
        response_t *r = sm_use(resp, K_RESPONSE, "ddog_trace_exporter_response_free");
        /* Poison the body so a view kept past the free reads garbage, not the old bytes. */
        memset(r->body, 0xA5, r->n);
        free(r->body);
        r->body = NULL;
        sm_retire(&r->h, ST_FREED);
    }
    sm_unlock();
}

SM_EXPORT void ddog_trace_exporter_error_free(ddog_TraceExporterError *err)
{
    ENTER("ddog_trace_exporter_error_free");
    if (err != NULL) {
        error_t *e = sm_use(err, K_ERROR, "ddog_trace_exporter_error_free");
        free(e->pub.msg);
        e->pub.msg = NULL;
        sm_retire(&e->h, ST_FREED);
    }
    sm_unlock();
}
