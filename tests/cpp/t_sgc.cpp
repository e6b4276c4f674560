// t_sgc.cpp - the sgc default protocol through the generated classes (TsgcWSPServer_sgc on a
// TsgcWebSocketServer, two TsgcWebSocketClient + TsgcWSPClient_sgc), in every delivery mode: sessions,
// an OnBeforeSubscription refusal, wildcard subscribe and publish (OnEvent), RPCs answered from the
// server's OnRPC with RPCResult and RPCError, and a server Broadcast (OnMessage on both clients).
#include "harness.hpp"

using namespace sgcws;

namespace {

// One sgc client: its transport, its protocol and what its handlers saw.
struct SgcClient {
    TsgcWebSocketClient ws;
    TsgcWSPClient_sgc proto;
    th::Log session, subscriptions, events, results, messages;

    SgcClient(th::Components &all, int port) {
        all.add(ws);
        all.add(proto);
        proto.setClient(ws);
        ws.setURL(th::wsURL(port));
        proto.OnSession = [this](TsgcWSConnection &, const std::string &guid) { session.add(guid); };
        proto.OnSubscription = [this](TsgcWSConnection &, const std::string &s) { subscriptions.add(s); };
        proto.OnEvent = [this](TsgcWSConnection &, const std::string &ch, const std::string &t) { events.add(ch + "|" + t); };
        proto.OnRPCResult = [this](TsgcWSConnection &, const std::string &id, const std::string &r) {
            results.add(id + "|" + r);
        };
        proto.OnRPCError = [this](TsgcWSConnection &, const std::string &id, int64_t code, const std::string &m,
                                  const std::string &d) {
            results.add(id + "|" + std::to_string(code) + "|" + m + "|" + d);
        };
        proto.OnMessage = [this](TsgcWSConnection &, const std::string &t) { messages.add(t); };
    }
};

void sgcBothWays(TwsNotifyEvent mode) {
    th::Components all(mode);
    TsgcWebSocketServer server;
    TsgcWSPServer_sgc sgc;
    all.add(server);
    all.add(sgc);
    sgc.setServer(server);
    th::Log serverGuids, serverSubs;
    std::atomic<int> disconnects{0};
    sgc.OnConnect = [&](TsgcWSConnection &c) { serverGuids.add(c.Guid()); };
    sgc.OnDisconnect = [&](TsgcWSConnection &, int) { ++disconnects; };
    sgc.OnBeforeSubscription = [](TsgcWSConnection &, const std::string &sub, bool &accept) {
        if (sub == "secret") accept = false;
    };
    sgc.OnSubscription = [&](TsgcWSConnection &, const std::string &sub) { serverSubs.add(sub); };
    sgc.OnRPC = [&](TsgcWSConnection &, const std::string &id, const std::string &method, const std::string &) {
        if (method == "Fail")
            sgc.RPCError(id, -32000, "failed", "why");
        else
            sgc.RPCResult(id, R"({"time":"12:00"})");
    };
    int port = th::startOnLoopback(server);

    SgcClient a(all, port), b(all, port);
    a.ws.Connect(10000);
    b.ws.Connect(10000);
    REQUIRE(all.waitFor([&] { return a.session.size() == 1 && b.session.size() == 1 && serverGuids.size() == 2; }));
    auto guids = serverGuids.copy();
    std::string aGuid = a.session.copy()[0];
    REQUIRE_MSG(!aGuid.empty() && (aGuid == guids[0] || aGuid == guids[1]), aGuid);

    a.proto.Subscribe("secret");  // refused by OnBeforeSubscription: never confirmed
    a.proto.Subscribe("news*");
    REQUIRE(all.waitFor([&] { return a.subscriptions.size() == 1 && serverSubs.size() == 1; }));
    REQUIRE_MSG(a.subscriptions.copy()[0] == "news*", a.subscriptions.copy()[0]);
    REQUIRE(serverSubs.copy()[0] == "news*");

    b.proto.Publish("goal!", "news/sport");
    REQUIRE(all.waitFor([&] { return a.events.size() == 1; }));
    REQUIRE_MSG(a.events.copy()[0] == "news/sport|goal!", a.events.copy()[0]);

    a.proto.RPC("r1", "GetTime");
    a.proto.RPC("r2", "Fail");
    REQUIRE(all.waitFor([&] { return a.results.size() == 2; }));
    auto results = a.results.copy();
    REQUIRE_MSG(results[0] == R"(r1|{"time":"12:00"})", results[0]);
    REQUIRE_MSG(results[1] == "r2|-32000|failed|why", results[1]);

    sgc.Broadcast("to everyone");
    REQUIRE(all.waitFor([&] { return a.messages.size() == 1 && b.messages.size() == 1; }));
    REQUIRE(a.messages.copy()[0] == "to everyone" && b.messages.copy()[0] == "to everyone");
    REQUIRE(a.proto.Subscriptions() == TStrings{"news*"});

    a.ws.Disconnect(5000);
    b.ws.Disconnect(5000);
    REQUIRE(all.waitFor([&] { return disconnects == 2; }));
    all.settle();
    REQUIRE(b.events.size() == 0);  // b never subscribed
}

}  // namespace

int main() {
    th::init("t_sgc", 150);
    th::run("cpp sgc neNoSync: session, refused and wildcard subscriptions, publish, RPC result and error, broadcast",
            [] { sgcBothWays(neNoSync); });
    th::run("cpp sgc neAsynchronous", [] { sgcBothWays(neAsynchronous); });
    th::run("cpp sgc neSynchronous", [] { sgcBothWays(neSynchronous); });
    return th::finish();
}
