// t_volume.cpp - 100,000 messages without loss or reordering, client to server and back, in neNoSync and
// in neAsynchronous (batches drained by ProcessEvents).
#include "harness.hpp"

using namespace sgcws;

static void volume(TwsNotifyEvent mode, int N) {
    const bool queued = mode != neNoSync;
    TsgcWebSocketServer server;
    server.setNotifyEvents(mode);
    std::atomic<int> sGot{0}, sBad{0};
    server.OnMessage = [&](TsgcWSConnection &c, const std::string &t) {
        if (t != std::to_string(sGot.load())) ++sBad;
        ++sGot;
        c.WriteData(t);  // echo every one
    };
    int port = th::startOnLoopback(server);

    TsgcWebSocketClient client;
    client.setNotifyEvents(mode);
    std::atomic<int> cGot{0}, cBad{0};
    client.OnMessage = [&](TsgcWSConnection &, const std::string &t) {
        if (t != std::to_string(cGot.load())) ++cBad;
        ++cGot;
    };
    client.setURL(th::wsURL(port));
    client.Connect(5000);

    auto pump = [&] {
        if (queued) {
            server.ProcessEvents(1, 256);
            client.ProcessEvents(0, 256);
        } else {
            th::sleepMs(5);
        }
    };
    auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < N; ++i) {
        for (;;) {
            try {
                client.WriteData(std::to_string(i));
                break;
            } catch (const Error &e) {
                if (e.Code() != SGCWS_E_QUEUE_FULL) throw;
                pump();
            }
        }
        if (queued && (i & 1023) == 0) pump();
    }
    REQUIRE(th::waitFor([&] { return cGot == N; }, 60000, pump));
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    REQUIRE(sGot == N);
    REQUIRE(sBad == 0);
    REQUIRE(cBad == 0);
    printf("     %d round trips in %.2f s (%.0f/s, %s)\n", N, s, N / s, NotifyEventName(mode));
    client.Disconnect(5000);
}

int main() {
    th::init("t_volume", 170);
    th::run("cpp 100000 messages neNoSync without loss", [] { volume(neNoSync, 100000); });
    th::run("cpp 100000 messages neAsynchronous without loss", [] { volume(neAsynchronous, 100000); });
    return th::finish();
}
