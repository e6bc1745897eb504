/* Spans and chunk sets: ddog_tracer_span_* and ddog_tracer_trace_chunks_*. */
#include "double.h"
#include <stdlib.h>
#include <string.h>

#define ENTER(fn) sm_lock(); if (sm_recording) sm_count_call(fn)
#define RETURN(v) do { __typeof__(v) r_ = (v); sm_unlock(); return r_; } while (0)

static void *grow(void *p, size_t *cap, size_t need, size_t item)
{
    if (need <= *cap) return p;
    size_t next = *cap ? *cap * 2 : 4;
    while (next < need) next *= 2;
    p = realloc(p, next * item);
    if (p == NULL) sm_die("out of memory");
    *cap = next;
    return p;
}

/* Both tag arrays start with their key, so one index works for either. */
static const str_t *key_at(const void *entries, size_t stride, size_t i)
{
    return (const str_t *)((const char *)entries + i * stride);
}

static size_t key_hash(const str_t *k)
{
    uint64_t h = 14695981039346656037u;   /* FNV-1a */
    for (size_t i = 0; i < k->n; i++) h = (h ^ (unsigned char)k->p[i]) * 1099511628211u;
    return (size_t)h;
}

static void index_rebuild(tag_index_t *ix, const void *entries, size_t stride, size_t n)
{
    size_t cap = 16;
    while (cap < 2 * (n + 1)) cap *= 2;
    free(ix->slots);
    ix->slots = calloc(cap, sizeof *ix->slots);
    if (ix->slots == NULL) sm_die("out of memory");
    ix->cap = cap;
    for (size_t i = 0; i < n; i++) {
        size_t h = key_hash(key_at(entries, stride, i)) & (cap - 1);
        while (ix->slots[h] != 0) h = (h + 1) & (cap - 1);
        ix->slots[h] = i + 1;
    }
}

/* The position of key among the n entries; n when it is new, and then indexed at n, which the caller fills. */
static size_t index_lookup(tag_index_t *ix, const str_t *k, const void *entries, size_t stride, size_t n)
{
    if (2 * (n + 1) > ix->cap) index_rebuild(ix, entries, stride, n);
    size_t h = key_hash(k) & (ix->cap - 1);
    for (; ix->slots[h] != 0; h = (h + 1) & (ix->cap - 1)) {
        const str_t *e = key_at(entries, stride, ix->slots[h] - 1);
        if (e->n == k->n && (k->n == 0 || memcmp(e->p, k->p, k->n) == 0)) return ix->slots[h] - 1;
    }
    ix->slots[h] = n + 1;
    return n;
}

void sm_span_destroy(span_t *s)
{
    sm_str_free(&s->service); sm_str_free(&s->name); sm_str_free(&s->resource); sm_str_free(&s->type);
    for (size_t i = 0; i < s->nmeta; i++) { sm_str_free(&s->meta[i].k); sm_str_free(&s->meta[i].v); }
    for (size_t i = 0; i < s->nmetrics; i++) sm_str_free(&s->metrics[i].k);
    free(s->meta); free(s->metrics);
    free(s->meta_index.slots); free(s->metric_index.slots);
    s->meta_index = (tag_index_t){0}; s->metric_index = (tag_index_t){0};
    s->meta = NULL; s->metrics = NULL; s->nmeta = s->nmetrics = 0;
}

/* Spans inside a chunk set stay counted as live until the set is freed or sent;
 * a sent set's spans were counted down when the send recorded them. */
void sm_chunks_destroy(chunks_t *c, int spans_live)
{
    for (size_t i = 0; i < c->n; i++) {
        for (size_t k = 0; k < c->chunks[i].n; k++) {
            sm_span_destroy(c->chunks[i].spans[k]);
            c->chunks[i].spans[k]->h.state = ST_FREED;
            extern long sm_live[];
            if (spans_live) sm_live[K_SPAN]--;
        }
        free(c->chunks[i].spans);
    }
    free(c->chunks);
    c->chunks = NULL;
    c->n = 0;
}

SM_EXPORT ddog_TraceExporterError *ddog_tracer_span_new(ddog_TracerSpan **out, const ddog_TracerSpanFields *f)
{
    const char *fn = "ddog_tracer_span_new";
    ENTER(fn);
    if (out == NULL) sm_die("%s: NULL out", fn);
    if (f == NULL) RETURN(sm_error(DDOG_TRACE_EXPORTER_ERROR_CODE_INVALID_ARGUMENT, "fields is NULL"));
    if (!sm_recording) {
        span_t *s = sm_new(sizeof *s, K_SPAN);
        s->span_id = f->span_id;
        *out = (ddog_TracerSpan *)s;
        RETURN((ddog_TraceExporterError *)NULL);
    }
    span_t tmp = {0};
    sm_copy_slice(&tmp.service, f->service, fn);
    sm_copy_slice(&tmp.name, f->name, fn);
    sm_copy_slice(&tmp.resource, f->resource, fn);
    sm_copy_slice(&tmp.type, f->span_type, fn);
    ddog_TraceExporterError *err = sm_injected(fn);
    if (err != NULL) { sm_span_destroy(&tmp); RETURN(err); }
    span_t *s = sm_new(sizeof *s, K_SPAN);
    obj_t h = s->h;
    *s = tmp;
    s->h = h;
    s->trace_id_low = f->trace_id_low; s->trace_id_high = f->trace_id_high;
    s->span_id = f->span_id; s->parent_id = f->parent_id;
    s->start = f->start; s->duration = f->duration; s->error = f->error;
    *out = (ddog_TracerSpan *)s;
    RETURN((ddog_TraceExporterError *)NULL);
}

SM_EXPORT void ddog_tracer_span_free(ddog_TracerSpan *span)
{
    const char *fn = "ddog_tracer_span_free";
    ENTER(fn);
    span_t *s = sm_use(span, K_SPAN, fn);   /* NULL is an error before v39 */
    sm_span_destroy(s);
    sm_retire(&s->h, ST_FREED);
    sm_unlock();
}

SM_EXPORT ddog_TraceExporterError *ddog_tracer_span_set_meta(ddog_TracerSpan *span, ddog_CharSlice key, ddog_CharSlice value)
{
    const char *fn = "ddog_tracer_span_set_meta";
    ENTER(fn);
    span_t *s = sm_use(span, K_SPAN, fn);
    if (!sm_recording) RETURN((ddog_TraceExporterError *)NULL);
    str_t k = {0}, v = {0};
    sm_copy_slice(&k, key, fn);
    sm_copy_slice(&v, value, fn);
    ddog_TraceExporterError *err = sm_injected(fn);
    if (err != NULL) { sm_str_free(&k); sm_str_free(&v); RETURN(err); }
    size_t i = index_lookup(&s->meta_index, &k, s->meta, sizeof *s->meta, s->nmeta);
    if (i < s->nmeta) {
        sm_str_free(&k);
        sm_str_free(&s->meta[i].v);
        s->meta[i].v = v;
        RETURN((ddog_TraceExporterError *)NULL);
    }
    s->meta = grow(s->meta, &s->capmeta, s->nmeta + 1, sizeof *s->meta);
    s->meta[s->nmeta].k = k;
    s->meta[s->nmeta++].v = v;
    RETURN((ddog_TraceExporterError *)NULL);
}

SM_EXPORT ddog_TraceExporterError *ddog_tracer_span_set_metric(ddog_TracerSpan *span, ddog_CharSlice key, double value)
{
    const char *fn = "ddog_tracer_span_set_metric";
    ENTER(fn);
    span_t *s = sm_use(span, K_SPAN, fn);
    if (!sm_recording) RETURN((ddog_TraceExporterError *)NULL);
    str_t k = {0};
    sm_copy_slice(&k, key, fn);
    ddog_TraceExporterError *err = sm_injected(fn);
    if (err != NULL) { sm_str_free(&k); RETURN(err); }
    size_t i = index_lookup(&s->metric_index, &k, s->metrics, sizeof *s->metrics, s->nmetrics);
    if (i < s->nmetrics) {
        sm_str_free(&k);
        s->metrics[i].v = value;
        RETURN((ddog_TraceExporterError *)NULL);
    }
    s->metrics = grow(s->metrics, &s->capmetrics, s->nmetrics + 1, sizeof *s->metrics);
    s->metrics[s->nmetrics].k = k;
    s->metrics[s->nmetrics++].v = value;
    RETURN((ddog_TraceExporterError *)NULL);
}

SM_EXPORT ddog_TraceExporterError *ddog_tracer_trace_chunks_new(uintptr_t capacity, ddog_TracerTraceChunks **out)
{
    const char *fn = "ddog_tracer_trace_chunks_new";
    ENTER(fn);
    if (out == NULL) sm_die("%s: NULL out", fn);
    if (capacity > 100000000u) sm_die("%s: absurd capacity %zu (arguments swapped?)", fn, (size_t)capacity);
    ddog_TraceExporterError *err = sm_injected(fn);
    if (err != NULL) RETURN(err);
    chunks_t *c = sm_new(sizeof *c, K_CHUNKS);
    c->capacity = capacity;
    *out = (ddog_TracerTraceChunks *)c;
    RETURN((ddog_TraceExporterError *)NULL);
}

SM_EXPORT void ddog_tracer_trace_chunks_free(ddog_TracerTraceChunks *chunks)
{
    const char *fn = "ddog_tracer_trace_chunks_free";
    ENTER(fn);
    chunks_t *c = sm_use(chunks, K_CHUNKS, fn);
    sm_chunks_destroy(c, 1);
    sm_retire(&c->h, ST_FREED);
    sm_unlock();
}

SM_EXPORT ddog_TraceExporterError *ddog_tracer_trace_chunks_begin_chunk(ddog_TracerTraceChunks *chunks, uintptr_t capacity)
{
    const char *fn = "ddog_tracer_trace_chunks_begin_chunk";
    ENTER(fn);
    chunks_t *c = sm_use(chunks, K_CHUNKS, fn);
    if (capacity > 100000000u) sm_die("%s: absurd capacity %zu", fn, (size_t)capacity);
    ddog_TraceExporterError *err = sm_injected(fn);
    if (err != NULL) RETURN(err);
    c->chunks = grow(c->chunks, &c->cap, c->n + 1, sizeof *c->chunks);
    memset(&c->chunks[c->n], 0, sizeof c->chunks[0]);
    c->chunks[c->n++].capacity = capacity;
    RETURN((ddog_TraceExporterError *)NULL);
}

SM_EXPORT ddog_TraceExporterError *ddog_tracer_trace_chunks_push_span(ddog_TracerTraceChunks *chunks, ddog_TracerSpan *span)
{
    const char *fn = "ddog_tracer_trace_chunks_push_span";
    ENTER(fn);
    chunks_t *c = sm_use(chunks, K_CHUNKS, fn);
    span_t *s = sm_use(span, K_SPAN, fn);
    ddog_TraceExporterError *err = sm_injected(fn);
    if (err == NULL && c->n == 0)
        err = sm_error(DDOG_TRACE_EXPORTER_ERROR_CODE_INVALID_ARGUMENT, "push_span before begin_chunk");
    if (err != NULL) {
        /* The span is consumed on every path, errors included. */
        sm_span_destroy(s);
        sm_retire(&s->h, ST_FREED);
        RETURN(err);
    }
    s->h.state = ST_CONSUMED;
    chunk_t *k = &c->chunks[c->n - 1];
    k->spans = grow(k->spans, &k->cap, k->n + 1, sizeof *k->spans);
    k->spans[k->n++] = s;
    RETURN((ddog_TraceExporterError *)NULL);
}

/* The first export of libdatadog v39: SpanMarshal requires it to be present (the v36-v38 release
 * bundles abort the process on any panic) but never calls it. -DOMIT_V39 builds a v38-like library. */
#if !defined(OMIT_CANCEL) && !defined(OMIT_V39)
SM_EXPORT void ddog_tracer_span_add_event(void)
{
    sm_die("ddog_tracer_span_add_event: SpanMarshal only checks that this export exists");
}
#endif
