// sgcws.hpp - the C++ face of sgcws: TsgcWebSocketClient, TsgcWebSocketServer, TsgcWebSocketHTTPServer and
// TsgcWSConnection as in the sgcWebSockets manual, over the C ABI of include/sgcws.h.
//
// Header-only, C++17. Compile with -I <repo>/include -I <repo>/bindings/cpp.
//
//   Loading     By default the library is loaded at run time (dlopen / LoadLibraryW) on first use, from
//               sgcws::SetLibraryPath(path), else $SGCWS_LIB, else the platform's name (libsgcws.so,
//               sgcws.dll, libsgcws.dylib). It is never unloaded. The ABI version is checked: a mismatch
//               throws sgcws::Error naming the path and both versions. Define SGCWS_LINK_STATIC_IMPORTS
//               to call the imports directly instead (link an import library; see README.md).
//   Errors      Every failure throws sgcws::Error (Code() = SGCWS_E_*, what() = the library's message).
//   Ownership   Components are move-only RAII objects. The destructor detaches (no event runs or can still
//               run once it returns) and destroys the library object. Events reach a heap "core" that the
//               object owns, so moving an object never leaves a dangling pointer in the library; using a
//               moved-from object throws Error(SGCWS_E_HANDLE), destroying it does nothing.
//   Events      std::function members named after the manual (OnMessage, OnConnect, ...). No C++ exception
//               ever crosses into the library: a handler that throws is reported to OnException; if
//               OnException throws too, that is swallowed. Handlers may be reassigned at any time (atomic).
//               Decision events (OnHandshake, OnAuthentication, OnUnknownProtocol, OnCommandGet,
//               OnCommandOther) are switched on in the engine ("Events.On...") exactly when the handler is
//               assigned, at Start / Connect / Active = true.
//   Delivery    NotifyEvents = neNoSync: handlers run on library threads. neAsynchronous (the default) and
//               neSynchronous: call ProcessEvents() on your own thread (Waitable() is a fd / HANDLE that is
//               signalled while events wait; OnEventsAvailable is called from a library thread when the
//               queue becomes non-empty, e.g. to PostMessage/TThread::Queue a ProcessEvents call).
#ifndef SGCWS_HPP
#define SGCWS_HPP

#include "sgcws.h"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <functional>
#include <initializer_list>
#include <memory>
#include <stdexcept>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#if !defined(SGCWS_LINK_STATIC_IMPORTS)
#if defined(_WIN32)
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#ifndef NOMINMAX
#define NOMINMAX
#endif
#include <windows.h>
#else
#include <dlfcn.h>
#endif
#endif

namespace sgcws {

// ------------------------------------------------------------------------------------------------
// Errors
// ------------------------------------------------------------------------------------------------

/// The one exception type of the binding: the library's status code and message.
class Error : public std::runtime_error {
public:
    Error(int code, const std::string &message) : std::runtime_error(message), code_(code) {}
    /// SGCWS_E_* (negative).
    int Code() const noexcept { return code_; }
    int code() const noexcept { return code_; }

private:
    int code_;
};

/// The SGCWS_E_* name of a status code ("SGCWS_E_PROPERTY"), for messages.
inline const char *CodeName(int code) noexcept {
    switch (code) {
    case SGCWS_OK: return "SGCWS_OK";
    case SGCWS_E_INTERNAL: return "SGCWS_E_INTERNAL";
    case SGCWS_E_HANDLE: return "SGCWS_E_HANDLE";
    case SGCWS_E_ARG: return "SGCWS_E_ARG";
    case SGCWS_E_PROPERTY: return "SGCWS_E_PROPERTY";
    case SGCWS_E_TYPE: return "SGCWS_E_TYPE";
    case SGCWS_E_VALUE: return "SGCWS_E_VALUE";
    case SGCWS_E_READONLY: return "SGCWS_E_READONLY";
    case SGCWS_E_STATE: return "SGCWS_E_STATE";
    case SGCWS_E_CLOSED: return "SGCWS_E_CLOSED";
    case SGCWS_E_TIMEOUT: return "SGCWS_E_TIMEOUT";
    case SGCWS_E_CONNECT: return "SGCWS_E_CONNECT";
    case SGCWS_E_LISTEN: return "SGCWS_E_LISTEN";
    case SGCWS_E_QUEUE_FULL: return "SGCWS_E_QUEUE_FULL";
    case SGCWS_E_TOO_BIG: return "SGCWS_E_TOO_BIG";
    case SGCWS_E_IN_CALLBACK: return "SGCWS_E_IN_CALLBACK";
    case SGCWS_E_BUFFER: return "SGCWS_E_BUFFER";
    case SGCWS_E_SHUTDOWN: return "SGCWS_E_SHUTDOWN";
    case SGCWS_E_UNSUPPORTED: return "SGCWS_E_UNSUPPORTED";
    case SGCWS_E_TLS: return "SGCWS_E_TLS";
    case SGCWS_E_METHOD: return "SGCWS_E_METHOD";
    default: return "SGCWS_E_?";
    }
}

/// An Error raised by the binding itself, formatted like the library's: "sgcws: <text> [SGCWS_E_...]".
inline Error MakeError(int code, const std::string &text) {
    return Error(code, "sgcws: " + text + " [" + CodeName(code) + "]");
}

// ------------------------------------------------------------------------------------------------
// Loader
// ------------------------------------------------------------------------------------------------

// X(return type, name without the sgcws_ prefix, parameter list) for every function of sgcws.h.
#define SGCWS_CPP_FUNCTIONS(X)                                                                      \
    X(const char *, errstr, (int32_t))                                                               \
    X(const char *, errmsg, (void))                                                                  \
    X(int32_t, abi_version, (void))                                                                  \
    X(const char *, version, (void))                                                                 \
    X(int32_t, shutdown, (void))                                                                     \
    X(int32_t, stats, (int64_t *, int64_t *))                                                        \
    X(int32_t, create, (int32_t, sgcws_handle *))                                                    \
    X(int32_t, destroy, (sgcws_handle))                                                              \
    X(int32_t, kind, (sgcws_handle, int32_t *))                                                      \
    X(int32_t, set_bool, (sgcws_handle, const char *, int32_t))                                      \
    X(int32_t, set_int, (sgcws_handle, const char *, int64_t))                                       \
    X(int32_t, set_str, (sgcws_handle, const char *, const char *, int32_t))                         \
    X(int32_t, get_bool, (sgcws_handle, const char *, int32_t *))                                    \
    X(int32_t, get_int, (sgcws_handle, const char *, int64_t *))                                     \
    X(int32_t, get_str, (sgcws_handle, const char *, char *, int32_t, int32_t *))                    \
    X(int32_t, properties, (int32_t, char *, int32_t, int32_t *))                                    \
    X(int32_t, connect, (sgcws_handle, int32_t))                                                     \
    X(int32_t, disconnect_wait, (sgcws_handle, int32_t))                                             \
    X(int32_t, start, (sgcws_handle))                                                                \
    X(int32_t, stop, (sgcws_handle))                                                                 \
    X(int32_t, write, (sgcws_handle, int32_t, const void *, int64_t, int32_t))                       \
    X(int32_t, write_to, (sgcws_handle, const char *, int32_t, const void *, int64_t))               \
    X(int32_t, broadcast,                                                                            \
      (sgcws_handle, int32_t, const void *, int64_t, const char *, const char *, const char *,       \
       const char *))                                                                                \
    X(int32_t, ping, (sgcws_handle, const void *, int32_t))                                          \
    X(int32_t, close, (sgcws_handle, int32_t))                                                       \
    X(int32_t, drop, (sgcws_handle, int32_t))                                                        \
    X(int32_t, subscribe, (sgcws_handle, const char *))                                              \
    X(int32_t, unsubscribe, (sgcws_handle, const char *))                                            \
    X(int32_t, subscribed, (sgcws_handle, const char *, int32_t *))                                  \
    X(int32_t, connections, (sgcws_handle, sgcws_handle *, int32_t, int32_t *))                      \
    X(int32_t, find_connection, (sgcws_handle, const char *, sgcws_handle *))                        \
    X(int32_t, set_data, (sgcws_handle, void *))                                                     \
    X(int32_t, get_data, (sgcws_handle, void **))                                                    \
    X(int32_t, set_callback, (sgcws_handle, sgcws_event_cb, void *))                                 \
    X(int32_t, set_wake, (sgcws_handle, sgcws_wake_cb, void *))                                      \
    X(int32_t, poll, (sgcws_handle, const sgcws_event **, int32_t, int32_t, int32_t *))              \
    X(int32_t, release, (sgcws_handle))                                                              \
    X(int32_t, done, (sgcws_handle))                                                                 \
    X(int32_t, waitable, (sgcws_handle, intptr_t *))                                                 \
    X(int32_t, detach, (sgcws_handle))                                                              \
    X(int32_t, invoke, (sgcws_handle, const char *, const sgcws_value *, int32_t, sgcws_value *))    \
    X(int32_t, args, (sgcws_handle, sgcws_value *, int32_t, int32_t *))                              \
    X(int32_t, describe, (int32_t, char *, int32_t, int32_t *))

namespace detail {

#define SGCWS_CPP_FIELD(ret, name, params) ret(SGCWS_CALL *name) params = nullptr;
struct Api {
    SGCWS_CPP_FUNCTIONS(SGCWS_CPP_FIELD)
    std::string path;  // where it was loaded from ("(import library)" when linked)
};
#undef SGCWS_CPP_FIELD

// A tiny lock: only taken while loading (std::mutex is missing from mingw-w64's win32 thread model).
class SpinLock {
public:
    void lock() noexcept {
        while (f_.test_and_set(std::memory_order_acquire)) {
        }
    }
    void unlock() noexcept { f_.clear(std::memory_order_release); }

private:
    std::atomic_flag f_ = ATOMIC_FLAG_INIT;
};
struct SpinGuard {
    explicit SpinGuard(SpinLock &l) : l_(l) { l_.lock(); }
    ~SpinGuard() { l_.unlock(); }
    SpinGuard(const SpinGuard &) = delete;
    SpinGuard &operator=(const SpinGuard &) = delete;
    SpinLock &l_;
};

struct LoaderState {
    SpinLock mu;
    std::string path;                 // requested path, empty = default
    std::atomic<const Api *> api{nullptr};
};

inline LoaderState &loader() {
    static LoaderState s;  // never destroyed before late library threads are done with it: Api is leaked
    return s;
}

inline std::string defaultLibraryPath() {
    if (const char *env = std::getenv("SGCWS_LIB")) {
        if (*env) return env;
    }
#if defined(_WIN32)
    return "sgcws.dll";
#elif defined(__APPLE__)
    return "libsgcws.dylib";
#else
    return "libsgcws.so";
#endif
}

#if !defined(SGCWS_LINK_STATIC_IMPORTS)
#if defined(_WIN32)
inline std::wstring widen(const std::string &s) {
    if (s.empty()) return std::wstring();
    int n = MultiByteToWideChar(CP_UTF8, 0, s.data(), (int)s.size(), nullptr, 0);
    std::wstring w((size_t)n, L'\0');
    MultiByteToWideChar(CP_UTF8, 0, s.data(), (int)s.size(), &w[0], n);
    return w;
}
inline void *openLibrary(const std::string &path, std::string &why) {
    HMODULE m = LoadLibraryW(widen(path).c_str());
    if (!m) why = "LoadLibraryW failed, GetLastError " + std::to_string((unsigned long)GetLastError());
    return (void *)m;
}
inline void *findSymbol(void *lib, const char *name) {
    return (void *)GetProcAddress((HMODULE)lib, name);
}
#else
inline void *openLibrary(const std::string &path, std::string &why) {
    void *h = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        const char *e = dlerror();
        why = e ? e : "dlopen failed";
    }
    return h;
}
inline void *findSymbol(void *lib, const char *name) { return dlsym(lib, name); }
#endif
#endif

inline void checkAbi(const std::string &path, int32_t v) {
    if (v != SGCWS_ABI_VERSION)
        throw MakeError(SGCWS_E_UNSUPPORTED, path + " has ABI version " + std::to_string(v) +
                                                 ", this sgcws.h/sgcws.hpp expects " +
                                                 std::to_string(SGCWS_ABI_VERSION));
}

/// Loads (once) and returns the function table. Throws Error(SGCWS_E_UNSUPPORTED) when the library cannot
/// be loaded, lacks a function or has another ABI version (the message names the path and versions).
inline const Api &api() {
    LoaderState &st = loader();
    const Api *a = st.api.load(std::memory_order_acquire);
    if (a) return *a;
    SpinGuard lock(st.mu);
    a = st.api.load(std::memory_order_acquire);
    if (a) return *a;
    std::unique_ptr<Api> t(new Api());
#if defined(SGCWS_LINK_STATIC_IMPORTS)
#define SGCWS_CPP_BIND(ret, name, params) t->name = &::sgcws_##name;
    SGCWS_CPP_FUNCTIONS(SGCWS_CPP_BIND)
#undef SGCWS_CPP_BIND
    t->path = "(import library)";
#else
    t->path = st.path.empty() ? defaultLibraryPath() : st.path;
    std::string why;
    void *lib = openLibrary(t->path, why);  // never closed: a Go runtime cannot be unloaded
    if (!lib) throw MakeError(SGCWS_E_UNSUPPORTED, "cannot load " + t->path + ": " + why);
    // the version first: a library of another ABI may lack functions this header knows
    t->abi_version = reinterpret_cast<int32_t(SGCWS_CALL *)(void)>(findSymbol(lib, "sgcws_abi_version"));
    if (!t->abi_version) throw MakeError(SGCWS_E_UNSUPPORTED, t->path + " is not an sgcws library (no sgcws_abi_version)");
    checkAbi(t->path, t->abi_version());
#define SGCWS_CPP_BIND(ret, name, params)                                                        \
    t->name = reinterpret_cast<ret(SGCWS_CALL *) params>(findSymbol(lib, "sgcws_" #name));        \
    if (!t->name) throw MakeError(SGCWS_E_UNSUPPORTED, t->path + " does not export sgcws_" #name);
    SGCWS_CPP_FUNCTIONS(SGCWS_CPP_BIND)
#undef SGCWS_CPP_BIND
#endif
#if defined(SGCWS_LINK_STATIC_IMPORTS)
    checkAbi(t->path, t->abi_version());
#endif
    a = t.release();  // leaked on purpose: the library is never unloaded
    st.api.store(a, std::memory_order_release);
    return *a;
}

/// Turns a status code into an Error with the calling thread's last message.
[[noreturn]] inline void fail(int32_t rc, const char *what) {
    const Api &a = api();
    const char *m = a.errmsg();
    std::string msg = (m && *m) ? std::string(m) : std::string(a.errstr(rc));
    std::string s = "sgcws: ";
    if (what && *what) {
        s += what;
        s += ": ";
    }
    s += msg;
    s += " [";
    s += CodeName(rc);
    s += "]";
    throw Error(rc, s);
}

inline void check(int32_t rc, const char *what = nullptr) {
    if (rc != SGCWS_OK) fail(rc, what);
}

inline std::string getStr(sgcws_handle h, const char *name) {
    const Api &a = api();
    char buf[256];
    int32_t len = 0;
    int32_t rc = a.get_str(h, name, buf, (int32_t)sizeof buf, &len);
    if (rc == SGCWS_OK) return std::string(buf, (size_t)len);
    while (rc == SGCWS_E_BUFFER) {
        std::string s((size_t)len + 1, '\0');
        rc = a.get_str(h, name, &s[0], (int32_t)s.size(), &len);
        if (rc == SGCWS_OK) {
            s.resize((size_t)len);
            return s;
        }
    }
    fail(rc, name);
}
inline int64_t getInt(sgcws_handle h, const char *name) {
    int64_t v = 0;
    check(api().get_int(h, name, &v), name);
    return v;
}
inline bool getBool(sgcws_handle h, const char *name) {
    int32_t v = 0;
    check(api().get_bool(h, name, &v), name);
    return v != 0;
}
inline void setStr(sgcws_handle h, const char *name, const std::string &v) {
    if (v.size() > 0x7fffffffu) throw MakeError(SGCWS_E_ARG, std::string("value of ") + name + " too long");
    check(api().set_str(h, name, v.data(), (int32_t)v.size()), name);
}
inline void setInt(sgcws_handle h, const char *name, int64_t v) { check(api().set_int(h, name, v), name); }
inline void setBool(sgcws_handle h, const char *name, bool v) { check(api().set_bool(h, name, v ? 1 : 0), name); }

inline std::vector<std::string> splitLines(const std::string &s) {
    std::vector<std::string> out;
    size_t i = 0;
    while (i < s.size()) {
        size_t j = s.find('\n', i);
        if (j == std::string::npos) j = s.size();
        size_t e = j;
        if (e > i && s[e - 1] == '\r') --e;
        out.emplace_back(s, i, e - i);
        i = j + 1;
    }
    return out;
}
inline std::string joinLines(const std::vector<std::string> &v) {
    std::string s;
    for (size_t i = 0; i < v.size(); ++i) {
        if (i) s += '\n';
        s += v[i];
    }
    return s;
}

/// One event slot: a handler that can be (re)assigned while library threads read it.
template <class Sig>
class Slot {
public:
    using Fn = std::function<Sig>;
    void set(Fn f) {
        std::shared_ptr<const Fn> p;
        if (f) p = std::make_shared<const Fn>(std::move(f));
#if __cplusplus >= 202002L && defined(__cpp_lib_atomic_shared_ptr)
        fn_.store(std::move(p));
#else
        std::atomic_store(&fn_, std::move(p));
#endif
    }
    std::shared_ptr<const Fn> get() const {
#if __cplusplus >= 202002L && defined(__cpp_lib_atomic_shared_ptr)
        return fn_.load();
#else
        return std::atomic_load(&fn_);
#endif
    }

private:
#if __cplusplus >= 202002L && defined(__cpp_lib_atomic_shared_ptr)
    std::atomic<std::shared_ptr<const Fn>> fn_;
#else
    std::shared_ptr<const Fn> fn_;
#endif
};

}  // namespace detail

/// Loads the library from this path on first use (before any other call). Throws Error(SGCWS_E_STATE) if
/// the library is already loaded from elsewhere.
inline void SetLibraryPath(const std::string &path) {
    detail::LoaderState &st = detail::loader();
    detail::SpinGuard lock(st.mu);
    const detail::Api *a = st.api.load();
    if (a && a->path != path)
        throw MakeError(SGCWS_E_STATE, "library already loaded from " + a->path + ", cannot switch to " + path);
    st.path = path;
}
/// Loads the library now (optional; everything loads it on first use). Returns the path it was loaded from.
inline std::string LoadLibraryNow() { return detail::api().path; }
/// The library version ("major.minor.patch").
inline std::string Version() { return detail::api().version(); }
/// The loaded library's ABI version.
inline int AbiVersion() { return detail::api().abi_version(); }
/// Stops everything in the library (every component); afterwards objects only throw SGCWS_E_SHUTDOWN.
inline void Shutdown() { detail::check(detail::api().shutdown(), "Shutdown"); }
/// Live handles and library goroutines (leak checks).
inline void Stats(int64_t &handles, int64_t &goroutines) {
    detail::check(detail::api().stats(&handles, &goroutines), "Stats");
}

/// An event member: assign a callable (lambda, std::function, free function) or nullptr.
template <class Sig>
class EventProperty {
public:
    /// onAssign(assigned) runs after a handler is set and before one is removed (a registered decision
    /// event switches "Events.<Name>" with it, so the engine asks only while someone answers).
    explicit EventProperty(std::shared_ptr<detail::Slot<Sig>> s, std::function<void(bool)> onAssign = {})
        : s_(std::move(s)), onAssign_(std::move(onAssign)) {}
    EventProperty(const EventProperty &) = delete;
    EventProperty &operator=(const EventProperty &) = delete;
    EventProperty(EventProperty &&) noexcept = default;
    EventProperty &operator=(EventProperty &&) noexcept = default;

    template <class F, class = std::enable_if_t<!std::is_same<std::decay_t<F>, EventProperty>::value &&
                                                !std::is_same<std::decay_t<F>, std::nullptr_t>::value>>
    EventProperty &operator=(F &&f) {
        std::function<Sig> fn(std::forward<F>(f));
        detail::Slot<Sig> &s = slot();
        bool on = (bool)fn;
        if (!on && onAssign_) onAssign_(false);
        s.set(std::move(fn));
        if (on && onAssign_) onAssign_(true);
        return *this;
    }
    EventProperty &operator=(std::nullptr_t) { return *this = std::function<Sig>(); }
    explicit operator bool() const { return s_ && s_->get() != nullptr; }

private:
    detail::Slot<Sig> &slot() {
        if (!s_) throw MakeError(SGCWS_E_HANDLE, "event assigned on a moved-from object");
        return *s_;
    }
    std::shared_ptr<detail::Slot<Sig>> s_;
    std::function<void(bool)> onAssign_;
};

// ------------------------------------------------------------------------------------------------
// Enumerations and small value types
// ------------------------------------------------------------------------------------------------

using TBytes = std::vector<uint8_t>;
using TStrings = std::vector<std::string>;  // a Strings property (the manual's TStrings), one item per line
using THeaders = TStrings;

class TsgcWSComponent;
class TsgcWSConnection;

namespace detail {

/// The names of an enumeration's values in ordinal order (sgcws_builtin.hpp specialises it).
template <class E>
struct EnumTraits;

/// Typed properties by name, one specialisation per C++ type a property has. Enumerations go by
/// ordinal (the C ABI accepts both the ordinal and the value name).
template <class T, class = void>
struct PropType;
template <>
struct PropType<bool> {
    static bool get(sgcws_handle h, const char *n) { return getBool(h, n); }
    static void set(sgcws_handle h, const char *n, bool v) { setBool(h, n, v); }
};
template <>
struct PropType<int64_t> {
    static int64_t get(sgcws_handle h, const char *n) { return getInt(h, n); }
    static void set(sgcws_handle h, const char *n, int64_t v) { setInt(h, n, v); }
};
template <>
struct PropType<sgcws_handle> {  // a component-typed property holds the component's handle
    static sgcws_handle get(sgcws_handle h, const char *n) { return (sgcws_handle)getInt(h, n); }
    static void set(sgcws_handle h, const char *n, sgcws_handle v) { setInt(h, n, (int64_t)v); }
};
template <>
struct PropType<std::string> {
    static std::string get(sgcws_handle h, const char *n) { return getStr(h, n); }
    static void set(sgcws_handle h, const char *n, const std::string &v) { setStr(h, n, v); }
};
template <>
struct PropType<TStrings> {
    static TStrings get(sgcws_handle h, const char *n) { return splitLines(getStr(h, n)); }
    static void set(sgcws_handle h, const char *n, const TStrings &v) { setStr(h, n, joinLines(v)); }
};
template <class E>
struct PropType<E, std::enable_if_t<std::is_enum<E>::value>> {
    static E get(sgcws_handle h, const char *n) { return (E)getInt(h, n); }
    static void set(sgcws_handle h, const char *n, E v) { setInt(h, n, (int64_t)v); }
};
template <class T>
T get(sgcws_handle h, const std::string &name) {
    return PropType<T>::get(h, name.c_str());
}
template <class T>
void set(sgcws_handle h, const std::string &name, const T &v) {
    PropType<T>::set(h, name.c_str(), v);
}

/// The checked handle of an object (throws for a moved-from component or an empty connection).
sgcws_handle handleOf(const TsgcWSComponent &c);
sgcws_handle handleOf(const TsgcWSConnection &c);
/// A component-typed property's value: the component's handle, 0 for none.
sgcws_handle handleOf(const TsgcWSComponent *c);

}  // namespace detail

// Typed accessors are getter/setter pairs: X() / setX(v) and GetX() / SetX(v); with C++Builder X is a
// __property. A component-typed property (a protocol's Server or Client) is set with the component (or
// nullptr) and reads as its handle.
#if defined(__BORLANDC__)
#define SGCWS_CPP_PROPERTY(T, Name)                                                              \
    __property T Name = {read = Get##Name, write = Set##Name};
#define SGCWS_CPP_PROPERTY_RO(T, Name) __property T Name = {read = Get##Name};
#define SGCWS_CPP_REF(T, Name) __property const T *Name = {write = Set##Name};
#define SGCWS_CPP_INDEXED(T, Name) __property T Name[int Index] = {read = Get##Name};
#else
#define SGCWS_CPP_PROPERTY(T, Name)                                                              \
    T Name() const { return Get##Name(); }                                                       \
    void set##Name(const T &v) { Set##Name(v); }
#define SGCWS_CPP_PROPERTY_RO(T, Name)                                                           \
    T Name() const { return Get##Name(); }
#define SGCWS_CPP_REF(T, Name)                                                                   \
    sgcws_handle Name() const { return Get##Name(); }                                            \
    void set##Name(const T &v) { Set##Name(v); }                                                 \
    void set##Name(const T *v) { Set##Name(v); }
#define SGCWS_CPP_INDEXED(T, Name)                                                               \
    const T &Name(int i) const { return Get##Name(i); }
#endif

}  // namespace sgcws

#include "sgcws_builtin.hpp"  // generated: the enumerations and the built-in components' properties

namespace sgcws {

/// The manual's name of an enumeration value ("neNoSync"), "" when out of range.
template <class E>
const char *EnumName(E v) {
    const auto &names = detail::EnumTraits<E>::names;
    size_t i = (size_t)v;
    return i < sizeof names / sizeof names[0] ? names[i] : "";
}
inline const char *NotifyEventName(TwsNotifyEvent e) { return EnumName(e); }

// ------------------------------------------------------------------------------------------------
// TsgcWSConnection
// ------------------------------------------------------------------------------------------------

/// A view over a connection handle: valid from its OnConnect until its OnDisconnect has been handled;
/// afterwards every call throws Error(SGCWS_E_HANDLE) (never a crash). Cheap to copy.
class TsgcWSConnection : public detail::TsgcWSConnection_Properties<TsgcWSConnection> {
public:
    TsgcWSConnection() = default;
    explicit TsgcWSConnection(sgcws_handle h) : h_(h) {}

    sgcws_handle Handle() const { return h_; }
    explicit operator bool() const { return h_ != 0; }

    // properties (by name)
    std::string GetStr(const std::string &name) const { return detail::getStr(need(), name.c_str()); }
    int64_t GetInt(const std::string &name) const { return detail::getInt(need(), name.c_str()); }
    bool GetBool(const std::string &name) const { return detail::getBool(need(), name.c_str()); }

    // Guid, IP, Port, URL, Protocol, HeadersRequest, Connected, BufferedAmount, ...: generated, in
    // TsgcWSConnection_Properties (sgcws_builtin.hpp).

    /// The manual's Connection.Data: a host pointer copied into every later event of this connection.
    void *Data() const {
        void *p = nullptr;
        detail::check(detail::api().get_data(need(), &p), "Data");
        return p;
    }
    void SetData(void *p) const { detail::check(detail::api().set_data(need(), p), "Data"); }

    void WriteData(const std::string &text) const { write(SGCWS_TEXT, text.data(), text.size(), 0); }
    void WriteData(const char *text) const { WriteData(std::string(text ? text : "")); }
    void WriteData(const TBytes &bytes, int fragmentSize = 0) const {
        write(SGCWS_BINARY, bytes.data(), bytes.size(), fragmentSize);
    }
    void WriteData(const void *data, size_t size, int fragmentSize = 0) const {
        write(SGCWS_BINARY, data, size, fragmentSize);
    }
    void Ping(const std::string &text = std::string()) const {
        detail::check(detail::api().ping(need(), text.data(), (int32_t)text.size()), "Ping");
    }
    /// WebSocket close handshake with this code.
    void Close(int code = 1000) const { detail::check(detail::api().close(need(), code), "Close"); }
    /// Drops the connection now; OnDisconnect reports `code`.
    void Disconnect(int code = 1000) const { detail::check(detail::api().drop(need(), code), "Disconnect"); }

    void Subscribe(const std::string &channel) const {
        detail::check(detail::api().subscribe(need(), channel.c_str()), "Subscribe");
    }
    void UnSubscribe(const std::string &channel) const {
        detail::check(detail::api().unsubscribe(need(), channel.c_str()), "UnSubscribe");
    }
    bool Subscribed(const std::string &channel) const {
        int32_t r = 0;
        detail::check(detail::api().subscribed(need(), channel.c_str(), &r), "Subscribed");
        return r != 0;
    }

private:
    friend sgcws_handle detail::handleOf(const TsgcWSConnection &);
    sgcws_handle need() const {
        if (!h_) throw MakeError(SGCWS_E_HANDLE, "no connection (this event has none)");
        return h_;
    }
    void write(int32_t type, const void *data, size_t len, int frag) const {
        detail::check(detail::api().write(need(), type, data, (int64_t)len, frag), "WriteData");
    }
    sgcws_handle h_ = 0;
};

// ------------------------------------------------------------------------------------------------
// HTTP request / response (OnCommandGet, OnCommandOther)
// ------------------------------------------------------------------------------------------------

struct THTTPRequestInfo {
    std::string Command, Document, QueryParams, Version, ContentText, ContentType, RemoteIP, Host,
        AuthUsername, AuthPassword;
    int RemotePort = 0;
    THeaders Headers;
};

/// What the handler answers. Only the fields the handler changed are sent back, so a handler that
/// leaves it untouched gets the server's default handling (DocumentRoot, 404).
struct THTTPResponseInfo {
    int ResponseNo = 200;
    std::string ContentText, ContentType, FileName, AuthRealm;
    THeaders CustomHeaders;
};

// ------------------------------------------------------------------------------------------------
// Value objects of registered events (TsgcWSPresenceMember, ...): generated structs
// ------------------------------------------------------------------------------------------------

namespace detail {
struct ObjectListTag {};
}  // namespace detail

/// The base of the generated object lists (TsgcWSPresenceMemberList): a std::vector, with the manual's
/// Count; the generated class adds the manual's indexed accessor (Member[i]).
template <class T>
class TObjectList : public std::vector<T>, public detail::ObjectListTag {
public:
    int GetCount() const { return (int)this->size(); }
    SGCWS_CPP_PROPERTY_RO(int, Count)
};

// ------------------------------------------------------------------------------------------------
// The core: what the library's callbacks point to
// ------------------------------------------------------------------------------------------------

using OnConnectFn = void(TsgcWSConnection &);
using OnDisconnectFn = void(TsgcWSConnection &, int code);
using OnMessageFn = void(TsgcWSConnection &, const std::string &text);
using OnBinaryFn = void(TsgcWSConnection &, const TBytes &data);
/// data = one fragment; offset = bytes of the message before it; final = last fragment.
using OnFragmentedFn = void(TsgcWSConnection &, const TBytes &data, bool binary, bool final, int64_t offset);
using OnErrorFn = void(TsgcWSConnection &, const std::string &error);
using OnExceptionFn = void(TsgcWSConnection &, const std::exception &e);
using OnHandshakeFn = void(TsgcWSConnection &, THeaders &headers);
using OnAuthenticationFn = void(TsgcWSConnection &, const std::string &user, const std::string &password,
                                bool &authenticated);
using OnUnknownProtocolFn = void(TsgcWSConnection &, bool &accept);
using OnNotifyFn = void();
using OnCommandFn = void(TsgcWSConnection &, const THTTPRequestInfo &request, THTTPResponseInfo &response);

namespace detail {

// ---- the generic path: method arguments, results and registered events' arguments ----

/// One C++ type as an sgcws_value: its SGCWS_T_* code, which codes it accepts (the library's own
/// lossless conversions), how it is read, written into a value and answered to a var argument.
template <class T, class = void>
struct ValueType;
template <>
struct ValueType<bool> {
    static constexpr int32_t code = SGCWS_T_BOOL;
    static bool accepts(int32_t t) { return t == SGCWS_T_BOOL; }
    static bool from(const sgcws_value &v) { return v.i != 0; }
    static void into(sgcws_value &x, bool v) { x.i = v ? 1 : 0; }
    static void answer(sgcws_handle h, const char *n, bool v) { setBool(h, n, v); }
};
template <>
struct ValueType<int64_t> {
    static constexpr int32_t code = SGCWS_T_INT;
    static bool accepts(int32_t t) { return t == SGCWS_T_INT || t == SGCWS_T_HANDLE; }
    static int64_t from(const sgcws_value &v) { return v.i; }
    static void into(sgcws_value &x, int64_t v) { x.i = v; }
    static void answer(sgcws_handle h, const char *n, int64_t v) { setInt(h, n, v); }
};
template <>
struct ValueType<sgcws_handle> {
    static constexpr int32_t code = SGCWS_T_HANDLE;
    static bool accepts(int32_t t) { return t == SGCWS_T_INT || t == SGCWS_T_HANDLE; }
    static sgcws_handle from(const sgcws_value &v) { return (sgcws_handle)v.i; }
    static void into(sgcws_value &x, sgcws_handle v) { x.i = (int64_t)v; }
    static void answer(sgcws_handle h, const char *n, sgcws_handle v) { setInt(h, n, (int64_t)v); }
};
template <class E>
struct ValueType<E, std::enable_if_t<std::is_enum<E>::value>> {
    static constexpr int32_t code = SGCWS_T_INT;
    static bool accepts(int32_t t) { return t == SGCWS_T_INT; }
    static E from(const sgcws_value &v) { return (E)v.i; }
    static void into(sgcws_value &x, E v) { x.i = (int64_t)v; }
    static void answer(sgcws_handle h, const char *n, E v) { setInt(h, n, (int64_t)v); }
};
template <>
struct ValueType<double> {  // no answer: sgcws.h cannot set a Double (the generator refuses var Doubles)
    static constexpr int32_t code = SGCWS_T_DOUBLE;
    static bool accepts(int32_t t) { return t == SGCWS_T_DOUBLE || t == SGCWS_T_INT; }
    static double from(const sgcws_value &v) { return v.type == SGCWS_T_INT ? (double)v.i : v.d; }
    static void into(sgcws_value &x, double v) { x.d = v; }
};
/// Text and bytes: the value points into the caller's object (the library copies it during the call).
template <class T>
struct DataType {
    static bool accepts(int32_t t) { return t == SGCWS_T_STRING || t == SGCWS_T_BYTES; }
    static T from(const sgcws_value &v) {
        const char *p = v.data ? v.data : "";
        return T(p, p + (v.len > 0 ? v.len : 0));
    }
    static void into(sgcws_value &x, const T &v) {
        x.data = reinterpret_cast<const char *>(v.data());
        x.len = (int64_t)v.size();
    }
    static void answer(sgcws_handle h, const char *n, const T &v) {
        if (v.size() > 0x7fffffffu) throw MakeError(SGCWS_E_ARG, std::string("value of ") + n + " too long");
        check(api().set_str(h, n, reinterpret_cast<const char *>(v.data()), (int32_t)v.size()), n);
    }
};
template <>
struct ValueType<std::string> : DataType<std::string> {
    static constexpr int32_t code = SGCWS_T_STRING;
};
template <>
struct ValueType<TBytes> : DataType<TBytes> {
    static constexpr int32_t code = SGCWS_T_BYTES;
};

/// A generated value object's fields in the registry's order: `static constexpr auto members =
/// std::make_tuple(&T::Field, ...)`, specialised in sgcws_components.hpp.
template <class T>
struct ObjectFields;
template <class T, class = void>
struct IsObject : std::false_type {};
template <class T>
struct IsObject<T, std::void_t<decltype(ObjectFields<T>::members)>> : std::true_type {};

/// The next TAB-separated field of an object's text, unescaped (\t \n \r \\, as the registry escapes).
inline std::string nextField(const char *&p, const char *end) {
    std::string f;
    for (; p < end && *p != '\t'; ++p) {
        if (*p != '\\' || p + 1 == end) {
            f += *p;
            continue;
        }
        char c = *++p;
        f += c == 't' ? '\t' : c == 'n' ? '\n' : c == 'r' ? '\r' : c;
    }
    if (p < end) ++p;  // the TAB
    return f;
}
inline void readField(std::string &f, std::string text) { f = std::move(text); }
inline void readField(bool &f, const std::string &text) { f = text == "True"; }
template <class T, class = std::enable_if_t<std::is_same<T, int64_t>::value || std::is_enum<T>::value>>
void readField(T &f, const std::string &text) {
    if (text.empty()) return;  // a missing field keeps its zero value
    char *end = nullptr;
    long long v = std::strtoll(text.c_str(), &end, 10);
    if (*end) throw MakeError(SGCWS_E_TYPE, "object field \"" + text + "\" is not an integer");
    f = (T)v;
}
/// One object from its line: fields in declared order; missing ones keep their zero value.
template <class T>
T decodeObject(const char *p, const char *end) {
    T o{};
    std::apply([&](auto... field) { (readField(o.*field, nextField(p, end)), ...); }, ObjectFields<T>::members);
    return o;
}

template <class T>
struct ValueType<T, std::enable_if_t<IsObject<T>::value>> {  // decoded, never answered
    static constexpr int32_t code = SGCWS_T_STRING;
    static bool accepts(int32_t t) { return t == SGCWS_T_STRING; }
    static T from(const sgcws_value &v) {
        const char *p = v.data ? v.data : "";
        return decodeObject<T>(p, p + (v.len > 0 ? v.len : 0));
    }
};
template <class L>
struct ValueType<L, std::enable_if_t<std::is_base_of<ObjectListTag, L>::value>> {  // one object per line
    static constexpr int32_t code = SGCWS_T_STRING;
    static bool accepts(int32_t t) { return t == SGCWS_T_STRING; }
    static L from(const sgcws_value &v) {
        L list;
        const char *p = v.data ? v.data : "", *end = p + (v.len > 0 ? v.len : 0);
        while (p < end) {
            const char *eol = std::find(p, end, '\n');
            list.push_back(decodeObject<typename L::value_type>(p, eol));
            p = eol + (eol < end);
        }
        return list;
    }
};

/// A method argument.
template <class T>
sgcws_value arg(const T &v) {
    sgcws_value x{};
    x.type = ValueType<T>::code;
    ValueType<T>::into(x, v);
    return x;
}
/// A method result or an event argument, converted at once (its data lives only until this thread's
/// next sgcws_invoke / sgcws_args).
template <class T>
T result(const sgcws_value &v, const char *what) {
    if (!ValueType<T>::accepts(v.type))
        throw MakeError(SGCWS_E_TYPE, std::string(what) + ": the library sent type " + std::to_string(v.type) +
                                          ", this header expects " + std::to_string(ValueType<T>::code) +
                                          " (see CheckComponents)");
    return ValueType<T>::from(v);
}

/// One argument of a registered event as the generated class names it: the registry's name, and
/// whether it is a var argument, whose value the handler leaves is the answer. (A Pascal var the
/// library does not read back is a non-const reference in the signature too, but no answer.)
struct EventArg {
    EventArg(const char *n) : name(n) {}  // implicit: most arguments are just their name
    const char *name;
    bool answered = false;
};
using EventArgNames = std::vector<EventArg>;

/// Whether a C++ type can be answered to a var argument (objects and Doubles cannot).
template <class T, class = void>
struct Answerable : std::false_type {};
template <class T>
struct Answerable<T, std::void_t<decltype(ValueType<T>::answer(sgcws_handle(), "", std::declval<const T &>()))>>
    : std::true_type {};

/// The arguments of one registered event: read all at once, handed to the handler, and the var ones
/// answered back by name.
template <class... B>
struct EventArgs {
    std::tuple<std::decay_t<B>...> values;

    void read(sgcws_handle args, const EventArgNames &names) {
        constexpr int32_t n = (int32_t)sizeof...(B);
        sgcws_value raw[sizeof...(B) + 1] = {};
        int32_t count = 0;
        int32_t rc = api().args(args, raw, n, &count);
        if (rc == SGCWS_E_BUFFER || (rc == SGCWS_OK && count != n))
            throw MakeError(SGCWS_E_UNSUPPORTED, "the library raised an event with " + std::to_string(count) +
                                                     " arguments, this header expects " + std::to_string(n) +
                                                     " (see CheckComponents)");
        check(rc, "event arguments");
        readAll(raw, names, std::index_sequence_for<B...>{});
    }
    void answer(sgcws_handle args, const EventArgNames &names) {
        answerAll(args, names, std::index_sequence_for<B...>{});
    }

private:
    template <size_t... I>
    void readAll(const sgcws_value *raw, const EventArgNames &names, std::index_sequence<I...>) {
        ((std::get<I>(values) = result<std::decay_t<B>>(raw[I], names[I].name)), ...);
        (void)raw, (void)names;
    }
    template <size_t... I>
    void answerAll(sgcws_handle args, const EventArgNames &names, std::index_sequence<I...>) {
        (answerOne<B>(args, names[I], std::get<I>(values)), ...);
        (void)args, (void)names;
    }
    template <class A, class T>
    static void answerOne(sgcws_handle h, const EventArg &arg, const T &v) {
        if constexpr (std::is_lvalue_reference<A>::value && !std::is_const<std::remove_reference_t<A>>::value &&
                      Answerable<T>::value)
            if (arg.answered) ValueType<T>::answer(h, arg.name, v);
    }
};

/// A handler signature's shape: with or without the connection first.
template <class Sig>
struct EventShape;
template <class... B>
struct EventShape<void(B...)> {
    static constexpr bool conn = false;
    using Args = EventArgs<B...>;
};
template <class... B>
struct EventShape<void(TsgcWSConnection &, B...)> {
    static constexpr bool conn = true;
    using Args = EventArgs<B...>;
};

/// A registered event (kind >= 100) as the core dispatches it.
struct RegisteredEvent {
    virtual ~RegisteredEvent() = default;
    virtual void dispatch(TsgcWSConnection &conn, const sgcws_event *ev, const std::atomic<bool> &orphaned) const = 0;
};

/// The slot of a registered event: the handler, and how to unpack the event's arguments for it.
template <class Sig>
class ArgsSlot final : public Slot<Sig>, public RegisteredEvent {
public:
    explicit ArgsSlot(EventArgNames names) : names_(std::move(names)) {}
    void dispatch(TsgcWSConnection &conn, const sgcws_event *ev, const std::atomic<bool> &orphaned) const override {
        auto f = this->get();
        if (!f || !ev->args) return;
        typename EventShape<Sig>::Args a;
        a.read(ev->args, names_);
        std::apply(
            [&](auto &...v) {
                if constexpr (EventShape<Sig>::conn)
                    (*f)(conn, v...);
                else
                    (*f)(v...);
            },
            a.values);
        if (!orphaned.load()) a.answer(ev->args, names_);  // a handler that destroyed its component answers nothing
    }

private:
    EventArgNames names_;  // the registry's argument names, in order (string literals)
};

struct Core {
    sgcws_handle h = 0;
    int kind = 0;
    std::atomic<bool> orphaned{false};
    // The registered events of a generated class by kind. Filled by its constructor, before any event
    // can be dispatched: a new component delivers in neAsynchronous, to ProcessEvents on the host's thread.
    std::vector<std::pair<int32_t, std::shared_ptr<RegisteredEvent>>> registered;

#define SGCWS_CPP_SLOT(name, sig) std::shared_ptr<Slot<sig>> name = std::make_shared<Slot<sig>>();
    SGCWS_CPP_SLOT(onConnect, OnConnectFn)
    SGCWS_CPP_SLOT(onDisconnect, OnDisconnectFn)
    SGCWS_CPP_SLOT(onMessage, OnMessageFn)
    SGCWS_CPP_SLOT(onBinary, OnBinaryFn)
    SGCWS_CPP_SLOT(onFragmented, OnFragmentedFn)
    SGCWS_CPP_SLOT(onError, OnErrorFn)
    SGCWS_CPP_SLOT(onException, OnExceptionFn)
    SGCWS_CPP_SLOT(onHandshake, OnHandshakeFn)
    SGCWS_CPP_SLOT(onAuthentication, OnAuthenticationFn)
    SGCWS_CPP_SLOT(onUnknownProtocol, OnUnknownProtocolFn)
    SGCWS_CPP_SLOT(onStartup, OnNotifyFn)
    SGCWS_CPP_SLOT(onShutdown, OnNotifyFn)
    SGCWS_CPP_SLOT(onCommandGet, OnCommandFn)
    SGCWS_CPP_SLOT(onCommandOther, OnCommandFn)
    SGCWS_CPP_SLOT(onEventsAvailable, OnNotifyFn)
#undef SGCWS_CPP_SLOT
};

/// The dispatch frames running on this thread (to recognise "destroyed from inside its own handler").
struct Frame {
    Core *core;
    Frame *prev;
};
inline Frame *&topFrame() {
    static thread_local Frame *top = nullptr;
    return top;
}
inline bool inDispatch(const Core *c) {
    for (Frame *f = topFrame(); f; f = f->prev)
        if (f->core == c) return true;
    return false;
}
struct FrameGuard {
    Frame f;
    explicit FrameGuard(Core *c) : f{c, topFrame()} { topFrame() = &f; }
    ~FrameGuard() { topFrame() = f.prev; }
    FrameGuard(const FrameGuard &) = delete;
    FrameGuard &operator=(const FrameGuard &) = delete;
};
/// After a dispatch frame ended: frees a core whose owner was destroyed inside the handler.
inline void reapIfOrphaned(Core *c) {
    if (c->orphaned.load() && !inDispatch(c)) delete c;
}

inline void reportException(Core *c, TsgcWSConnection &conn, const std::exception &e) noexcept {
    try {
        if (auto f = c->onException->get()) (*f)(conn, e);
    } catch (...) {
        // OnException itself threw: swallowed, nothing may reach the library
    }
}

inline TBytes bytesOf(const sgcws_event *ev) {
    const uint8_t *p = reinterpret_cast<const uint8_t *>(ev->data);
    return ev->data_len > 0 ? TBytes(p, p + ev->data_len) : TBytes();
}
inline std::string textOf(const sgcws_event *ev) {
    return ev->data_len > 0 ? std::string(ev->data, (size_t)ev->data_len) : std::string();
}

inline void handleCommand(Core *c, TsgcWSConnection &conn, const sgcws_event *ev) {
    sgcws_handle r = ev->reply;
    if (!r) return;
    THTTPRequestInfo rq;
    rq.Command = getStr(r, "RequestInfo.Command");
    bool get = rq.Command == "GET" || rq.Command == "HEAD" || rq.Command == "POST";
    auto f = get ? c->onCommandGet->get() : c->onCommandOther->get();
    if (!f) return;
    rq.Document = getStr(r, "RequestInfo.Document");
    rq.QueryParams = getStr(r, "RequestInfo.QueryParams");
    rq.Version = getStr(r, "RequestInfo.Version");
    rq.Headers = splitLines(getStr(r, "RequestInfo.Headers"));
    rq.ContentText = getStr(r, "RequestInfo.ContentText");
    rq.ContentType = getStr(r, "RequestInfo.ContentType");
    rq.RemoteIP = getStr(r, "RequestInfo.RemoteIP");
    rq.RemotePort = (int)getInt(r, "RequestInfo.RemotePort");
    rq.AuthUsername = getStr(r, "RequestInfo.AuthUsername");
    rq.AuthPassword = getStr(r, "RequestInfo.AuthPassword");
    rq.Host = getStr(r, "RequestInfo.Host");
    THTTPResponseInfo init;
    init.ResponseNo = (int)getInt(r, "ResponseInfo.ResponseNo");
    init.ContentText = getStr(r, "ResponseInfo.ContentText");
    init.ContentType = getStr(r, "ResponseInfo.ContentType");
    init.CustomHeaders = splitLines(getStr(r, "ResponseInfo.CustomHeaders"));
    init.FileName = getStr(r, "ResponseInfo.FileName");
    init.AuthRealm = getStr(r, "ResponseInfo.AuthRealm");
    THTTPResponseInfo rs = init;
    (*f)(conn, rq, rs);
    if (rs.ContentType != init.ContentType) setStr(r, "ResponseInfo.ContentType", rs.ContentType);
    if (rs.CustomHeaders != init.CustomHeaders)
        setStr(r, "ResponseInfo.CustomHeaders", joinLines(rs.CustomHeaders));
    if (rs.FileName != init.FileName) setStr(r, "ResponseInfo.FileName", rs.FileName);
    if (rs.AuthRealm != init.AuthRealm) setStr(r, "ResponseInfo.AuthRealm", rs.AuthRealm);
    if (rs.ContentText != init.ContentText) setStr(r, "ResponseInfo.ContentText", rs.ContentText);
    if (rs.ResponseNo != init.ResponseNo) setInt(r, "ResponseInfo.ResponseNo", rs.ResponseNo);
}

/// Runs the handler of one event. Never throws.
inline void dispatch(Core *c, const sgcws_event *ev, bool queued) noexcept {
    TsgcWSConnection conn(ev->connection);
    try {
        switch (ev->kind) {
        case SGCWS_EV_CONNECT:
            if (auto f = c->onConnect->get()) (*f)(conn);
            break;
        case SGCWS_EV_DISCONNECT:
            if (auto f = c->onDisconnect->get()) (*f)(conn, ev->code);
            break;
        case SGCWS_EV_MESSAGE:
            if (auto f = c->onMessage->get()) (*f)(conn, textOf(ev));
            break;
        case SGCWS_EV_BINARY:
            if (auto f = c->onBinary->get()) (*f)(conn, bytesOf(ev));
            break;
        case SGCWS_EV_FRAGMENTED:
            if (auto f = c->onFragmented->get())
                (*f)(conn, bytesOf(ev), (ev->flags & SGCWS_FLAG_BINARY) != 0, (ev->flags & SGCWS_FLAG_FINAL) != 0,
                     ev->offset);
            break;
        case SGCWS_EV_ERROR:
            if (auto f = c->onError->get()) (*f)(conn, textOf(ev));
            break;
        case SGCWS_EV_EXCEPTION:
            if (auto f = c->onException->get()) {
                std::runtime_error e(textOf(ev));
                try {
                    (*f)(conn, e);
                } catch (...) {
                }
            }
            break;
        case SGCWS_EV_HANDSHAKE:
            if (auto f = c->onHandshake->get()) {
                if (ev->reply) {
                    std::string before = getStr(ev->reply, "Headers");
                    THeaders h = splitLines(before);
                    (*f)(conn, h);
                    std::string after = joinLines(h);
                    if (after != joinLines(splitLines(before))) setStr(ev->reply, "Headers", after);
                }
            }
            break;
        case SGCWS_EV_AUTHENTICATION:
            if (auto f = c->onAuthentication->get()) {
                if (ev->reply) {
                    std::string user = getStr(ev->reply, "User");
                    std::string pass = getStr(ev->reply, "Password");
                    bool ok = getBool(ev->reply, "Authenticated");
                    (*f)(conn, user, pass, ok);
                    setBool(ev->reply, "Authenticated", ok);
                }
            }
            break;
        case SGCWS_EV_UNKNOWN_PROTOCOL:
            if (auto f = c->onUnknownProtocol->get()) {
                if (ev->reply) {
                    bool accept = getBool(ev->reply, "Accept");
                    (*f)(conn, accept);
                    setBool(ev->reply, "Accept", accept);
                }
            }
            break;
        case SGCWS_EV_HTTP_REQUEST:
            handleCommand(c, conn, ev);
            break;
        case SGCWS_EV_STARTUP:
            if (auto f = c->onStartup->get()) (*f)();
            break;
        case SGCWS_EV_SHUTDOWN:
            if (auto f = c->onShutdown->get()) (*f)();
            break;
        default:
            for (const auto &r : c->registered)  // registered kinds (>= 100); other kinds: a newer library's
                if (r.first == ev->kind) r.second->dispatch(conn, ev, c->orphaned);
            break;
        }
    } catch (const std::exception &e) {
        reportException(c, conn, e);
    } catch (...) {
        std::runtime_error e("unknown C++ exception in an event handler");
        reportException(c, conn, e);
    }
    if (queued && ev->reply && !c->orphaned.load()) {
        try {
            api().done(ev->reply);  // the answer is final now, not only at the batch's release
        } catch (...) {
        }
    }
}

extern "C" inline void SGCWS_CALL sgcws_cpp_event_trampoline(void *user, const sgcws_event *ev) {
    Core *c = static_cast<Core *>(user);
    if (!c || !ev) return;
    {
        FrameGuard g(c);
        dispatch(c, ev, false);
    }
    reapIfOrphaned(c);
}

extern "C" inline void SGCWS_CALL sgcws_cpp_wake_trampoline(void *user) {
    Core *c = static_cast<Core *>(user);
    if (!c) return;
    {
        FrameGuard g(c);
        try {
            if (auto f = c->onEventsAvailable->get()) (*f)();
        } catch (const std::exception &e) {
            TsgcWSConnection none;
            reportException(c, none, e);
        } catch (...) {
            TsgcWSConnection none;
            std::runtime_error e("unknown C++ exception in OnEventsAvailable");
            reportException(c, none, e);
        }
    }
    reapIfOrphaned(c);
}

/// Queued modes: one poll, dispatch of the batch, release. Returns the number of events handled.
inline int processEvents(Core *c, int timeout_ms, int max) {
    if (max < 1) max = 1;
    const int cap = 256;
    if (max > cap) max = cap;
    const sgcws_event *evs[cap] = {};  // zeroed: the library's Go side must never see stack garbage here
    int32_t n = 0;
    check(api().poll(c->h, evs, max, timeout_ms, &n), "ProcessEvents");
    int handled = 0;
    {
        FrameGuard g(c);
        for (int i = 0; i < n; ++i) {
            dispatch(c, evs[i], true);
            ++handled;
            if (c->orphaned.load()) break;  // the object was destroyed by a handler
        }
        if (!c->orphaned.load() && n > 0) api().release(c->h);
    }
    reapIfOrphaned(c);
    return handled;
}

inline Core *newCore(int kind) {
    std::unique_ptr<Core> c(new Core());
    c->kind = kind;
    const Api &a = api();
    check(a.create(kind, &c->h), "create");
    int32_t rc = a.set_callback(c->h, &sgcws_cpp_event_trampoline, c.get());
    if (rc == SGCWS_OK) rc = a.set_wake(c->h, &sgcws_cpp_wake_trampoline, c.get());
    if (rc != SGCWS_OK) {
        a.destroy(c->h);
        fail(rc, "set_callback");
    }
    return c.release();
}

/// Detach, destroy, free (or leave freeing to the dispatch frame the call comes from). Never throws.
inline void destroyCore(Core *c) noexcept {
    if (!c) return;
    bool own = inDispatch(c);
    const Api *a = loader().api.load();
    if (a) {
        a->detach(c->h);
        a->destroy(c->h);
    }
    if (own)
        c->orphaned.store(true);  // freed when the handler that destroyed us returns
    else
        delete c;
}

/// A by-kind text of the library (sgcws_properties, sgcws_describe): asks for the length, then reads.
template <class Call>
std::string kindText(int32_t kind, const char *what, Call call) {
    int32_t len = 0;
    int32_t rc = call(kind, nullptr, 0, &len);
    if (rc != SGCWS_E_BUFFER && rc != SGCWS_OK) fail(rc, what);
    std::string s((size_t)len + 1, '\0');
    check(call(kind, &s[0], (int32_t)s.size(), &len), what);
    s.resize((size_t)len);
    return s;
}

// ---- the description (sgcws_describe) and the check of the generated classes against it ----

/// Just enough JSON for sgcws_describe: objects, arrays, strings, numbers, true/false/null.
struct Json {
    enum Kind { Null, Bool, Number, String, Array, Object } kind = Null;
    std::string text;                                   // String, Number, Bool ("true"/"false")
    std::vector<Json> items;                            // Array
    std::vector<std::pair<std::string, Json>> fields;  // Object

    const Json *field(const char *name) const {
        for (const auto &f : fields)
            if (f.first == name) return &f.second;
        return nullptr;
    }
    std::string str(const char *name) const {
        const Json *f = field(name);
        return f ? f->text : std::string();
    }
    bool flag(const char *name) const { return str(name) == "true"; }
    const std::vector<Json> &list(const char *name) const {
        static const std::vector<Json> none;
        const Json *f = field(name);
        return f ? f->items : none;
    }
};

class JsonReader {
public:
    explicit JsonReader(const std::string &s) : p_(s.data()), end_(s.data() + s.size()) {}
    Json document() {
        Json v = value();
        space();
        if (p_ != end_) bad();
        return v;
    }

private:
    [[noreturn]] void bad() { throw MakeError(SGCWS_E_INTERNAL, "malformed JSON from sgcws_describe"); }
    void space() {
        while (p_ != end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) ++p_;
    }
    bool eat(char c) {
        space();
        if (p_ == end_ || *p_ != c) return false;
        ++p_;
        return true;
    }
    Json value() {
        space();
        if (p_ == end_) bad();
        Json v;
        if (eat('{')) {
            v.kind = Json::Object;
            if (eat('}')) return v;
            do {
                space();
                std::string k = string();
                if (!eat(':')) bad();
                v.fields.emplace_back(std::move(k), value());
            } while (eat(','));
            if (!eat('}')) bad();
        } else if (eat('[')) {
            v.kind = Json::Array;
            if (eat(']')) return v;
            do v.items.push_back(value());
            while (eat(','));
            if (!eat(']')) bad();
        } else if (*p_ == '"') {
            v.kind = Json::String;
            v.text = string();
        } else {
            const char *b = p_;
            while (p_ != end_ && std::strchr("+-.0123456789eEtruefalsn", *p_)) ++p_;
            v.text.assign(b, p_);
            v.kind = v.text == "true" || v.text == "false" ? Json::Bool : v.text == "null" ? Json::Null : Json::Number;
            if (v.text.empty()) bad();
        }
        return v;
    }
    std::string string() {
        if (p_ == end_ || *p_++ != '"') bad();
        std::string out;
        while (p_ != end_ && *p_ != '"') {
            char c = *p_++;
            if (c != '\\') {
                out += c;
                continue;
            }
            if (p_ == end_) bad();
            c = *p_++;
            switch (c) {
            case 'b': out += '\b'; break;
            case 'f': out += '\f'; break;
            case 'n': out += '\n'; break;
            case 'r': out += '\r'; break;
            case 't': out += '\t'; break;
            case 'u': utf8(out, codepoint()); break;
            default: out += c;  // \" \\ \/
            }
        }
        if (p_ == end_) bad();
        ++p_;
        return out;
    }
    unsigned hex4() {
        if (end_ - p_ < 4) bad();
        unsigned v = 0;
        for (int i = 0; i < 4; ++i) {
            char c = *p_++;
            v = v * 16 + (unsigned)(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
        }
        return v;
    }
    unsigned codepoint() {  // after "\u": one code unit, or a surrogate pair
        unsigned u = hex4();
        if (u >= 0xD800 && u < 0xDC00 && end_ - p_ >= 6 && p_[0] == '\\' && p_[1] == 'u') {
            p_ += 2;
            u = 0x10000 + ((u - 0xD800) << 10) + (hex4() - 0xDC00);
        }
        return u;
    }
    static void utf8(std::string &out, unsigned u) {
        if (u < 0x80) {
            out += (char)u;
        } else if (u < 0x800) {
            out += (char)(0xC0 | (u >> 6));
            out += (char)(0x80 | (u & 0x3F));
        } else if (u < 0x10000) {
            out += (char)(0xE0 | (u >> 12));
            out += (char)(0x80 | ((u >> 6) & 0x3F));
            out += (char)(0x80 | (u & 0x3F));
        } else {
            out += (char)(0xF0 | (u >> 18));
            out += (char)(0x80 | ((u >> 12) & 0x3F));
            out += (char)(0x80 | ((u >> 6) & 0x3F));
            out += (char)(0x80 | (u & 0x3F));
        }
    }
    const char *p_;
    const char *end_;
};

inline std::string valueList(const Json &j) {
    const auto &vs = j.list("values");
    if (vs.empty()) return "";
    std::string s = " {";
    for (size_t i = 0; i < vs.size(); ++i) s += (i ? "," : "") + vs[i].text;
    return s + "}";
}
inline std::string paramList(const std::vector<Json> &ps) {
    std::string s;
    for (size_t i = 0; i < ps.size(); ++i) {
        const Json &p = ps[i];
        s += (i ? ", " : "") + p.str("name") + (p.flag("var") ? " var " : " ") + p.str("type") + valueList(p);
        if (p.field("object")) s += " object " + p.str("object");
        if (p.flag("list")) s += " list";
        if (const Json *d = p.field("default")) s += " = " + d->text;
    }
    return s;
}
/// The lines of a class's description the generated code depends on; tools/gen (describeLines in
/// tools/gen/cpp.go) writes the same lines into sgcws_components.hpp.
inline std::vector<std::string> describeLines(const Json &c) {
    std::vector<std::string> out;
    for (const Json &p : c.list("properties"))
        out.push_back("P " + p.str("name") + " " + p.str("type") + (p.flag("readOnly") ? " ro" : "") + valueList(p));
    for (const Json &m : c.list("methods"))
        out.push_back("M " + m.str("name") + "(" + paramList(m.list("params")) + ") " + m.str("result") +
                      (m.flag("blocking") ? " blocking" : ""));
    for (const Json &e : c.list("events"))
        out.push_back("E " + e.str("name") + " " + e.str("id") + (e.flag("connection") ? " conn" : "") +
                      (e.flag("decision") ? " decision" : "") + "(" + paramList(e.list("args")) + ")");
    for (const Json &o : c.list("objects")) out.push_back("O " + o.str("name") + "(" + paramList(o.list("fields")) + ")");
    std::sort(out.begin(), out.end());
    return out;
}

/// One class as the generator saw it (sgcws_components.hpp).
struct GeneratedClass {
    int32_t kind;
    const char *name;
    const char *lines;  // describeLines, each ending in '\n'
};

inline std::string describe(int32_t kind) { return kindText(kind, "Describe", api().describe); }

/// "" when the library describes the class as generated, else what differs.
inline std::string compareClass(const GeneratedClass &g) {
    Json have;
    try {
        have = JsonReader(describe(g.kind)).document();
    } catch (const Error &e) {
        return std::string(g.name) + " (kind " + std::to_string(g.kind) + "): not in the library (" + e.what() + ")";
    }
    if (have.str("name") != g.name)
        return std::string(g.name) + ": kind " + std::to_string(g.kind) + " is " + have.str("name") + " in the library";
    std::vector<std::string> lib = describeLines(have), hdr = splitLines(g.lines);
    std::sort(hdr.begin(), hdr.end());
    std::string onlyLib, onlyHdr;
    for (const auto &l : lib)
        if (!std::binary_search(hdr.begin(), hdr.end(), l)) onlyLib += "\n    " + l;
    for (const auto &l : hdr)
        if (!std::binary_search(lib.begin(), lib.end(), l)) onlyHdr += "\n    " + l;
    if (onlyLib.empty() && onlyHdr.empty()) return "";
    std::string s = g.name;
    if (!onlyLib.empty()) s += ": only in the library:" + onlyLib;
    if (!onlyHdr.empty()) s += (onlyLib.empty() ? ": " : "\n  ") + std::string("only in this header:") + onlyHdr;
    return s;
}

template <size_t N>
void checkComponents(const GeneratedClass (&classes)[N]) {
    std::string problems;
    for (const GeneratedClass &g : classes) {
        std::string d = compareClass(g);
        if (!d.empty()) problems += "\n  " + d;
    }
    if (!problems.empty())
        throw MakeError(SGCWS_E_UNSUPPORTED, "the generated C++ classes do not match " + api().path +
                                                 " (run go run ./tools/gen):" + problems);
}

}  // namespace detail

/// The library's description of a component kind as JSON (0: every registered kind).
inline std::string Describe(int kind = 0) { return detail::describe(kind); }

// ------------------------------------------------------------------------------------------------
// Components
// ------------------------------------------------------------------------------------------------

/// What every component shares: the core, properties by name, event delivery, the generic calls.
class TsgcWSComponent {
protected:
    std::unique_ptr<detail::Core> core_;  // first: the event members below are bound to its slots

public:
    TsgcWSComponent(const TsgcWSComponent &) = delete;
    TsgcWSComponent &operator=(const TsgcWSComponent &) = delete;

    /// The library handle (0 for a moved-from object).
    sgcws_handle Handle() const { return core_ ? core_->h : 0; }

    // Properties by the manual's path ("Options.Parameters", "TLSOptions.VerifyCertificate", ...).
    void SetStr(const std::string &name, const std::string &v) { detail::setStr(h(), name.c_str(), v); }
    void SetInt(const std::string &name, int64_t v) { detail::setInt(h(), name.c_str(), v); }
    void SetBool(const std::string &name, bool v) { detail::setBool(h(), name.c_str(), v); }
    std::string GetStr(const std::string &name) const { return detail::getStr(h(), name.c_str()); }
    int64_t GetInt(const std::string &name) const { return detail::getInt(h(), name.c_str()); }
    bool GetBool(const std::string &name) const { return detail::getBool(h(), name.c_str()); }
    /// Generic setter: strings, const char*, bool and every integer type.
    void set(const std::string &name, const std::string &v) { SetStr(name, v); }
    void set(const std::string &name, const char *v) { SetStr(name, v ? v : ""); }
    void set(const std::string &name, bool v) { SetBool(name, v); }
    template <class T, class = std::enable_if_t<std::is_integral<T>::value && !std::is_same<T, bool>::value>>
    void set(const std::string &name, T v) {
        SetInt(name, (int64_t)v);
    }
    /// The properties of this component kind: "Name<TAB>Type<TAB>Default<TAB>Values" per line.
    std::string Properties() const { return detail::kindText(core().kind, "Properties", detail::api().properties); }
    /// The library's description of this component kind (JSON: properties, methods, events).
    std::string Describe() const { return detail::describe(core().kind); }
    /// Calls a method by name with raw arguments (sgcws_invoke); the generated classes' methods are the
    /// typed way. The result's data stays valid until this thread's next Invoke or event.
    sgcws_value Invoke(const std::string &method, std::initializer_list<sgcws_value> args = {}) {
        return invoke(method.c_str(), args);
    }

    /// NotifyEvents, by value.
    TwsNotifyEvent GetNotifyEvents() const { return detail::get<TwsNotifyEvent>(h(), "NotifyEvents"); }
    void SetNotifyEvents(const TwsNotifyEvent &v) { detail::set(h(), "NotifyEvents", v); }
    SGCWS_CPP_PROPERTY(TwsNotifyEvent, NotifyEvents)

    /// Queued modes (neAsynchronous, neSynchronous): waits up to timeout_ms (0: no wait, -1: forever) for
    /// events, runs the handlers of at most `max` of them on the calling thread and returns how many.
    /// A handler may destroy this object; ProcessEvents then returns at once.
    int ProcessEvents(int timeout_ms = 0, int max = 64) { return detail::processEvents(&core(), timeout_ms, max); }
    /// Queued modes: a file descriptor (POSIX) / event HANDLE (Windows) signalled while events wait.
    intptr_t Waitable() const {
        intptr_t w = 0;
        detail::check(detail::api().waitable(h(), &w), "Waitable");
        return w;
    }

    // Events every component has.
    EventProperty<OnErrorFn> OnError;
    EventProperty<OnExceptionFn> OnException;
    /// Queued modes: called on a library thread when events become available (keep it short: post a
    /// message to your main thread that calls ProcessEvents).
    EventProperty<OnNotifyFn> OnEventsAvailable;

protected:
    explicit TsgcWSComponent(int kind)
        : core_(detail::newCore(kind)),
          OnError(core_->onError),
          OnException(core_->onException),
          OnEventsAvailable(core_->onEventsAvailable) {}
    ~TsgcWSComponent() { detail::destroyCore(core_.release()); }
    TsgcWSComponent(TsgcWSComponent &&) noexcept = default;
    TsgcWSComponent &operator=(TsgcWSComponent &&o) noexcept {
        if (this != &o) {
            detail::destroyCore(core_.release());
            core_ = std::move(o.core_);
            OnError = std::move(o.OnError);
            OnException = std::move(o.OnException);
            OnEventsAvailable = std::move(o.OnEventsAvailable);
        }
        return *this;
    }

    detail::Core &core() const {
        if (!core_) throw MakeError(SGCWS_E_HANDLE, "object used after it was moved from");
        return *core_;
    }
    sgcws_handle h() const { return core().h; }
    /// Switches the engine's decision events on exactly when a handler is assigned.
    void syncOptIn(const char *prop, bool assigned) { detail::setBool(h(), prop, assigned); }

    // For the generated classes (sgcws_components.hpp).
    sgcws_value invoke(const char *method, std::initializer_list<sgcws_value> args) {
        sgcws_value none{}, r{};
        detail::check(detail::api().invoke(h(), method, args.size() ? args.begin() : &none, (int32_t)args.size(), &r),
                      method);
        return r;
    }
    /// The slot of registered event `id` (its arguments named as in the registry, in order; var(name)
    /// for those answered).
    template <class Fn>
    std::shared_ptr<detail::Slot<Fn>> event(int32_t id, std::initializer_list<detail::EventArg> names) {
        auto s = std::make_shared<detail::ArgsSlot<Fn>>(detail::EventArgNames(names));
        core().registered.emplace_back(id, s);
        return s;
    }
    /// A var argument of a registered event: the value its handler leaves is the answer.
    static detail::EventArg var(const char *name) {
        detail::EventArg a(name);
        a.answered = true;
        return a;
    }
    /// A decision event's switch ("Events.OnX"), set as its handler is assigned. `name` is a literal.
    std::function<void(bool)> optIn(const char *name) {
        sgcws_handle hh = h();
        return [hh, name](bool on) { detail::setBool(hh, name, on); };
    }

    friend sgcws_handle detail::handleOf(const TsgcWSComponent &);
};

/// A transport (client, servers): its connections' events.
class TsgcComponent : public TsgcWSComponent {
public:
    EventProperty<OnConnectFn> OnConnect{core_->onConnect};
    EventProperty<OnDisconnectFn> OnDisconnect{core_->onDisconnect};
    EventProperty<OnMessageFn> OnMessage{core_->onMessage};
    EventProperty<OnBinaryFn> OnBinary{core_->onBinary};
    EventProperty<OnFragmentedFn> OnFragmented{core_->onFragmented};
    EventProperty<OnHandshakeFn> OnHandshake{core_->onHandshake};

protected:
    explicit TsgcComponent(int kind) : TsgcWSComponent(kind) {}
    TsgcComponent(TsgcComponent &&) noexcept = default;
    TsgcComponent &operator=(TsgcComponent &&) noexcept = default;
};

/// A protocol component (the generated protocol classes): attached to a transport through its Server or
/// Client property, it receives OnConnect/OnDisconnect for the connections of its sub-protocol.
class TsgcWSProtocol : public TsgcWSComponent {
public:
    EventProperty<OnConnectFn> OnConnect{core_->onConnect};
    EventProperty<OnDisconnectFn> OnDisconnect{core_->onDisconnect};

protected:
    explicit TsgcWSProtocol(int kind) : TsgcWSComponent(kind) {}
    TsgcWSProtocol(TsgcWSProtocol &&) noexcept = default;
    TsgcWSProtocol &operator=(TsgcWSProtocol &&) noexcept = default;
};

namespace detail {
// RegisterProtocol(name): adds name to the component's Protocols, once.
template <class Transport>
void registerName(Transport &t, const std::string &name) {
    TStrings list = t.GetProtocols();
    if (std::find(list.begin(), list.end(), name) == list.end()) {
        list.push_back(name);
        t.SetProtocols(list);
    }
}
}  // namespace detail

class TsgcWebSocketClient : public TsgcComponent, public detail::TsgcWebSocketClient_Properties<TsgcWebSocketClient> {
public:
    /// `owner` is accepted for the manual's `new TsgcWebSocketClient(NULL)` and ignored.
    explicit TsgcWebSocketClient(void *owner = nullptr) : TsgcComponent(SGCWS_CLIENT) { (void)owner; }
    TsgcWebSocketClient(TsgcWebSocketClient &&) noexcept = default;
    TsgcWebSocketClient &operator=(TsgcWebSocketClient &&) noexcept = default;

    /// The manual's RegisterProtocol: a sub-protocol name to offer in the handshake, or a protocol
    /// component, attached as protocol.SetClient(*this) would.
    void RegisterProtocol(const std::string &name) { detail::registerName(*this, name); }
    template <class Protocol>
    auto RegisterProtocol(Protocol &protocol) -> decltype(protocol.SetClient(*this), void()) {
        protocol.SetClient(*this);
    }

    // URL, Host, Port, TLS, ConnectTimeout, Connected, Options, TLSOptions, HeartBeat, ...: generated, in
    // TsgcWebSocketClient_Properties (sgcws_builtin.hpp). These two keep this header's first names:
    std::string GetOptionsParameters() const { return GetOptions().GetParameters(); }
    void SetOptionsParameters(const std::string &v) { GetOptions().SetParameters(v); }
    SGCWS_CPP_PROPERTY(std::string, OptionsParameters)
    std::string GetOptionsOrigin() const { return GetOptions().GetOrigin(); }
    void SetOptionsOrigin(const std::string &v) { GetOptions().SetOrigin(v); }
    SGCWS_CPP_PROPERTY(std::string, OptionsOrigin)

    bool GetActive() const { return GetBool("Active"); }
    void SetActive(const bool &v) {
        if (v) prepare();
        SetBool("Active", v);
    }
    SGCWS_CPP_PROPERTY(bool, Active)

    /// Connects and waits for the handshake (the manual's Connect(Timeout)); throws Error on failure
    /// (SGCWS_E_CONNECT, SGCWS_E_TIMEOUT, SGCWS_E_IN_CALLBACK from inside a handler).
    bool Connect(int timeout_ms = 10000) {
        prepare();
        detail::check(detail::api().connect(h(), timeout_ms), "Connect");
        return true;
    }
    /// Normal close and wait (the manual's Disconnect(Timeout)).
    bool Disconnect(int timeout_ms = 10000) {
        detail::check(detail::api().disconnect_wait(h(), timeout_ms), "Disconnect");
        return true;
    }
    void Start() {
        prepare();
        detail::check(detail::api().start(h()), "Start");
    }
    void Stop() { detail::check(detail::api().stop(h()), "Stop"); }

    void WriteData(const std::string &text) { write(SGCWS_TEXT, text.data(), text.size(), 0); }
    void WriteData(const char *text) { WriteData(std::string(text ? text : "")); }
    void WriteData(const TBytes &bytes, int fragmentSize = 0) {
        write(SGCWS_BINARY, bytes.data(), bytes.size(), fragmentSize);
    }
    void WriteData(const void *data, size_t size, int fragmentSize = 0) {
        write(SGCWS_BINARY, data, size, fragmentSize);
    }
    void Ping(const std::string &text = std::string()) {
        detail::check(detail::api().ping(h(), text.data(), (int32_t)text.size()), "Ping");
    }
    void Close(int code = 1000) { detail::check(detail::api().close(h(), code), "Close"); }

private:
    void prepare() { syncOptIn("Events.OnHandshake", (bool)OnHandshake); }
    void write(int32_t type, const void *data, size_t len, int frag) {
        detail::check(detail::api().write(h(), type, data, (int64_t)len, frag), "WriteData");
    }
};

class TsgcWebSocketServer : public TsgcComponent, public detail::TsgcWebSocketServer_Properties<TsgcWebSocketServer> {
public:
    explicit TsgcWebSocketServer(void *owner = nullptr) : TsgcWebSocketServer(SGCWS_SERVER) { (void)owner; }
    TsgcWebSocketServer(TsgcWebSocketServer &&) noexcept = default;
    TsgcWebSocketServer &operator=(TsgcWebSocketServer &&) noexcept = default;

    // Port, Bindings, ListenAddresses (the actual "ip:port" of each listener), Count, SSL, SSLOptions,
    // Authentication, ...: generated, in TsgcWebSocketServer_Properties (sgcws_builtin.hpp).

    /// The manual's RegisterProtocol: a supported sub-protocol name, or a protocol component,
    /// attached as protocol.SetServer(*this) would.
    void RegisterProtocol(const std::string &name) { detail::registerName(*this, name); }
    template <class Protocol>
    auto RegisterProtocol(Protocol &protocol) -> decltype(protocol.SetServer(*this), void()) {
        protocol.SetServer(*this);
    }

    bool GetActive() const { return GetBool("Active"); }
    void SetActive(const bool &v) {
        if (v) prepare();
        SetBool("Active", v);
    }
    SGCWS_CPP_PROPERTY(bool, Active)

    void Start() {
        prepare();
        detail::check(detail::api().start(h()), "Start");
    }
    void Stop() { detail::check(detail::api().stop(h()), "Stop"); }

    /// Broadcast(Message, Channel, Protocol, Exclude, Include): empty = all / none.
    void Broadcast(const std::string &text, const std::string &channel = "", const std::string &protocol = "",
                   const std::string &exclude = "", const std::string &include = "") {
        detail::check(detail::api().broadcast(h(), SGCWS_TEXT, text.data(), (int64_t)text.size(), channel.c_str(),
                                              protocol.c_str(), exclude.c_str(), include.c_str()),
                      "Broadcast");
    }
    void Broadcast(const TBytes &bytes, const std::string &channel = "", const std::string &protocol = "",
                   const std::string &exclude = "", const std::string &include = "") {
        detail::check(detail::api().broadcast(h(), SGCWS_BINARY, bytes.data(), (int64_t)bytes.size(),
                                              channel.c_str(), protocol.c_str(), exclude.c_str(), include.c_str()),
                      "Broadcast");
    }
    /// WriteData(Guid, Text) / WriteData(Guid, Bytes).
    void WriteData(const std::string &guid, const std::string &text) {
        detail::check(detail::api().write_to(h(), guid.c_str(), SGCWS_TEXT, text.data(), (int64_t)text.size()),
                      "WriteData");
    }
    void WriteData(const std::string &guid, const TBytes &bytes) {
        detail::check(
            detail::api().write_to(h(), guid.c_str(), SGCWS_BINARY, bytes.data(), (int64_t)bytes.size()),
            "WriteData");
    }
    /// Pings every connection.
    void Ping(const std::string &text = std::string()) {
        detail::check(detail::api().ping(h(), text.data(), (int32_t)text.size()), "Ping");
    }
    std::vector<TsgcWSConnection> Connections() const {
        int32_t n = 0;
        detail::check(detail::api().connections(h(), nullptr, 0, &n), "Connections");
        for (;;) {
            std::vector<sgcws_handle> hs((size_t)n + 8);
            int32_t total = 0;
            detail::check(detail::api().connections(h(), hs.data(), (int32_t)hs.size(), &total), "Connections");
            if (total <= (int32_t)hs.size()) {
                std::vector<TsgcWSConnection> out;
                for (int32_t i = 0; i < total; ++i) out.emplace_back(hs[(size_t)i]);
                return out;
            }
            n = total;
        }
    }
    TsgcWSConnection FindConnection(const std::string &guid) const {
        sgcws_handle c = 0;
        detail::check(detail::api().find_connection(h(), guid.c_str(), &c), "FindConnection");
        return TsgcWSConnection(c);
    }

    EventProperty<OnAuthenticationFn> OnAuthentication{core_->onAuthentication};
    EventProperty<OnUnknownProtocolFn> OnUnknownProtocol{core_->onUnknownProtocol};
    EventProperty<OnNotifyFn> OnStartup{core_->onStartup};
    EventProperty<OnNotifyFn> OnShutdown{core_->onShutdown};

protected:
    explicit TsgcWebSocketServer(int kind) : TsgcComponent(kind) {}
    virtual void prepare() {
        syncOptIn("Events.OnHandshake", (bool)OnHandshake);
        syncOptIn("Events.OnAuthentication", (bool)OnAuthentication);
        syncOptIn("Events.OnUnknownProtocol", (bool)OnUnknownProtocol);
    }

public:
    virtual ~TsgcWebSocketServer() = default;
};

class TsgcWebSocketHTTPServer : public TsgcWebSocketServer,
                                public detail::TsgcWebSocketHTTPServer_Properties<TsgcWebSocketHTTPServer> {
public:
    explicit TsgcWebSocketHTTPServer(void *owner = nullptr) : TsgcWebSocketServer(SGCWS_HTTP_SERVER) {
        (void)owner;
    }
    TsgcWebSocketHTTPServer(TsgcWebSocketHTTPServer &&) noexcept = default;
    TsgcWebSocketHTTPServer &operator=(TsgcWebSocketHTTPServer &&) noexcept = default;

    // DocumentRoot, KeepAlive: generated, in TsgcWebSocketHTTPServer_Properties (sgcws_builtin.hpp).

    /// GET, HEAD, POST.
    EventProperty<OnCommandFn> OnCommandGet{core_->onCommandGet};
    EventProperty<OnCommandFn> OnCommandOther{core_->onCommandOther};

protected:
    void prepare() override {
        TsgcWebSocketServer::prepare();
        syncOptIn("Events.OnCommandGet", (bool)OnCommandGet);
        syncOptIn("Events.OnCommandOther", (bool)OnCommandOther);
    }
};

namespace detail {
inline sgcws_handle handleOf(const TsgcWSComponent &c) { return c.h(); }
inline sgcws_handle handleOf(const TsgcWSConnection &c) { return c.need(); }
inline sgcws_handle handleOf(const TsgcWSComponent *c) { return c ? handleOf(*c) : 0; }
}  // namespace detail

}  // namespace sgcws

#include "sgcws_components.hpp"  // generated: the registered components

#endif  // SGCWS_HPP
