// t_lifetime.cpp - exceptions never reach the library (a throwing handler -> OnException, a throwing
// OnException is swallowed), objects destroyed while traffic flows (no crash, no late event), objects
// destroyed from inside their own handlers, moved objects keep receiving their events.
#include "harness.hpp"

#include <thread>

using namespace sgcws;

struct EchoServer {
    TsgcWebSocketServer s;
    int port;
    explicit EchoServer(TwsNotifyEvent mode = neNoSync) {
        s.setNotifyEvents(mode);
        s.OnMessage = [](TsgcWSConnection &c, const std::string &t) {
            try {
                c.WriteData(t);
            } catch (const Error &) {
                // the peer may be gone
            }
        };
        s.OnBinary = [](TsgcWSConnection &c, const TBytes &b) {
            try {
                c.WriteData(b);
            } catch (const Error &) {
            }
        };
        port = th::startOnLoopback(s);
    }
};

static void throwingHandler(TwsNotifyEvent mode) {
    EchoServer srv;
    TsgcWebSocketClient client;
    client.setNotifyEvents(mode);
    th::Log caught;
    std::atomic<int> after{0};
    client.OnMessage = [&](TsgcWSConnection &, const std::string &t) {
        if (t == "std") throw std::runtime_error("boom from OnMessage");
        if (t == "int") throw 42;
        if (t == "error") {
            TsgcWSConnection stale;
            stale.Guid();  // an sgcws::Error thrown by the binding itself inside a handler
        }
        if (t == "double") throw std::logic_error("first");
        ++after;
    };
    client.OnException = [&](TsgcWSConnection &c, const std::exception &e) {
        caught.add(std::string(e.what()) + (c ? "|conn" : "|noconn"));
        if (std::string(e.what()) == "first") throw std::runtime_error("OnException throws too");
    };
    client.setURL(th::wsURL(srv.port));
    client.Connect(5000);
    for (const char *m : {"std", "int", "error", "double", "fine"}) client.WriteData(m);
    auto pump = [&] {
        if (mode != neNoSync)
            client.ProcessEvents(5);
        else
            th::sleepMs(2);
    };
    REQUIRE(th::waitFor([&] { return after == 1; }, 5000, pump));
    auto c = caught.copy();
    REQUIRE(c.size() == 4);
    REQUIRE_MSG(c[0] == "boom from OnMessage|conn", c[0]);
    REQUIRE_MSG(c[1].find("unknown C++ exception") == 0, c[1]);
    REQUIRE_MSG(c[2].find("SGCWS_E_HANDLE") != std::string::npos, c[2]);
    REQUIRE_MSG(c[3] == "first|conn", c[3]);
    // still alive and delivering
    client.WriteData("fine");
    REQUIRE(th::waitFor([&] { return after == 2; }, 5000, pump));
    // no OnException assigned: a throwing handler is swallowed
    client.OnException = nullptr;
    client.WriteData("std");
    client.WriteData("fine");
    REQUIRE(th::waitFor([&] { return after == 3; }, 5000, pump));
}

// Destroys a flooded client (or the server) while messages flow; counts handler calls after destruction.
static void destroyWhileFlowing(bool destroyServer, int rounds) {
    std::atomic<long> late{0};
    for (int r = 0; r < rounds; ++r) {
        std::unique_ptr<EchoServer> srv(new EchoServer());
        std::atomic<bool> destroyed{false};
        std::atomic<long> received{0};
        std::unique_ptr<TsgcWebSocketClient> client(new TsgcWebSocketClient());
        client->setNotifyEvents(neNoSync);
        auto onAny = [&] {
            if (destroyed) ++late;
            ++received;
            th::sleepMs(0);
        };
        client->OnMessage = [onAny](TsgcWSConnection &, const std::string &) { onAny(); };
        client->OnDisconnect = [onAny](TsgcWSConnection &, int) { onAny(); };
        client->OnError = [onAny](TsgcWSConnection &, const std::string &) { onAny(); };
        client->setURL(th::wsURL(srv->port));
        client->Connect(5000);
        for (int i = 0; i < 2000; ++i) client->WriteData("flood " + std::to_string(i));
        REQUIRE(th::waitFor([&] { return received > 50; }, 5000));
        if (destroyServer) {
            srv.reset();  // the client sees its disconnect, the server's handlers stop at once
            client.reset();
            destroyed = true;
        } else {
            client.reset();  // detach + destroy while echoes keep arriving
            destroyed = true;
        }
        long at = received;
        th::sleepMs(r == rounds - 1 ? 300 : 20);
        REQUIRE(received == at);
    }
    REQUIRE(late == 0);
}

int main() {
    th::init("t_lifetime", 150);

    th::run("cpp throwing handler -> OnException (neNoSync)", [] { throwingHandler(neNoSync); });
    th::run("cpp throwing handler -> OnException (neAsynchronous)", [] { throwingHandler(neAsynchronous); });

    th::run("cpp destroy client while traffic flows: no late event", [] { destroyWhileFlowing(false, 15); });
    th::run("cpp destroy server while traffic flows: no late event", [] { destroyWhileFlowing(true, 10); });

    th::run("cpp destroy server while its handlers are running", [] {
        std::atomic<bool> destroyed{false};
        std::atomic<long> late{0}, calls{0};
        std::unique_ptr<TsgcWebSocketServer> s(new TsgcWebSocketServer());
        s->setNotifyEvents(neNoSync);
        s->OnMessage = [&](TsgcWSConnection &, const std::string &) {
            ++calls;
            th::sleepMs(1);  // keep handlers busy while the owner destroys
            if (destroyed) ++late;
        };
        int port = th::startOnLoopback(*s);
        std::vector<TsgcWebSocketClient> cs(4);
        for (auto &c : cs) {
            c.setURL(th::wsURL(port));
            c.Connect(5000);
            for (int i = 0; i < 300; ++i) c.WriteData("x");
        }
        REQUIRE(th::waitFor([&] { return calls > 20; }, 5000));
        s.reset();
        destroyed = true;  // set after the destructor returned: a handler seeing it ran late
        long at = calls;
        th::sleepMs(200);
        REQUIRE(calls == at);
        REQUIRE(late == 0);
    });

    th::run("cpp destroy from inside its own handler (neNoSync)", [] {
        EchoServer srv;
        std::atomic<int> after{0};
        std::atomic<bool> gone{false}, sent{false};
        auto *client = new TsgcWebSocketClient();
        client->setNotifyEvents(neNoSync);
        client->OnMessage = [&, client](TsgcWSConnection &, const std::string &t) {
            if (gone) ++after;
            if (t == "die") {
                // The host thread must be done writing through client before it is deleted (else the
                // test itself would use a deleted object); the echoes of "more" are still on their way.
                while (!sent) std::this_thread::yield();
                delete client;  // detaches without waiting for this handler; the core is freed after it
                gone = true;
            }
        };
        client->OnDisconnect = [&](TsgcWSConnection &, int) {
            if (gone) ++after;
        };
        client->setURL(th::wsURL(srv.port));
        client->Connect(5000);
        client->WriteData("die");
        for (int i = 0; i < 50; ++i) client->WriteData("more");
        sent = true;
        REQUIRE(th::waitFor([&] { return gone.load(); }, 5000));
        th::sleepMs(200);
        REQUIRE(after == 0);
    });

    th::run("cpp destroy from inside its own handler (ProcessEvents)", [] {
        EchoServer srv;
        std::atomic<int> after{0};
        bool gone = false;
        auto *client = new TsgcWebSocketClient();  // neAsynchronous
        client->OnMessage = [&, client](TsgcWSConnection &, const std::string &t) {
            if (gone) ++after;
            if (t == "die") {
                delete client;
                gone = true;
            }
        };
        client->setURL(th::wsURL(srv.port));
        client->Connect(5000);
        for (int i = 0; i < 20; ++i) client->WriteData("before");
        client->WriteData("die");
        for (int i = 0; i < 20; ++i) client->WriteData("after");
        th::sleepMs(200);  // let everything queue up: one batch holds events after "die"
        while (!gone) client->ProcessEvents(100, 256);
        REQUIRE(after == 0);
    });

    th::run("cpp moved objects keep their events; moved-from ones are inert", [] {
        EchoServer srv;
        std::atomic<int> got{0};
        TsgcWebSocketClient a;
        a.setNotifyEvents(neNoSync);
        a.OnMessage = [&](TsgcWSConnection &, const std::string &) { ++got; };
        a.setURL(th::wsURL(srv.port));
        a.Connect(5000);
        a.WriteData("1");
        REQUIRE(th::waitFor([&] { return got == 1; }, 5000));
        TsgcWebSocketClient b(std::move(a));
        b.WriteData("2");
        REQUIRE(th::waitFor([&] { return got == 2; }, 5000));
        std::vector<TsgcWebSocketClient> v;
        v.push_back(std::move(b));
        for (int i = 0; i < 10; ++i) v.emplace_back();  // reallocations move v[0] around
        v[0].WriteData("3");
        REQUIRE(th::waitFor([&] { return got == 3; }, 5000));
        v[0].OnMessage = [&](TsgcWSConnection &, const std::string &) { got += 10; };  // reassigned live
        v[0].WriteData("4");
        REQUIRE(th::waitFor([&] { return got == 13; }, 5000));
        th::expectError(SGCWS_E_HANDLE, [&] { a.WriteData("x"); });
        th::expectError(SGCWS_E_HANDLE, [&] { b.Connect(100); });
    });

    return th::finish();
}
