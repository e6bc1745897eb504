/* libdatadog's data-pipeline C ABI (v36), transcribed from shared/docs/libdatadog-abi.md.
 * The conformance library implements exactly these prototypes; layouts are checked
 * at compile time here and from the C# tests through sm_test_sizeof/sm_test_offsetof. */
#ifndef SM_ABI_H
#define SM_ABI_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

typedef struct { const char *ptr; uintptr_t len; } ddog_CharSlice;
typedef struct { const uint8_t *ptr; uintptr_t len; } ddog_ByteSlice;

typedef struct {
    ddog_CharSlice service;
    ddog_CharSlice name;
    ddog_CharSlice resource;
    ddog_CharSlice span_type;
    uint64_t trace_id_low;
    uint64_t trace_id_high;
    uint64_t span_id;
    uint64_t parent_id;
    int64_t start;
    int64_t duration;
    int32_t error;
} ddog_TracerSpanFields;

typedef enum {
    DDOG_TRACE_EXPORTER_ERROR_CODE_ADDRESS_IN_USE = 0,
    DDOG_TRACE_EXPORTER_ERROR_CODE_CONNECTION_ABORTED = 1,
    DDOG_TRACE_EXPORTER_ERROR_CODE_CONNECTION_REFUSED = 2,
    DDOG_TRACE_EXPORTER_ERROR_CODE_CONNECTION_RESET = 3,
    DDOG_TRACE_EXPORTER_ERROR_CODE_HTTP_BODY_FORMAT = 4,
    DDOG_TRACE_EXPORTER_ERROR_CODE_HTTP_BODY_TOO_LONG = 5,
    DDOG_TRACE_EXPORTER_ERROR_CODE_HTTP_CLIENT = 6,
    DDOG_TRACE_EXPORTER_ERROR_CODE_HTTP_EMPTY_BODY = 7,
    DDOG_TRACE_EXPORTER_ERROR_CODE_HTTP_PARSE = 8,
    DDOG_TRACE_EXPORTER_ERROR_CODE_HTTP_SERVER = 9,
    DDOG_TRACE_EXPORTER_ERROR_CODE_HTTP_UNKNOWN = 10,
    DDOG_TRACE_EXPORTER_ERROR_CODE_HTTP_WRONG_STATUS = 11,
    DDOG_TRACE_EXPORTER_ERROR_CODE_INVALID_ARGUMENT = 12,
    DDOG_TRACE_EXPORTER_ERROR_CODE_INVALID_DATA = 13,
    DDOG_TRACE_EXPORTER_ERROR_CODE_INVALID_INPUT = 14,
    DDOG_TRACE_EXPORTER_ERROR_CODE_INVALID_URL = 15,
    DDOG_TRACE_EXPORTER_ERROR_CODE_IO_ERROR = 16,
    DDOG_TRACE_EXPORTER_ERROR_CODE_NETWORK_UNKNOWN = 17,
    DDOG_TRACE_EXPORTER_ERROR_CODE_SERDE = 18,
    DDOG_TRACE_EXPORTER_ERROR_CODE_SHUTDOWN = 19,
    DDOG_TRACE_EXPORTER_ERROR_CODE_TIMED_OUT = 20,
    DDOG_TRACE_EXPORTER_ERROR_CODE_TELEMETRY = 21,
    DDOG_TRACE_EXPORTER_ERROR_CODE_INTERNAL = 22,
    DDOG_TRACE_EXPORTER_ERROR_CODE_PANIC = 23,
} ddog_TraceExporterErrorCode;

typedef struct {
    ddog_TraceExporterErrorCode code;
    char *msg;
} ddog_TraceExporterError;

typedef struct ddog_TracerSpan ddog_TracerSpan;
typedef struct ddog_TracerTraceChunks ddog_TracerTraceChunks;
typedef struct ddog_TraceExporter ddog_TraceExporter;
typedef struct ddog_TraceExporterConfig ddog_TraceExporterConfig;
typedef struct ddog_TraceExporterResponse ddog_TraceExporterResponse;
typedef struct ddog_TraceExporterCancelToken ddog_TraceExporterCancelToken;

_Static_assert(sizeof(ddog_CharSlice) == 16, "ddog_CharSlice is 16 bytes");
_Static_assert(sizeof(ddog_ByteSlice) == 16, "ddog_ByteSlice is 16 bytes");
_Static_assert(sizeof(ddog_TracerSpanFields) == 120, "ddog_TracerSpanFields is 120 bytes");
_Static_assert(offsetof(ddog_TracerSpanFields, trace_id_low) == 64, "trace_id_low at 64");
_Static_assert(offsetof(ddog_TracerSpanFields, error) == 112, "error at 112");
_Static_assert(sizeof(ddog_TraceExporterError) == 16, "ddog_TraceExporterError is 16 bytes");
_Static_assert(sizeof(ddog_TraceExporterErrorCode) == 4, "the error code enum is 4 bytes");

#endif
