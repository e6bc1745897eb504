/* The test-only surface (sm_test_*): recording, live counts as JSON, failure rules,
 * response bodies, slow sends and layouts as the C compiler sees them. */
#define _GNU_SOURCE
#include "double.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>

extern long sm_live[];
const char *sm_kind_name(int kind);
int sm_call_count(void);
const char *sm_call_name(int i, long *count);
void sm_calls_reset(void);
void sm_rules_add(const char *fn, int nth, int code);
void sm_rules_reset(void);

typedef struct { int exporter; int had_cancel; int cancelled; chunks_t *chunks; char thread[16]; } send_rec_t;
typedef struct { int exporter; size_t len; } raw_rec_t;

static send_rec_t *g_sends; static size_t g_nsends, g_capsends;
static raw_rec_t *g_raw; static size_t g_nraw, g_capraw;
static exporter_t **g_exporters; static size_t g_nexp, g_capexp;
static uint8_t *g_body; static size_t g_body_len;
static int g_delay_ms;
static int g_cancel_latency_ms;
static int g_in_progress;

static void *grow(void *p, size_t *cap, size_t need, size_t item)
{
    if (need <= *cap) return p;
    size_t next = *cap ? *cap * 2 : 8;
    while (next < need) next *= 2;
    p = realloc(p, next * item);
    if (p == NULL) sm_die("out of memory");
    *cap = next;
    return p;
}

void sm_record_exporter(exporter_t *e)
{
    g_exporters = grow(g_exporters, &g_capexp, g_nexp + 1, sizeof *g_exporters);
    g_exporters[g_nexp++] = e;
}

/* Takes the consumed chunk set's spans out of the live counts but keeps their data to report. */
int sm_recording = 1;

void sm_record_send(const exporter_t *e, chunks_t *c, int had_cancel, int cancelled)
{
    if (!sm_recording) {
        for (size_t i = 0; i < c->n; i++) {
            for (size_t k = 0; k < c->chunks[i].n; k++) {
                sm_span_destroy(c->chunks[i].spans[k]);
                free(c->chunks[i].spans[k]);
                sm_live[K_SPAN]--;
            }
            free(c->chunks[i].spans);
        }
        free(c->chunks);
        sm_live[K_CHUNKS]--;
        free(c);
        return;
    }

    for (size_t i = 0; i < c->n; i++)
        for (size_t k = 0; k < c->chunks[i].n; k++) {
            c->chunks[i].spans[k]->h.state = ST_FREED;
            sm_live[K_SPAN]--;
        }
    sm_live[K_CHUNKS]--;
    g_sends = grow(g_sends, &g_capsends, g_nsends + 1, sizeof *g_sends);
    send_rec_t *r = &g_sends[g_nsends++];
    *r = (send_rec_t){ e->id, had_cancel, cancelled, c, {0} };
    sm_thread_name(r->thread);
}

void sm_thread_name(char out[16])
{
    if (pthread_getname_np(pthread_self(), out, 16) != 0) out[0] = 0;
}

void sm_record_raw_send(const exporter_t *e, size_t len)
{
    g_raw = grow(g_raw, &g_capraw, g_nraw + 1, sizeof *g_raw);
    g_raw[g_nraw++] = (raw_rec_t){ e->id, len };
}

int sm_send_delay_ms(void) { return g_delay_ms; }
int sm_cancel_latency_ms(void) { return g_cancel_latency_ms; }
void sm_response_body(const uint8_t **body, size_t *len) { *body = g_body; *len = g_body_len; }
void sm_send_started(int delta) { g_in_progress += delta; }

/* ---- controls ---- */
SM_EXPORT void sm_test_reset(void)
{
    sm_lock();
    for (size_t i = 0; i < g_nsends; i++) sm_chunks_destroy(g_sends[i].chunks, 0);
    g_nsends = 0;
    g_nraw = 0;
    g_nexp = 0;
    free(g_body); g_body = NULL; g_body_len = 0;
    g_delay_ms = 0;
    g_cancel_latency_ms = 0;
    sm_recording = 1;
    sm_rules_reset();
    sm_calls_reset();
    sm_unlock();
}

SM_EXPORT void sm_test_fail(const char *function, int nth, int code)
{
    sm_lock();
    sm_rules_add(function, nth, code);
    sm_unlock();
}

SM_EXPORT void sm_test_set_response_body(const uint8_t *body, size_t len)
{
    sm_lock();
    free(g_body);
    g_body = malloc(len ? len : 1);
    if (g_body == NULL) sm_die("out of memory");
    if (len) memcpy(g_body, body, len);
    g_body_len = len;
    sm_unlock();
}

SM_EXPORT void sm_test_set_recording(int on) { sm_lock(); sm_recording = on; sm_unlock(); }

SM_EXPORT void sm_test_set_send_delay_ms(int ms) { sm_lock(); g_delay_ms = ms; sm_unlock(); }

SM_EXPORT void sm_test_set_cancel_latency_ms(int ms) { sm_lock(); g_cancel_latency_ms = ms; sm_unlock(); }

SM_EXPORT int sm_test_sends_in_progress(void) { sm_lock(); int n = g_in_progress; sm_unlock(); return n; }

SM_EXPORT long sm_test_live(int kind) { sm_lock(); long n = kind >= 0 && kind < K_COUNT ? sm_live[kind] : -1; sm_unlock(); return n; }

SM_EXPORT const char *sm_test_error_code_name(int code)
{
    static const char *const names[] = {
        "AddressInUse", "ConnectionAborted", "ConnectionRefused", "ConnectionReset", "HttpBodyFormat",
        "HttpBodyTooLong", "HttpClient", "HttpEmptyBody", "HttpParse", "HttpServer", "HttpUnknown",
        "HttpWrongStatus", "InvalidArgument", "InvalidData", "InvalidInput", "InvalidUrl", "IoError",
        "NetworkUnknown", "Serde", "Shutdown", "TimedOut", "Telemetry", "Internal", "Panic" };
    _Static_assert(sizeof names / sizeof names[0] == DDOG_TRACE_EXPORTER_ERROR_CODE_PANIC + 1, "one name per code");
    return code >= 0 && code <= DDOG_TRACE_EXPORTER_ERROR_CODE_PANIC ? names[code] : NULL;
}

#define LAYOUT(t, f) if (strcmp(type, #t) == 0 && strcmp(field, #f) == 0) return (long)offsetof(t, f)
SM_EXPORT long sm_test_offsetof(const char *type, const char *field)
{
    LAYOUT(ddog_CharSlice, ptr); LAYOUT(ddog_CharSlice, len);
    LAYOUT(ddog_ByteSlice, ptr); LAYOUT(ddog_ByteSlice, len);
    LAYOUT(ddog_TraceExporterError, code); LAYOUT(ddog_TraceExporterError, msg);
    LAYOUT(ddog_TracerSpanFields, service); LAYOUT(ddog_TracerSpanFields, name);
    LAYOUT(ddog_TracerSpanFields, resource); LAYOUT(ddog_TracerSpanFields, span_type);
    LAYOUT(ddog_TracerSpanFields, trace_id_low); LAYOUT(ddog_TracerSpanFields, trace_id_high);
    LAYOUT(ddog_TracerSpanFields, span_id); LAYOUT(ddog_TracerSpanFields, parent_id);
    LAYOUT(ddog_TracerSpanFields, start); LAYOUT(ddog_TracerSpanFields, duration);
    LAYOUT(ddog_TracerSpanFields, error);
    return -1;
}

SM_EXPORT long sm_test_sizeof(const char *type)
{
    if (strcmp(type, "ddog_CharSlice") == 0) return sizeof(ddog_CharSlice);
    if (strcmp(type, "ddog_ByteSlice") == 0) return sizeof(ddog_ByteSlice);
    if (strcmp(type, "ddog_TraceExporterError") == 0) return sizeof(ddog_TraceExporterError);
    if (strcmp(type, "ddog_TracerSpanFields") == 0) return sizeof(ddog_TracerSpanFields);
    if (strcmp(type, "ddog_TraceExporterErrorCode") == 0) return sizeof(ddog_TraceExporterErrorCode);
    return -1;
}

/* ---- JSON dump ---- */
typedef struct { char *p; size_t n, cap; } sb_t;

static void sb_raw(sb_t *b, const char *s, size_t n)
{
    b->p = grow(b->p, &b->cap, b->n + n + 1, 1);
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = 0;
}

static void sb_fmt(sb_t *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
#include <stdarg.h>
static void sb_fmt(sb_t *b, const char *fmt, ...)
{
    char tmp[128];
    va_list args;
    va_start(args, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, args);
    va_end(args);
    sb_raw(b, tmp, (size_t)n);
}

static void sb_str(sb_t *b, const char *s, size_t n)
{
    sb_raw(b, "\"", 1);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') { char e[2] = { '\\', (char)c }; sb_raw(b, e, 2); }
        else if (c < 0x20) sb_fmt(b, "\\u%04x", c);
        else sb_raw(b, (const char *)&c, 1);
    }
    sb_raw(b, "\"", 1);
}

static void sb_double(sb_t *b, double v)
{
    if (isnan(v)) sb_raw(b, "\"NaN\"", 5);
    else if (isinf(v)) sb_raw(b, v > 0 ? "\"Infinity\"" : "\"-Infinity\"", v > 0 ? 10 : 11);
    else sb_fmt(b, "%.17g", v);
}

static void dump_span(sb_t *b, const span_t *s)
{
    sb_raw(b, "{\"service\":", 11); sb_str(b, s->service.p, s->service.n);
    sb_raw(b, ",\"name\":", 8); sb_str(b, s->name.p, s->name.n);
    sb_raw(b, ",\"resource\":", 12); sb_str(b, s->resource.p, s->resource.n);
    sb_raw(b, ",\"type\":", 8); sb_str(b, s->type.p, s->type.n);
    sb_fmt(b, ",\"trace_id_low\":%llu,\"trace_id_high\":%llu", (unsigned long long)s->trace_id_low, (unsigned long long)s->trace_id_high);
    sb_fmt(b, ",\"span_id\":%llu,\"parent_id\":%llu", (unsigned long long)s->span_id, (unsigned long long)s->parent_id);
    sb_fmt(b, ",\"start\":%lld,\"duration\":%lld,\"error\":%d", (long long)s->start, (long long)s->duration, s->error);
    sb_raw(b, ",\"meta\":[", 9);
    for (size_t i = 0; i < s->nmeta; i++) {
        sb_raw(b, i ? ",[" : "[", i ? 2 : 1);
        sb_str(b, s->meta[i].k.p, s->meta[i].k.n);
        sb_raw(b, ",", 1);
        sb_str(b, s->meta[i].v.p, s->meta[i].v.n);
        sb_raw(b, "]", 1);
    }
    sb_raw(b, "],\"metrics\":[", 13);
    for (size_t i = 0; i < s->nmetrics; i++) {
        sb_raw(b, i ? ",[" : "[", i ? 2 : 1);
        sb_str(b, s->metrics[i].k.p, s->metrics[i].k.n);
        sb_raw(b, ",", 1);
        sb_double(b, s->metrics[i].v);
        sb_raw(b, "]", 1);
    }
    sb_raw(b, "]}", 2);
}

static void dump_settings(sb_t *b, const settings_t *v)
{
    sb_raw(b, "{", 1);
    int first = 1;
    for (int i = 0; i < C_STR_COUNT; i++) {
        if (!v->s[i].set) continue;
        if (!first) sb_raw(b, ",", 1);
        first = 0;
        sb_str(b, sm_setting_names[i], strlen(sm_setting_names[i]));
        sb_raw(b, ":", 1);
        sb_str(b, v->s[i].p, v->s[i].n);
    }
    for (int i = 0; i < B_COUNT; i++) {
        if (v->b[i] < 0) continue;
        if (!first) sb_raw(b, ",", 1);
        first = 0;
        sb_fmt(b, "\"%s\":%s", sm_flag_names[i], v->b[i] ? "true" : "false");
    }
    if (v->timeout_ms >= 0) sb_fmt(b, "%s\"connection_timeout_ms\":%lld", first ? "" : ",", (long long)v->timeout_ms);
    sb_raw(b, "}", 1);
}

static void dump(sb_t *b)
{
    sb_raw(b, "{\"live\":{", 9);
    for (int k = 0; k < K_COUNT; k++) sb_fmt(b, "%s\"%s\":%ld", k ? "," : "", sm_kind_name(k), sm_live[k]);
    sb_fmt(b, "},\"sends_in_progress\":%d,\"calls\":{", g_in_progress);
    for (int i = 0; i < sm_call_count(); i++) {
        long count;
        const char *name = sm_call_name(i, &count);
        sb_fmt(b, "%s\"%s\":%ld", i ? "," : "", name, count);
    }
    sb_raw(b, "},\"exporters\":[", 15);
    for (size_t i = 0; i < g_nexp; i++) {
        sb_fmt(b, "%s{\"id\":%d,\"freed\":%s,\"freed_by\":", i ? "," : "", g_exporters[i]->id,
               g_exporters[i]->h.state == ST_LIVE ? "false" : "true");
        sb_str(b, g_exporters[i]->freed_by, strlen(g_exporters[i]->freed_by));
        sb_raw(b, ",\"settings\":", 12);
        dump_settings(b, &g_exporters[i]->v);
        sb_raw(b, "}", 1);
    }
    sb_raw(b, "],\"sends\":[", 11);
    for (size_t i = 0; i < g_nsends; i++) {
        const send_rec_t *r = &g_sends[i];
        sb_fmt(b, "%s{\"exporter\":%d,\"cancel_token\":%s,\"cancelled\":%s,\"capacity\":%zu,\"thread\":", i ? "," : "",
               r->exporter, r->had_cancel ? "true" : "false", r->cancelled ? "true" : "false", (size_t)r->chunks->capacity);
        sb_str(b, r->thread, strlen(r->thread));
        sb_raw(b, ",\"chunks\":[", 11);
        for (size_t c = 0; c < r->chunks->n; c++) {
            const chunk_t *k = &r->chunks->chunks[c];
            sb_fmt(b, "%s{\"capacity\":%zu,\"spans\":[", c ? "," : "", (size_t)k->capacity);
            for (size_t s = 0; s < k->n; s++) {
                if (s) sb_raw(b, ",", 1);
                dump_span(b, k->spans[s]);
            }
            sb_raw(b, "]}", 2);
        }
        sb_raw(b, "]}", 2);
    }
    sb_raw(b, "],\"raw_sends\":[", 15);
    for (size_t i = 0; i < g_nraw; i++) sb_fmt(b, "%s{\"exporter\":%d,\"len\":%zu}", i ? "," : "", g_raw[i].exporter, g_raw[i].len);
    sb_raw(b, "]}", 2);
}

/* Writes the recording as JSON into buf when it fits; returns the length it needs (without NUL). */
SM_EXPORT size_t sm_test_dump(char *buf, size_t cap)
{
    sb_t b = {0};
    sm_lock();
    dump(&b);
    sm_unlock();
    if (buf != NULL && b.n <= cap) memcpy(buf, b.p, b.n);
    size_t n = b.n;
    free(b.p);
    return n;
}
