// chat_client.cpp - a console chat client for the sgcws chat demo (or any server that broadcasts text).
//
//   chat_client [ws://127.0.0.1:8080/] [--linger MS]
//
// Reads lines from stdin and sends each as a text message; prints every text message that arrives, one per
// line. At the end of stdin it waits --linger ms (default 1000) for the last messages, then disconnects.
//
// POSIX: the events are delivered neAsynchronous and drained on the main thread, which waits on stdin and on
// the client's Waitable() descriptor together with poll(): one thread, no locks. Windows: the console cannot
// be waited on together with the library's event, so handlers run neNoSync on library threads while the main
// thread reads stdin.
//
// Build: g++ -std=c++17 -I include -I bindings/cpp bindings/cpp/examples/chat_client.cpp -o chat_client -ldl
//        x86_64-w64-mingw32-g++ -std=c++17 -I include -I bindings/cpp ... -o chat_client.exe
#include "sgcws.hpp"

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>

#if defined(_WIN32)
#include <windows.h>
#else
#include <poll.h>
#include <time.h>
#include <unistd.h>
#endif

#if !defined(_WIN32)
static long long nowMs() {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}
#endif

int main(int argc, char **argv) {
    std::string url = "ws://127.0.0.1:8080/";
    int linger = 1000;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--linger" && i + 1 < argc)
            linger = std::atoi(argv[++i]);
        else if (a == "-h" || a == "--help") {
            std::printf("usage: %s [ws://host:port/path] [--linger MS]\n", argv[0]);
            return 0;
        } else
            url = a;
    }
    try {
        sgcws::TsgcWebSocketClient client(NULL);
        client.setURL(url);
        client.OnMessage = [](sgcws::TsgcWSConnection &, const std::string &text) {
            std::string line = text + "\n";
            std::fwrite(line.data(), 1, line.size(), stdout);  // one call per line
            std::fflush(stdout);
        };
        client.OnError = [](sgcws::TsgcWSConnection &, const std::string &error) {
            std::fprintf(stderr, "error: %s\n", error.c_str());
        };
        client.OnException = [](sgcws::TsgcWSConnection &, const std::exception &e) {
            std::fprintf(stderr, "exception: %s\n", e.what());
        };
        client.OnDisconnect = [](sgcws::TsgcWSConnection &, int code) {
            std::fprintf(stderr, "disconnected (%d)\n", code);
        };
#if defined(_WIN32)
        client.setNotifyEvents(sgcws::neNoSync);
        client.Connect(10000);
        std::fprintf(stderr, "connected to %s\n", url.c_str());
        std::string line;
        while (std::getline(std::cin, line)) {
            if (!line.empty() && line.back() == '\r') line.pop_back();
            if (!line.empty()) client.WriteData(line);
        }
        Sleep((DWORD)linger);
#else
        client.Connect(10000);  // neAsynchronous: the default
        std::fprintf(stderr, "connected to %s\n", url.c_str());
        struct pollfd fds[2] = {{0, POLLIN, 0}, {(int)client.Waitable(), POLLIN, 0}};
        std::string pending;
        bool eof = false;
        long long deadline = 0;
        while (client.Connected() || client.ProcessEvents(0) > 0) {
            int timeout = eof ? (int)(deadline - nowMs()) : -1;
            if (eof && timeout <= 0) break;
            int n = poll(eof ? fds + 1 : fds, eof ? 1 : 2, timeout);
            if (n < 0) break;
            if (!eof && (fds[0].revents & (POLLIN | POLLHUP))) {
                char buf[4096];
                ssize_t r = read(0, buf, sizeof buf);
                if (r <= 0) {
                    eof = true;
                    deadline = nowMs() + linger;
                    if (!pending.empty()) client.WriteData(pending);
                } else {
                    pending.append(buf, (size_t)r);
                    size_t nl;
                    while ((nl = pending.find('\n')) != std::string::npos) {
                        std::string line = pending.substr(0, nl);
                        pending.erase(0, nl + 1);
                        if (!line.empty() && line.back() == '\r') line.pop_back();
                        if (!line.empty()) client.WriteData(line);
                    }
                }
            }
            client.ProcessEvents(0, 256);
        }
#endif
        if (client.Connected()) client.Disconnect(3000);
#if !defined(_WIN32)
        while (client.ProcessEvents(0) > 0) {
        }
#endif
        return 0;
    } catch (const sgcws::Error &e) {
        std::fprintf(stderr, "chat_client: %s\n", e.what());
        return 1;
    }
}
