// t_sgc_peer.cpp - C++ protocol clients against another host's server: tests/protocols/protocol_server.c
// (a C program on the generic path, its port in argv[1]), which answers the RPC "GetTime" with
// {"time":"12:00:00"} and "Fail" with the error -32000 "it failed" "on purpose", and refuses the
// Presence member "Spam". neAsynchronous (the default), drained with ProcessEvents.
#include "harness.hpp"

using namespace sgcws;

namespace {

int port = 0;

void sgcRPC() {
    th::Components all(neAsynchronous);
    TsgcWebSocketClient ws;
    TsgcWSPClient_sgc sgc;
    all.add(ws);
    all.add(sgc);
    sgc.setClient(ws);
    th::Log session, results, events, subscriptions;
    sgc.OnSession = [&](TsgcWSConnection &, const std::string &guid) { session.add(guid); };
    sgc.OnRPCResult = [&](TsgcWSConnection &, const std::string &id, const std::string &r) { results.add(id + "|" + r); };
    sgc.OnRPCError = [&](TsgcWSConnection &, const std::string &id, int64_t code, const std::string &m,
                         const std::string &d) { results.add(id + "|" + std::to_string(code) + "|" + m + "|" + d); };
    sgc.OnEvent = [&](TsgcWSConnection &, const std::string &ch, const std::string &t) { events.add(ch + "|" + t); };
    sgc.OnSubscription = [&](TsgcWSConnection &, const std::string &s) { subscriptions.add(s); };
    ws.setURL(th::wsURL(port));
    ws.Connect(10000);
    REQUIRE(all.waitFor([&] { return session.size() == 1; }));
    REQUIRE(!session.copy()[0].empty());

    sgc.RPC("1", "GetTime");
    sgc.RPC("2", "Fail");
    REQUIRE(all.waitFor([&] { return results.size() == 2; }));
    auto r = results.copy();
    REQUIRE_MSG(r[0] == R"(1|{"time":"12:00:00"})", r[0]);
    REQUIRE_MSG(r[1] == "2|-32000|it failed|on purpose", r[1]);

    sgc.Subscribe("cpp");
    REQUIRE(all.waitFor([&] { return subscriptions.size() == 1; }));
    sgc.Publish("from C++", "cpp");
    REQUIRE(all.waitFor([&] { return events.size() == 1; }));
    REQUIRE_MSG(events.copy()[0] == "cpp|from C++", events.copy()[0]);
    ws.Disconnect(5000);
    all.settle();
}

void presenceJoin() {
    th::Components all(neAsynchronous);
    TsgcWebSocketClient johnWs, spamWs;
    TsgcWSPClient_Presence john, spam;
    for (TsgcWSComponent *c : std::initializer_list<TsgcWSComponent *>{&johnWs, &spamWs, &john, &spam}) all.add(*c);
    john.setClient(johnWs);
    spam.setClient(spamWs);
    john.Presence().setName("John");
    spam.Presence().setName("Spam");
    th::Log joined, errors;
    john.OnNewMember = [&](TsgcWSConnection &, const TsgcWSPresenceMember &m) { joined.add(m.Name); };
    spam.OnErrorMemberChannel = [&](TsgcWSConnection &, const TsgcWSPresenceError &e, const TsgcWSPresenceChannel &,
                                    const TsgcWSPresenceMember &) { errors.add(std::to_string(e.Code)); };
    johnWs.setURL(th::wsURL(port));
    spamWs.setURL(th::wsURL(port));
    johnWs.Connect(10000);
    spamWs.Connect(10000);
    REQUIRE(all.waitFor([&] { return joined.size() == 1 && errors.size() == 1; }));
    REQUIRE(joined.copy()[0] == "John" && errors.copy()[0] == "1");
    johnWs.Disconnect(5000);
    spamWs.Disconnect(5000);
    all.settle();
}

}  // namespace

int main(int argc, char **argv) {
    th::init("t_sgc_peer", 60);
    if (argc < 2 || (port = std::atoi(argv[1])) <= 0) {
        printf("FAIL cpp sgc client vs the C protocol server: usage: t_sgc_peer PORT\n");
        return 1;
    }
    th::run("cpp sgc client vs the C protocol server: session, RPC result and error, subscribe and publish", sgcRPC);
    th::run("cpp presence client vs the C protocol server: John joins, Spam refused", presenceJoin);
    return th::finish();
}
