/* Internals shared by the conformance library's files: strict object tracking,
 * the global lock, failure injection and the recording of what was received. */
#ifndef SM_DOUBLE_H
#define SM_DOUBLE_H

#include "abi.h"
#include <pthread.h>

#define SM_EXPORT __attribute__((visibility("default")))

typedef enum { K_SPAN, K_CHUNKS, K_CONFIG, K_EXPORTER, K_RESPONSE, K_CANCEL, K_ERROR, K_COUNT } kind_t;
typedef enum { ST_LIVE = 1, ST_FREED, ST_CONSUMED } state_t;

/* Every handle starts with (or, for the error, holds) this header. Handles are never
 * returned to malloc: a freed one stays a tombstone, so a double free or a use after
 * free is always detected instead of hitting a recycled object. */
typedef struct { uint32_t magic; kind_t kind; state_t state; } obj_t;

typedef struct { char *p; size_t n; int set; } str_t;
typedef struct { str_t k; str_t v; } meta_t;
typedef struct { str_t k; double v; } metric_t;

/* Where each tag key sits in its array (position + 1; 0 = empty slot): keys are found in O(1),
 * as in libdatadog's map, so a span with 100 000 tags costs no quadratic scan. */
typedef struct { size_t *slots; size_t cap; } tag_index_t;

typedef struct {
    obj_t h;
    str_t service, name, resource, type;
    uint64_t trace_id_low, trace_id_high, span_id, parent_id;
    int64_t start, duration;
    int32_t error;
    meta_t *meta; size_t nmeta, capmeta; tag_index_t meta_index;
    metric_t *metrics; size_t nmetrics, capmetrics; tag_index_t metric_index;
} span_t;

typedef struct { span_t **spans; size_t n, cap; uintptr_t capacity; } chunk_t;

typedef struct {
    obj_t h;
    uintptr_t capacity;
    chunk_t *chunks; size_t n, cap;
} chunks_t;

enum { C_URL, C_TRACER_VERSION, C_LANGUAGE, C_LANG_VERSION, C_LANG_INTERPRETER, C_HOSTNAME, C_ENV,
       C_VERSION, C_SERVICE, C_PROCESS_TAGS, C_TEST_SESSION_TOKEN, C_OTLP_ENDPOINT, C_STR_COUNT };
enum { B_COMPUTE_STATS, B_CLIENT_COMPUTED_STATS, B_HEALTH_METRICS, B_COUNT };

typedef struct {
    str_t s[C_STR_COUNT];
    int b[B_COUNT];          /* -1 when never set */
    int64_t timeout_ms;      /* -1 when never set */
} settings_t;

typedef struct { obj_t h; settings_t v; } config_t;
typedef struct { obj_t h; int id; settings_t v; int inflight; char freed_by[16]; } exporter_t;
typedef struct { obj_t h; uint8_t *body; size_t n; } response_t;
typedef struct { obj_t h; int cancelled; int inflight; } cancel_t;
typedef struct { ddog_TraceExporterError pub; obj_t h; } error_t;

extern const char *const sm_setting_names[C_STR_COUNT];
extern const char *const sm_flag_names[B_COUNT];

/* The one lock: every entry point holds it except while a slow send sleeps. */
void sm_lock(void);
void sm_unlock(void);

__attribute__((noreturn, format(printf, 1, 2))) void sm_die(const char *fmt, ...);

void *sm_new(size_t size, kind_t kind);
void *sm_use(const void *p, kind_t kind, const char *fn);   /* aborts unless live */
void sm_retire(obj_t *h, state_t state);                     /* live -> freed/consumed */
void sm_count_call(const char *fn);
ddog_TraceExporterError *sm_injected(const char *fn);        /* NULL unless a rule fires */
ddog_TraceExporterError *sm_error(ddog_TraceExporterErrorCode code, const char *fmt, ...);

void sm_copy_slice(str_t *dst, ddog_CharSlice s, const char *fn);  /* aborts on a bad slice */
void sm_str_free(str_t *s);
void sm_span_destroy(span_t *span);
void sm_chunks_destroy(chunks_t *chunks, int spans_live);

/* 0 after sm_test_set_recording(0): for benchmarks of the binding alone, span calls keep their
 * handle checks but neither copy nor count, and a send frees what it was given instead of keeping
 * it (freed objects are then really freed, so a stale handle is no longer caught). */
extern int sm_recording;

/* Recording of sends, kept until sm_test_reset. */
void sm_record_send(const exporter_t *e, chunks_t *chunks, int had_cancel, int cancelled);
/* The calling thread's name (at most 15 characters), to tell which thread made a call. */
void sm_thread_name(char out[16]);
void sm_record_raw_send(const exporter_t *e, size_t len);
void sm_record_exporter(exporter_t *e);

/* Test controls read by the exporter. */
int sm_send_delay_ms(void);
int sm_cancel_latency_ms(void);
void sm_response_body(const uint8_t **body, size_t *len);
void sm_send_started(int delta);

#endif
