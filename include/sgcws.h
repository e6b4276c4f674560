/*
 * sgcws.h - the C interface of the sgcws library (libsgcws.so, sgcws.dll, libsgcws.dylib).
 *
 * sgcws reproduces the sgcWebSockets components (TsgcWebSocketClient, TsgcWebSocketServer,
 * TsgcWebSocketHTTPServer, TsgcWSConnection) behind a small, stable C ABI. The Pascal and C++ units in
 * bindings/ are thin layers over this header; any other language can bind to it the same way.
 *
 * The rules, once:
 *
 *  Calling convention  Every function and every callback type is cdecl (SGCWS_CALL). Exports are
 *                      undecorated on every platform.
 *  Status codes        Every function returns int32_t: SGCWS_OK (0) or a negative SGCWS_E_* code.
 *                      sgcws_errmsg() gives the text of the last failure on the calling thread;
 *                      sgcws_errstr() the fixed description of a code. No panic or exception ever
 *                      crosses the boundary.
 *  Handles             Components, connections and decision/request objects are opaque 64-bit
 *                      handles. They are checked on every call: a stale, closed or forged handle yields
 *                      SGCWS_E_HANDLE, never a crash. Handle values are never reused.
 *  Strings             UTF-8 with an explicit byte length. Property and method names are ASCII and
 *                      NUL-terminated. Inbound buffers are copied before the call returns.
 *  Outbound memory     Memory the library hands out belongs to the library, is never freed by the host,
 *                      and stays valid for the span stated at each function: during a callback, or
 *                      until the next sgcws_poll/sgcws_release on the same component.
 *  Properties          Set and read by the manual's property path ("URL", "Port", "TLS",
 *                      "Options.Parameters", "TLSOptions.VerifyCertificate", "NotifyEvents", ...), with
 *                      typed calls. Unknown names and wrong types are errors that name the property.
 *                      sgcws_properties() lists every property of a component kind with its type and
 *                      default.
 *  Events              One versioned record, sgcws_event, for every kind of event. Delivery follows the
 *                      component's "NotifyEvents" property (see "Events" below).
 *  Lifetime            The disconnect event is the last event of a connection. sgcws_detach returns only
 *                      when no callback for that component runs or can still run. sgcws_shutdown stops
 *                      everything and may be called twice. The library is never unloaded.
 *
 * Versioning: SGCWS_ABI_VERSION changes only when an existing declaration changes incompatibly. New
 * functions, properties, event kinds and event fields are additions that keep the version. Bindings
 * compare sgcws_abi_version() with the macro at load time.
 */
#ifndef SGCWS_H
#define SGCWS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32) && !defined(_WIN64)
#define SGCWS_CALL __cdecl
#else
#define SGCWS_CALL
#endif

#define SGCWS_ABI_VERSION 1

/* ---------------------------------------------------------------------------------------------------
 * Status codes
 * ------------------------------------------------------------------------------------------------- */

#define SGCWS_OK              0   /* success */
#define SGCWS_E_INTERNAL     -1   /* an internal failure (a recovered panic); the message says where */
#define SGCWS_E_HANDLE       -2   /* unknown, closed, stale or wrong-kind handle */
#define SGCWS_E_ARG          -3   /* invalid argument (NULL pointer, negative length, bad kind) */
#define SGCWS_E_PROPERTY     -4   /* unknown property name for this component */
#define SGCWS_E_TYPE         -5   /* the property exists but has another type */
#define SGCWS_E_VALUE        -6   /* value out of range, unknown enum name, malformed URL */
#define SGCWS_E_READONLY     -7   /* the property cannot be set */
#define SGCWS_E_STATE        -8   /* not allowed in the current state (not connected, already active) */
#define SGCWS_E_CLOSED       -9   /* the connection is closed or closing */
#define SGCWS_E_TIMEOUT     -10   /* the operation did not finish in time */
#define SGCWS_E_CONNECT     -11   /* could not connect: refused, DNS, TLS or handshake failure */
#define SGCWS_E_LISTEN      -12   /* could not listen on an address (in use, permission) */
#define SGCWS_E_QUEUE_FULL  -13   /* the connection's write queue is over its limit; nothing was queued */
#define SGCWS_E_TOO_BIG     -14   /* message larger than the configured maximum */
#define SGCWS_E_IN_CALLBACK -15   /* a blocking call was made from inside a callback of this library */
#define SGCWS_E_BUFFER      -16   /* the output buffer is too small; the needed length was stored */
#define SGCWS_E_SHUTDOWN    -17   /* the library has been shut down */
#define SGCWS_E_UNSUPPORTED -18   /* not available on this component or platform */
#define SGCWS_E_TLS         -19   /* certificate or key could not be loaded or verified */
#define SGCWS_E_METHOD      -20   /* unknown method name for this component */

/* The fixed, static description of a status code ("unknown status code" for other values). */
const char *SGCWS_CALL sgcws_errstr(int32_t code);

/* The message of the last failed call on the calling thread, NUL-terminated UTF-8. Valid until the next
 * call into the library on this thread. Empty after a successful call; sgcws_errstr, sgcws_errmsg,
 * sgcws_abi_version and sgcws_version leave it unchanged, so both can be printed in one statement. */
const char *SGCWS_CALL sgcws_errmsg(void);

/* ---------------------------------------------------------------------------------------------------
 * Library
 * ------------------------------------------------------------------------------------------------- */

/* The ABI version of the loaded library: compare with SGCWS_ABI_VERSION. */
int32_t SGCWS_CALL sgcws_abi_version(void);

/* The library version as "major.minor.patch", static. */
const char *SGCWS_CALL sgcws_version(void);

/* Stops every listener and connection of every component, detaches every callback, and releases every
 * handle. After it returns no callback runs and every handle is stale; later calls fail with
 * SGCWS_E_SHUTDOWN except sgcws_shutdown itself, sgcws_errstr, sgcws_errmsg, sgcws_abi_version,
 * sgcws_version and sgcws_stats. Safe to call twice. Not allowed from inside a callback
 * (SGCWS_E_IN_CALLBACK). */
int32_t SGCWS_CALL sgcws_shutdown(void);

/* Counters for leak checks: live handles (components + connections + open decisions) and library
 * goroutines. Either pointer may be NULL. */
int32_t SGCWS_CALL sgcws_stats(int64_t *handles, int64_t *goroutines);

/* ---------------------------------------------------------------------------------------------------
 * Components
 * ------------------------------------------------------------------------------------------------- */

typedef uint64_t sgcws_handle;  /* 0 is never a valid handle */

#define SGCWS_CLIENT       1  /* TsgcWebSocketClient */
#define SGCWS_SERVER       2  /* TsgcWebSocketServer */
#define SGCWS_HTTP_SERVER  3  /* TsgcWebSocketHTTPServer: the server plus HTTP on the same port */
#define SGCWS_CONNECTION   4  /* TsgcWSConnection: handed out in events, never created by the host */
#define SGCWS_REQUEST      5  /* a decision or HTTP request in progress: handed out in events */
#define SGCWS_ARGS         6  /* the arguments of a registered event: handed out in events */
/* Kinds 16 and up are the registered components (protocols, APIs, ...): their numbers are in the
 * generated header sgcws_components.h, and sgcws_describe(0) lists them. */

/* Creates a component of the given kind with the manual's defaults. */
int32_t SGCWS_CALL sgcws_create(int32_t kind, sgcws_handle *out);

/* Detaches (see sgcws_detach), stops the component, closes its connections without further events and
 * releases the handle. From inside one of the component's own callbacks it does not wait for that
 * callback; the handle is released when it returns. */
int32_t SGCWS_CALL sgcws_destroy(sgcws_handle component);

/* The kind (SGCWS_CLIENT ... SGCWS_REQUEST) of a live handle. */
int32_t SGCWS_CALL sgcws_kind(sgcws_handle h, int32_t *kind);

/* ---------------------------------------------------------------------------------------------------
 * Properties, by the manual's names
 *
 * Types: Boolean, Integer, String, Enum (set by value name, e.g. "neNoSync", or by ordinal with
 * sgcws_set_int; read as name or ordinal), Strings (a TStrings: the items as text, one per line).
 * Names match case-insensitively. The handle may be a component, a connection or a request; each kind
 * has its own list, see sgcws_properties and the README.
 * ------------------------------------------------------------------------------------------------- */

int32_t SGCWS_CALL sgcws_set_bool(sgcws_handle h, const char *name, int32_t value);
int32_t SGCWS_CALL sgcws_set_int(sgcws_handle h, const char *name, int64_t value);
int32_t SGCWS_CALL sgcws_set_str(sgcws_handle h, const char *name, const char *value, int32_t len);

int32_t SGCWS_CALL sgcws_get_bool(sgcws_handle h, const char *name, int32_t *value);
int32_t SGCWS_CALL sgcws_get_int(sgcws_handle h, const char *name, int64_t *value);

/* Copies the value into buf (not NUL-terminated unless room is left: a NUL is added when len < cap)
 * and stores its byte length in *len. If cap is too small, nothing is copied, *len receives the needed
 * length and the result is SGCWS_E_BUFFER. buf may be NULL when cap is 0. */
int32_t SGCWS_CALL sgcws_get_str(sgcws_handle h, const char *name, char *buf, int32_t cap, int32_t *len);

/* Lists the properties of a kind (SGCWS_CLIENT ... SGCWS_REQUEST) as text, one per line:
 * "Name<TAB>Type<TAB>Default<TAB>Values\n" (Values: comma-separated enum names, else empty).
 * Same buffer rules as sgcws_get_str. */
int32_t SGCWS_CALL sgcws_properties(int32_t kind, char *buf, int32_t cap, int32_t *len);

/* ---------------------------------------------------------------------------------------------------
 * Activity
 * ------------------------------------------------------------------------------------------------- */

/* Client: connects and waits for the WebSocket handshake, at most timeout_ms (the manual's
 * Connect(Timeout), default 10000). Blocking: SGCWS_E_IN_CALLBACK from inside a callback. */
int32_t SGCWS_CALL sgcws_connect(sgcws_handle client, int32_t timeout_ms);

/* Client: closes with a normal close and waits until disconnected, at most timeout_ms (the manual's
 * Disconnect(Timeout)). Blocking: SGCWS_E_IN_CALLBACK from inside a callback. */
int32_t SGCWS_CALL sgcws_disconnect_wait(sgcws_handle client, int32_t timeout_ms);

/* Client and servers: the manual's Start/Stop and Active. Never block on the network: a client connects
 * in the background (OnConnect or OnError/OnDisconnect tell the outcome); a server binds its listeners
 * before sgcws_start returns (so a busy port is SGCWS_E_LISTEN) and serves in the background; stop closes
 * every connection and listener in the background. */
int32_t SGCWS_CALL sgcws_start(sgcws_handle component);
int32_t SGCWS_CALL sgcws_stop(sgcws_handle component);

/* ---------------------------------------------------------------------------------------------------
 * Sending. Sends never block: data are copied into the connection's write queue
 * ("BufferedAmount" reads how many bytes wait there). SGCWS_E_QUEUE_FULL when over the queue limit.
 * ------------------------------------------------------------------------------------------------- */

#define SGCWS_TEXT    1
#define SGCWS_BINARY  2

/* h: a client or a connection. fragment_size > 0 splits the message into frames of at most that many
 * bytes (the manual's WriteData(Stream, Size)); 0 sends one frame. Text must be valid UTF-8. */
int32_t SGCWS_CALL sgcws_write(sgcws_handle h, int32_t type, const void *data, int64_t len,
                               int32_t fragment_size);

/* Server: WriteData(Guid, ...) to the connection with that Guid. */
int32_t SGCWS_CALL sgcws_write_to(sgcws_handle server, const char *guid, int32_t type, const void *data,
                                  int64_t len);

/* Server: Broadcast(Message, Channel, Protocol, Exclude, Include). channel/protocol: empty or NULL = all;
 * exclude/include: comma-separated Guids, empty or NULL = none/all. The frame is encoded once. */
int32_t SGCWS_CALL sgcws_broadcast(sgcws_handle server, int32_t type, const void *data, int64_t len,
                                   const char *channel, const char *protocol, const char *exclude,
                                   const char *include);

/* h: a client, a connection, or a server (pings every connection). */
int32_t SGCWS_CALL sgcws_ping(sgcws_handle h, const void *data, int32_t len);

/* h: a client or a connection. Close(Code): the WebSocket closing handshake with this code (a negative
 * code sends no status). Disconnect(Code): drops the connection now; the code is what OnDisconnect
 * reports. Both return at once; OnDisconnect follows. */
int32_t SGCWS_CALL sgcws_close(sgcws_handle h, int32_t code);
int32_t SGCWS_CALL sgcws_drop(sgcws_handle h, int32_t code);

/* ---------------------------------------------------------------------------------------------------
 * Channels and the connection list (servers)
 * ------------------------------------------------------------------------------------------------- */

int32_t SGCWS_CALL sgcws_subscribe(sgcws_handle connection, const char *channel);
int32_t SGCWS_CALL sgcws_unsubscribe(sgcws_handle connection, const char *channel);
int32_t SGCWS_CALL sgcws_subscribed(sgcws_handle connection, const char *channel, int32_t *result);

/* Copies up to cap connection handles of a server into out and stores the total count in *count (so a
 * first call with cap 0 asks for the size). The count alone is also the property "Count". */
int32_t SGCWS_CALL sgcws_connections(sgcws_handle server, sgcws_handle *out, int32_t cap, int32_t *count);

/* Finds a server's connection by its Guid. */
int32_t SGCWS_CALL sgcws_find_connection(sgcws_handle server, const char *guid, sgcws_handle *out);

/* The host-owned user slot of a connection (the manual's Connection.Data). Copied into every event of
 * that connection as user_data. */
int32_t SGCWS_CALL sgcws_set_data(sgcws_handle connection, void *data);
int32_t SGCWS_CALL sgcws_get_data(sgcws_handle connection, void **data);

/* ---------------------------------------------------------------------------------------------------
 * Events
 *
 * Every event is an sgcws_event record. The library owns it; fields are only ever appended, and
 * struct_size tells how many bytes of it this library fills, so a host compiled against an older header
 * reads the fields it knows and a newer host checks struct_size before reading newer ones.
 *
 * Delivery follows the component's "NotifyEvents" property (the manual's names):
 *
 *  neNoSync        The callback set with sgcws_set_callback runs on a library thread. Events of one
 *                  connection are sequential and in order; different connections may run in parallel.
 *                  The record is valid during the callback.
 *  neAsynchronous  (the default) Events are queued. The host drains them in batches from its own thread
 *                  with sgcws_poll. While the queue is non-empty the waitable object of sgcws_waitable is
 *                  signalled, and the wake callback of sgcws_set_wake is called when it becomes
 *                  non-empty, so a binding can post to its main thread. Records are valid until the next
 *                  sgcws_poll or sgcws_release on the component. A full queue slows the network reader
 *                  down instead of dropping anything.
 *  neSynchronous   Queued like neAsynchronous, but the library thread that raised an event waits until
 *                  the host has handled it, that is until its batch is released by the next sgcws_poll
 *                  or sgcws_release.
 *
 * Decision events (OnHandshake, OnAuthentication, OnUnknownProtocol, the HTTP request event) carry a
 * request handle in `reply`. The host answers by setting its properties ("Authenticated", "Accept",
 * "Headers", "ResponseInfo.*", see the README) while it handles the event; the answer is taken when the
 * callback returns (neNoSync) or when the batch is released or sgcws_done(reply) is called (queued modes).
 * The library waits at most "DecisionTimeout" ms (default 10000) and then applies the default answer:
 * handshake accepted unchanged, authentication refused, unknown protocol refused, HTTP 503.
 * ------------------------------------------------------------------------------------------------- */

#define SGCWS_EV_CONNECT           1  /* OnConnect: a connection is open (handshake done) */
#define SGCWS_EV_DISCONNECT        2  /* OnDisconnect: code = close code; always the connection's last event */
#define SGCWS_EV_MESSAGE           3  /* OnMessage: data = UTF-8 text */
#define SGCWS_EV_BINARY            4  /* OnBinary: data = bytes */
#define SGCWS_EV_FRAGMENTED        5  /* OnFragmented: data = one fragment; flags: FINAL, BINARY; offset */
#define SGCWS_EV_ERROR             6  /* OnError: data = message text, code = SGCWS_E_* or close code */
#define SGCWS_EV_EXCEPTION         7  /* OnException: data = message text (host-side failures reported back) */
#define SGCWS_EV_HANDSHAKE         8  /* OnHandshake (decision): reply."Headers" */
#define SGCWS_EV_AUTHENTICATION    9  /* OnAuthentication (decision): reply."User"/"Password"/"Authenticated" */
#define SGCWS_EV_HTTP_REQUEST     10  /* OnCommandGet / OnCommandOther (decision): reply = the request */
#define SGCWS_EV_STARTUP          11  /* OnStartup: a server is listening */
#define SGCWS_EV_SHUTDOWN         12  /* OnShutdown: a server stopped listening */
#define SGCWS_EV_UNKNOWN_PROTOCOL 13  /* OnUnknownProtocol (decision): reply."Accept" */

#define SGCWS_FLAG_FINAL   1u  /* SGCWS_EV_FRAGMENTED: the message's last fragment */
#define SGCWS_FLAG_BINARY  2u  /* SGCWS_EV_FRAGMENTED: the message is binary (else text) */

typedef struct sgcws_event {
    uint32_t struct_size;     /* bytes of this record the library fills (>= offset of the last field) */
    int32_t kind;             /* SGCWS_EV_* */
    sgcws_handle component;   /* the component that raised it */
    sgcws_handle connection;  /* the connection, or 0 for component events (startup, shutdown) */
    sgcws_handle reply;       /* decision events: the request handle to answer through, else 0 */
    const char *data;         /* payload (text is UTF-8), not NUL-terminated; NULL when data_len is 0 */
    int64_t data_len;
    int32_t code;             /* close code (disconnect), status code (error) */
    uint32_t flags;           /* SGCWS_FLAG_* */
    int64_t offset;           /* fragmented: bytes of the message before this fragment */
    void *user_data;          /* the connection's Data slot (sgcws_set_data) when the event was raised */
    sgcws_handle args;        /* registered events: their arguments (SGCWS_ARGS), see sgcws_args; else 0 */
} sgcws_event;

typedef void(SGCWS_CALL *sgcws_event_cb)(void *user, const sgcws_event *event);
typedef void(SGCWS_CALL *sgcws_wake_cb)(void *user);

/* neNoSync: the function that receives events. NULL removes it (events are then dropped). */
int32_t SGCWS_CALL sgcws_set_callback(sgcws_handle component, sgcws_event_cb cb, void *user);

/* Queued modes: called from a library thread when the queue goes from empty to non-empty. Keep it
 * short: post a message or queue a call to the host's main thread, then return. NULL removes it. */
int32_t SGCWS_CALL sgcws_set_wake(sgcws_handle component, sgcws_wake_cb cb, void *user);

/* Queued modes: releases the previous batch, then stores up to max pointers to queued events in events
 * and their number in *count, waiting up to timeout_ms for at least one (0: do not wait, -1: wait
 * forever). The records stay valid until the next sgcws_poll or sgcws_release on this component. */
int32_t SGCWS_CALL sgcws_poll(sgcws_handle component, const sgcws_event **events, int32_t max,
                              int32_t timeout_ms, int32_t *count);

/* Queued modes: releases the current batch without taking more. */
int32_t SGCWS_CALL sgcws_release(sgcws_handle component);

/* Decision events: the answer in reply's properties is final now (instead of at release). */
int32_t SGCWS_CALL sgcws_done(sgcws_handle reply);

/* Queued modes: an object that is signalled while the queue is non-empty. On POSIX a file descriptor
 * readable while events wait (poll/select/epoll/kqueue; the host never reads it). On Windows an event
 * HANDLE (WaitForSingleObject/MsgWaitForMultipleObjects; the host never resets or closes it). Valid
 * until the component is destroyed. */
int32_t SGCWS_CALL sgcws_waitable(sgcws_handle component, intptr_t *waitable);

/* Final: no callback of this component runs or will run after this returns, nothing more is queued,
 * queued events are dropped and blocked library threads are released (decisions get their default).
 * Called from inside one of the component's own callbacks it does not wait for that callback, which is
 * then the last. The component keeps working silently until sgcws_destroy. Bindings call it first when
 * the object that receives events is about to go away. */
int32_t SGCWS_CALL sgcws_detach(sgcws_handle component);

/* ---------------------------------------------------------------------------------------------------
 * Components by name: the generic path
 *
 * Besides the typed calls above, every component is described by the library's registry: its
 * properties, its methods with typed parameters and its events with typed arguments
 * (sgcws_describe). Methods are called by name with sgcws_invoke; a registered event (kind >= 100,
 * numbered per component kind in sgcws_components.h) carries its arguments in an SGCWS_ARGS handle
 * (event->args), read all at once with sgcws_args or one by name with the property getters
 * (sgcws_get_str(event->args, "Channel", ...)). A registered decision event has event->reply ==
 * event->args: the host sets its var arguments by name with the property setters while it handles
 * the event, and the answer is taken as for every decision event. Reading the arguments after the
 * event was released fails with SGCWS_E_HANDLE. This path never grows with the catalogue; the typed
 * calls stay for the hot paths.
 * ------------------------------------------------------------------------------------------------- */

#define SGCWS_T_NONE    0  /* no value (a procedure's result) */
#define SGCWS_T_BOOL    1  /* i: 0 or 1 */
#define SGCWS_T_INT     2  /* i */
#define SGCWS_T_DOUBLE  3  /* d */
#define SGCWS_T_STRING  4  /* data/len: UTF-8 */
#define SGCWS_T_BYTES   5  /* data/len */
#define SGCWS_T_HANDLE  6  /* i: an sgcws_handle */

/* One typed value: a method argument, a method result or an event argument. Zero-initialise it and
 * set type and the one field the type uses. Strings are not NUL-terminated. */
typedef struct sgcws_value {
    int64_t i;           /* SGCWS_T_BOOL, _INT, _HANDLE */
    double d;            /* SGCWS_T_DOUBLE */
    int64_t len;         /* SGCWS_T_STRING, _BYTES: bytes at data */
    int32_t type;        /* SGCWS_T_* */
    int32_t reserved;    /* 0 */
    const char *data;    /* SGCWS_T_STRING, _BYTES */
    const char *name;    /* arguments: the parameter's name (ASCII, NUL-terminated), or NULL to
                            take the next position; out: the name */
} sgcws_value;

/* Calls the method of a component by name (case-insensitive). Arguments are matched by position
 * first, then by name in any order; omitted ones take their declared defaults. An integer converts
 * to a double or a handle and text to bytes; other mismatches are SGCWS_E_TYPE, unknown, missing or
 * surplus arguments SGCWS_E_ARG, an unknown method SGCWS_E_METHOD; the message names them. result
 * may be NULL; otherwise it receives the typed result (type SGCWS_T_NONE for a procedure), whose data
 * stays valid until this thread's next sgcws_invoke or sgcws_args. A method that waits for the network
 * (the description marks it "blocking") fails with SGCWS_E_IN_CALLBACK inside a callback. */
int32_t SGCWS_CALL sgcws_invoke(sgcws_handle component, const char *method, const sgcws_value *args,
                                int32_t nargs, sgcws_value *result);

/* Copies the arguments of a registered event (event->args) into out, in their declared order, with
 * their names, and stores their number in *count (a first call with cap 0 asks for it). Strings
 * stay valid until this thread's next sgcws_invoke or sgcws_args. SGCWS_E_HANDLE once the event was
 * released; SGCWS_E_BUFFER (count stored) when cap is too small. */
int32_t SGCWS_CALL sgcws_args(sgcws_handle args, sgcws_value *out, int32_t cap, int32_t *count);

/* The registry's description of a component kind as JSON (kind 0: every registered kind, an
 * array): {"name", "kind", "unit", "properties": [{"name", "type", "default", "values"...}],
 * "methods": [{"name", "params": [{"name", "type", "default"...}], "result", "blocking"}],
 * "events": [{"name", "id", "connection", "decision", "args": [{"name", "type", "var"}]}]}.
 * Same buffer rules as sgcws_get_str. A binding can compare it with what it was generated from. */
int32_t SGCWS_CALL sgcws_describe(int32_t kind, char *buf, int32_t cap, int32_t *len);

#ifdef __cplusplus
}
#endif

#endif /* SGCWS_H */
