// t_delivery.cpp - client and server in one process, in each delivery mode (neNoSync, neAsynchronous,
// neSynchronous): connect, text and binary echo in order, the thread handlers run on, Waitable, disconnect.
#include "harness.hpp"

#include <poll.h>

using namespace sgcws;

static void echoCase(TwsNotifyEvent mode) {
    const bool queued = mode != neNoSync;
    const std::thread::id me = std::this_thread::get_id();
    std::atomic<int> wrongThread{0};
    auto onThread = [&] {
        bool mine = std::this_thread::get_id() == me;
        if (queued != mine) ++wrongThread;
    };

    TsgcWebSocketServer server;
    server.setNotifyEvents(mode);
    std::atomic<int> sConnect{0}, sDisconnect{0};
    th::Log sLog;
    server.OnConnect = [&](TsgcWSConnection &c) {
        onThread();
        REQUIRE(!c.Guid().empty());
        ++sConnect;
    };
    server.OnMessage = [&](TsgcWSConnection &c, const std::string &text) {
        onThread();
        sLog.add(text);
        c.WriteData("echo:" + text);
    };
    server.OnBinary = [&](TsgcWSConnection &c, const TBytes &b) {
        onThread();
        c.WriteData(b);
    };
    server.OnDisconnect = [&](TsgcWSConnection &, int) {
        onThread();
        ++sDisconnect;
    };
    int port = th::startOnLoopback(server);

    TsgcWebSocketClient client;
    client.setNotifyEvents(mode);
    client.setURL(th::wsURL(port, "/echo"));
    std::atomic<int> cConnect{0}, cDisconnect{0};
    th::Log cLog;
    TBytes gotBinary;
    std::atomic<bool> binaryDone{false};
    client.OnConnect = [&](TsgcWSConnection &) {
        onThread();
        ++cConnect;
    };
    client.OnMessage = [&](TsgcWSConnection &, const std::string &text) {
        onThread();
        cLog.add(text);
    };
    client.OnBinary = [&](TsgcWSConnection &, const TBytes &b) {
        onThread();
        gotBinary = b;
        binaryDone = true;
    };
    client.OnDisconnect = [&](TsgcWSConnection &, int) {
        onThread();
        ++cDisconnect;
    };

    auto pump = [&] {
        if (queued) {
            server.ProcessEvents(5);
            client.ProcessEvents(5);
        } else {
            th::sleepMs(2);
        }
    };
    if (queued) {
        // a queued mode: the handshake does not need the host, but neSynchronous events wait for it, so
        // connect in the background and pump
        client.setActive(true);
    } else {
        client.Connect(5000);
    }
    REQUIRE(th::waitFor([&] { return cConnect == 1 && sConnect == 1; }, 5000, pump));
    REQUIRE(client.Connected());
    REQUIRE(server.Count() == 1);

    const int N = 200;
    for (int i = 0; i < N; ++i) client.WriteData("m" + std::to_string(i));
    TBytes bin(70000);
    for (size_t i = 0; i < bin.size(); ++i) bin[i] = (uint8_t)(i * 7);
    client.WriteData(bin);
    REQUIRE(th::waitFor([&] { return (int)cLog.size() == N && binaryDone; }, 10000, pump));
    auto got = cLog.copy();
    for (int i = 0; i < N; ++i) REQUIRE(got[(size_t)i] == "echo:m" + std::to_string(i));
    REQUIRE(gotBinary == bin);

    // Waitable: readable while events wait (queued modes)
    if (queued) {
        while (client.ProcessEvents(0) > 0) {
        }
        struct pollfd pfd = {(int)client.Waitable(), POLLIN, 0};
        client.Ping();
        server.Broadcast("to all");
        REQUIRE(poll(&pfd, 1, 5000) == 1);
        REQUIRE(th::waitFor([&] { return (int)cLog.size() == N + 1; }, 5000, pump));
        REQUIRE(cLog.copy().back() == "to all");
    }

    if (queued) {
        client.setActive(false);
    } else {
        client.Disconnect(5000);
    }
    REQUIRE(th::waitFor([&] { return cDisconnect == 1 && sDisconnect == 1; }, 5000, pump));
    REQUIRE(wrongThread == 0);
}

int main() {
    th::init("t_delivery", 120);
    th::run("cpp echo neNoSync (handlers on library threads)", [] { echoCase(neNoSync); });
    th::run("cpp echo neAsynchronous (ProcessEvents on the host thread)", [] { echoCase(neAsynchronous); });
    th::run("cpp echo neSynchronous (ProcessEvents on the host thread)", [] { echoCase(neSynchronous); });

    th::run("cpp OnEventsAvailable wakes the host", [] {
        TsgcWebSocketServer server;
        server.OnMessage = [](TsgcWSConnection &c, const std::string &t) { c.WriteData(t); };
        server.setNotifyEvents(neNoSync);
        int port = th::startOnLoopback(server);
        TsgcWebSocketClient client;  // neAsynchronous
        std::atomic<int> wakes{0};
        std::atomic<int> msgs{0};
        client.OnEventsAvailable = [&] { ++wakes; };
        client.OnMessage = [&](TsgcWSConnection &, const std::string &) { ++msgs; };
        client.setURL(th::wsURL(port));
        client.Connect(5000);
        REQUIRE(th::waitFor([&] { return wakes > 0; }, 5000));
        client.WriteData("x");
        REQUIRE(th::waitFor([&] { return msgs == 1; }, 5000, [&] { client.ProcessEvents(10); }));
    });

    th::run("cpp server broadcast, WriteData(guid), channels, connections", [] {
        TsgcWebSocketServer server;
        server.setNotifyEvents(neNoSync);
        th::Log guids;
        server.OnConnect = [&](TsgcWSConnection &c) { guids.add(c.Guid()); };
        server.OnMessage = [&](TsgcWSConnection &c, const std::string &t) {
            if (t == "join") {
                c.Subscribe("room");
                c.WriteData("joined");
            }
        };
        int port = th::startOnLoopback(server);
        std::vector<TsgcWebSocketClient> clients;
        std::vector<std::unique_ptr<th::Log>> logs;
        for (int i = 0; i < 3; ++i) {
            clients.emplace_back();
            logs.emplace_back(new th::Log);
            th::Log *l = logs.back().get();
            clients.back().setNotifyEvents(neNoSync);
            clients.back().OnMessage = [l](TsgcWSConnection &, const std::string &t) { l->add(t); };
            clients.back().setURL(th::wsURL(port));
            clients.back().Connect(5000);  // vector growth moves the clients: events must follow
        }
        REQUIRE(th::waitFor([&] { return guids.size() == 3; }, 5000));
        REQUIRE(server.Count() == 3);
        REQUIRE(server.Connections().size() == 3);
        server.Broadcast("hello all");
        REQUIRE(th::waitFor([&] { return logs[0]->size() == 1 && logs[1]->size() == 1 && logs[2]->size() == 1; },
                            5000));
        clients[1].WriteData("join");
        REQUIRE(th::waitFor([&] { return logs[1]->size() == 2; }, 5000));
        server.Broadcast("room only", "room");
        REQUIRE(th::waitFor([&] { return logs[1]->size() == 3; }, 5000));
        th::sleepMs(100);
        REQUIRE(logs[0]->size() == 1 && logs[2]->size() == 1);
        // WriteData(guid, text) reaches exactly that connection: find which client it is
        auto g = guids.copy();
        server.WriteData(g[0], "direct");
        REQUIRE(th::waitFor([&] { return logs[0]->size() + logs[1]->size() + logs[2]->size() == 6; }, 5000));
        TsgcWSConnection found = server.FindConnection(g[0]);
        REQUIRE(found.Guid() == g[0]);
        th::expectError(SGCWS_E_ARG, [&] { server.WriteData("no-such-guid", "x"); });
    });
    th::run("cpp OnFragmented (frgAll): fragments with offsets, then the whole message", [] {
        TsgcWebSocketServer server;
        server.setNotifyEvents(neNoSync);
        server.SetStr("Options.FragmentedMessages", "frgAll");
        std::mutex mu;
        std::vector<std::pair<int64_t, size_t>> frags;  // offset, size
        std::atomic<int> finals{0}, binaries{0};
        std::atomic<size_t> whole{0};
        server.OnFragmented = [&](TsgcWSConnection &, const TBytes &d, bool binary, bool final, int64_t offset) {
            std::lock_guard<std::mutex> l(mu);
            frags.emplace_back(offset, d.size());
            if (final) ++finals;
            if (binary) ++binaries;
        };
        server.OnBinary = [&](TsgcWSConnection &, const TBytes &d) { whole = d.size(); };
        int port = th::startOnLoopback(server);
        TsgcWebSocketClient client;
        client.setURL(th::wsURL(port));
        client.Connect(5000);
        TBytes data(100000, 7);
        client.WriteData(data, 16384);  // 7 frames
        REQUIRE(th::waitFor([&] { return whole == data.size(); }, 5000));
        std::lock_guard<std::mutex> l(mu);
        REQUIRE_MSG(frags.size() == 7, std::to_string(frags.size()));
        int64_t expect = 0;
        for (auto &f : frags) {
            REQUIRE(f.first == expect);
            expect += (int64_t)f.second;
        }
        REQUIRE(expect == (int64_t)data.size());
        REQUIRE(finals == 1);
        REQUIRE(binaries == 7);
    });
    return th::finish();
}
