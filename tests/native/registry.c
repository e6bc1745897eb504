/* Strict object tracking, failure injection and slice checks. */
#include "double.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAGIC 0x5350414eu

static pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;
long sm_live[K_COUNT];
static const char *const kind_names[K_COUNT] = { "span", "chunks", "config", "exporter", "response", "cancel_token", "error" };

void sm_lock(void) { pthread_mutex_lock(&g_lock); }
void sm_unlock(void) { pthread_mutex_unlock(&g_lock); }

void sm_die(const char *fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    fputs("\nconformance libdatadog: FATAL: ", stderr);
    vfprintf(stderr, fmt, args);
    fputs("\n", stderr);
    va_end(args);
    fflush(stderr);
    abort();
}

const char *sm_kind_name(int kind) { return kind >= 0 && kind < K_COUNT ? kind_names[kind] : NULL; }

void *sm_new(size_t size, kind_t kind)
{
    void *p = calloc(1, size);
    if (p == NULL) sm_die("out of memory");
    obj_t *h = kind == K_ERROR ? &((error_t *)p)->h : (obj_t *)p;
    h->magic = MAGIC;
    h->kind = kind;
    h->state = ST_LIVE;
    sm_live[kind]++;
    return p;
}

void *sm_use(const void *p, kind_t kind, const char *fn)
{
    if (p == NULL) sm_die("%s: NULL %s", fn, kind_names[kind]);
    const obj_t *h = kind == K_ERROR ? &((const error_t *)p)->h : (const obj_t *)p;
    if (h->magic != MAGIC || h->kind != kind) sm_die("%s: %p is not a %s", fn, p, kind_names[kind]);
    if (h->state == ST_FREED) sm_die("%s: %s %p was already freed", fn, kind_names[kind], p);
    if (h->state == ST_CONSUMED) sm_die("%s: %s %p was already consumed", fn, kind_names[kind], p);
    return (void *)p;
}

void sm_retire(obj_t *h, state_t state)
{
    h->state = state;
    sm_live[h->kind]--;
}

/* ---- call counts ---- */
typedef struct { char name[64]; long count; } call_t;
static call_t g_calls[96];
static int g_ncalls;

void sm_count_call(const char *fn)
{
    for (int i = 0; i < g_ncalls; i++)
        if (strcmp(g_calls[i].name, fn) == 0) { g_calls[i].count++; return; }
    if (g_ncalls == (int)(sizeof g_calls / sizeof g_calls[0])) sm_die("too many distinct functions");
    snprintf(g_calls[g_ncalls].name, sizeof g_calls[0].name, "%s", fn);
    g_calls[g_ncalls++].count = 1;
}

int sm_call_count(void) { return g_ncalls; }
const char *sm_call_name(int i, long *count) { *count = g_calls[i].count; return g_calls[i].name; }
void sm_calls_reset(void) { g_ncalls = 0; }

/* ---- failure injection ---- */
typedef struct { char fn[64]; int nth; int code; int seen; } rule_t;
static rule_t g_rules[32];
static int g_nrules;

void sm_rules_add(const char *fn, int nth, int code)
{
    if (g_nrules == (int)(sizeof g_rules / sizeof g_rules[0])) sm_die("too many failure rules");
    rule_t *r = &g_rules[g_nrules++];
    snprintf(r->fn, sizeof r->fn, "%s", fn);
    r->nth = nth;
    r->code = code;
    r->seen = 0;
}

void sm_rules_reset(void) { g_nrules = 0; }

ddog_TraceExporterError *sm_injected(const char *fn)
{
    for (int i = 0; i < g_nrules; i++) {
        rule_t *r = &g_rules[i];
        if (strcmp(r->fn, fn) != 0) continue;
        r->seen++;
        if (r->nth == 0 || r->seen == r->nth)
            return sm_error((ddog_TraceExporterErrorCode)r->code, "injected failure of %s (call %d)", fn, r->seen);
    }
    return NULL;
}

ddog_TraceExporterError *sm_error(ddog_TraceExporterErrorCode code, const char *fmt, ...)
{
    error_t *e = sm_new(sizeof *e, K_ERROR);
    char buf[256];
    va_list args;
    va_start(args, fmt);
    vsnprintf(buf, sizeof buf, fmt, args);
    va_end(args);
    e->pub.code = code;
    e->pub.msg = strdup(buf);
    return &e->pub;
}

/* ---- slices ---- */
static int valid_utf8(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned c = s[i];
        size_t len;
        unsigned min, cp;
        if (c < 0x80) { i++; continue; }
        if ((c & 0xE0) == 0xC0) { len = 2; min = 0x80; cp = c & 0x1F; }
        else if ((c & 0xF0) == 0xE0) { len = 3; min = 0x800; cp = c & 0x0F; }
        else if ((c & 0xF8) == 0xF0) { len = 4; min = 0x10000; cp = c & 0x07; }
        else return 0;
        if (i + len > n) return 0;
        for (size_t k = 1; k < len; k++) {
            if ((s[i + k] & 0xC0) != 0x80) return 0;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
        i += len;
    }
    return 1;
}

void sm_copy_slice(str_t *dst, ddog_CharSlice s, const char *fn)
{
    if (s.ptr == NULL && s.len != 0) sm_die("%s: slice with NULL ptr and len %zu", fn, (size_t)s.len);
    if (s.len > ((uintptr_t)1 << 32)) sm_die("%s: absurd slice length %zu", fn, (size_t)s.len);
    if (!valid_utf8((const unsigned char *)s.ptr, s.len)) sm_die("%s: slice is not valid UTF-8", fn);
    sm_str_free(dst);
    dst->p = malloc(s.len + 1);
    if (dst->p == NULL) sm_die("out of memory");
    if (s.len) memcpy(dst->p, s.ptr, s.len);
    dst->p[s.len] = 0;
    dst->n = s.len;
    dst->set = 1;
}

void sm_str_free(str_t *s)
{
    free(s->p);
    s->p = NULL;
    s->n = 0;
    s->set = 0;
}
