// harness.hpp - shared helpers of the C++ binding tests (tests/cpp/t_*.cpp).
//
// Every program runs named cases with th::run("name", fn) and prints one line per case: "PASS name" or
// "FAIL name: why". A watchdog (alarm) ends a hung program with a FAIL line for the running case. The
// library comes from $SGCWS_LIB (run.sh sets it). th::finish() gives the exit status.
#ifndef SGCWS_TESTS_CPP_HARNESS_HPP
#define SGCWS_TESTS_CPP_HARNESS_HPP

#include "sgcws.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <signal.h>
#include <unistd.h>

namespace th {

inline int failures = 0;
inline std::atomic<const char *> current{"(start)"};
inline const char *program = "";

struct CaseFailure : std::runtime_error {
    using std::runtime_error::runtime_error;
};

#define TH_STR2(x) #x
#define TH_STR(x) TH_STR2(x)
#define REQUIRE(cond)                                                                             \
    do {                                                                                          \
        if (!(cond)) throw th::CaseFailure(__FILE__ ":" TH_STR(__LINE__) ": " #cond);             \
    } while (0)
#define REQUIRE_MSG(cond, msg)                                                                    \
    do {                                                                                          \
        if (!(cond))                                                                              \
            throw th::CaseFailure(std::string(__FILE__ ":" TH_STR(__LINE__) ": " #cond ": ") + (msg)); \
    } while (0)

inline void onAlarm(int) {
    char buf[256];
    int n = snprintf(buf, sizeof buf, "FAIL %s: watchdog expired in program %s\n", current.load(), program);
    if (n > 0) {
        ssize_t w = write(1, buf, (size_t)n);
        (void)w;
    }
    _exit(3);
}

inline void init(const char *prog, unsigned limit_s) {
    program = prog;
    setvbuf(stdout, nullptr, _IOLBF, 0);
    signal(SIGALRM, onAlarm);
    alarm(limit_s);
    const char *lib = getenv("SGCWS_LIB");
    sgcws::SetLibraryPath(lib && *lib ? lib : "out/linux-amd64/libsgcws.so");
}

inline void run(const char *name, const std::function<void()> &f) {
    current = name;
    try {
        f();
        printf("PASS %s\n", name);
    } catch (const sgcws::Error &e) {
        printf("FAIL %s: sgcws::Error %s: %s\n", name, sgcws::CodeName(e.Code()), e.what());
        ++failures;
    } catch (const std::exception &e) {
        printf("FAIL %s: %s\n", name, e.what());
        ++failures;
    } catch (...) {
        printf("FAIL %s: unknown exception\n", name);
        ++failures;
    }
    fflush(stdout);
}

inline int finish() { return failures ? 1 : 0; }

inline void sleepMs(int ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); }

/// Waits until pred() holds, at most ms; pump (if any) is called in the loop instead of sleeping.
inline bool waitFor(const std::function<bool()> &pred, int ms, const std::function<void()> &pump = {}) {
    auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    while (!pred()) {
        if (std::chrono::steady_clock::now() > end) return pred();
        if (pump)
            pump();
        else
            sleepMs(2);
    }
    return true;
}

/// Runs f and requires it to throw sgcws::Error with this code; returns the message.
template <class F>
std::string expectError(int code, F &&f) {
    try {
        f();
    } catch (const sgcws::Error &e) {
        if (e.Code() != code)
            throw CaseFailure(std::string("expected ") + sgcws::CodeName(code) + ", got " +
                              sgcws::CodeName(e.Code()) + ": " + e.what());
        return e.what();
    }
    throw CaseFailure(std::string("expected sgcws::Error ") + sgcws::CodeName(code) + ", nothing thrown");
}

/// Starts a server on 127.0.0.1 with an ephemeral port and returns the port.
inline int startOnLoopback(sgcws::TsgcWebSocketServer &s) {
    s.SetBindings({"127.0.0.1:0"});
    s.Start();
    auto addrs = s.GetListenAddresses();
    if (addrs.empty()) throw CaseFailure("server has no listen address");
    const std::string &a = addrs[0];
    return std::atoi(a.substr(a.rfind(':') + 1).c_str());
}

inline std::string wsURL(int port, const std::string &path = "/") {
    return "ws://127.0.0.1:" + std::to_string(port) + path;
}

/// A thread-safe list of strings (what handlers saw).
struct Log {
    std::mutex mu;
    std::vector<std::string> items;
    void add(const std::string &s) {
        std::lock_guard<std::mutex> l(mu);
        items.push_back(s);
    }
    size_t size() {
        std::lock_guard<std::mutex> l(mu);
        return items.size();
    }
    std::vector<std::string> copy() {
        std::lock_guard<std::mutex> l(mu);
        return items;
    }
};

/// The components of one test, all in one delivery mode: pump() drains their queues (the queued modes),
/// and every OnException they raise is recorded (a test ends by requiring there was none).
struct Components {
    sgcws::TwsNotifyEvent mode;
    std::vector<sgcws::TsgcWSComponent *> all;
    Log exceptions;

    explicit Components(sgcws::TwsNotifyEvent m) : mode(m) {}
    void add(sgcws::TsgcWSComponent &c) {
        c.setNotifyEvents(mode);
        c.OnException = [this](sgcws::TsgcWSConnection &, const std::exception &e) { exceptions.add(e.what()); };
        all.push_back(&c);
    }
    void pump() {
        if (mode == sgcws::neNoSync) return sleepMs(2);
        for (sgcws::TsgcWSComponent *c : all) c->ProcessEvents(1);
    }
    bool waitFor(const std::function<bool()> &pred, int ms = 10000) {
        return th::waitFor(pred, ms, [this] { pump(); });
    }
    /// Lets late events arrive (a few pumps), then requires that no handler raised an exception.
    void settle() {
        for (int i = 0; i < 20; ++i) pump();
        auto e = exceptions.copy();
        if (!e.empty()) throw CaseFailure("OnException: " + e[0]);
    }
};

}  // namespace th

#endif
