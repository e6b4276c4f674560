// t_components.cpp - the generated classes (sgcws_components.hpp) through the real library: the manual's
// custom sub-protocol (TsgcWSProtocol_Server_Base / _Client_Base) on both ends in every delivery mode, a
// handler destroying its own protocol object, moved protocol objects, the check against sgcws_describe,
// and bad input through the C++ API.
#include "harness.hpp"

using namespace sgcws;

namespace {

const char *const kProto = "chat.cpp";

// One client and one server, each with the custom protocol attached, in one delivery mode.
struct ProtocolPair {
    TwsNotifyEvent mode;
    TsgcWebSocketServer server;
    TsgcWSProtocol_Server_Base sproto;
    TsgcWebSocketClient client;
    TsgcWSProtocol_Client_Base cproto;
    int port = 0;

    explicit ProtocolPair(TwsNotifyEvent m) : mode(m) {
        for (TsgcWSComponent *c : std::initializer_list<TsgcWSComponent *>{&server, &sproto, &client, &cproto})
            c->setNotifyEvents(mode);
        sproto.setProtocol(kProto);
        sproto.setServer(server);
        cproto.setProtocol(kProto);
        cproto.setClient(client);
        port = th::startOnLoopback(server);
        client.setURL(th::wsURL(port));
    }
    void pump() {
        if (mode == neNoSync) return th::sleepMs(2);
        server.ProcessEvents(2);
        sproto.ProcessEvents(2);
        client.ProcessEvents(2);
        cproto.ProcessEvents(2);
    }
    bool waitFor(const std::function<bool()> &pred) {
        return th::waitFor(pred, 10000, [this] { pump(); });
    }
};

void protocolBothWays(TwsNotifyEvent mode) {
    ProtocolPair p(mode);
    std::atomic<int> sConnects{0}, sDisconnects{0}, serverOwnMessages{0}, serverConnects{0};
    std::atomic<int> cConnects{0}, cDisconnects{0};
    th::Log sLog, cLog;
    std::atomic<bool> binaryBack{false};
    TBytes payload = {0, 1, 2, 250, 255};

    p.server.OnConnect = [&](TsgcWSConnection &) { ++serverConnects; };
    p.server.OnMessage = [&](TsgcWSConnection &, const std::string &) { ++serverOwnMessages; };
    p.sproto.OnConnect = [&](TsgcWSConnection &c) {
        REQUIRE(c.Protocol() == kProto);
        ++sConnects;
    };
    p.sproto.OnMessage = [&](TsgcWSConnection &c, const std::string &text) {
        sLog.add(text);
        p.sproto.WriteData(c.Guid(), "echo:" + text);  // the manual's answer: WriteData(aConnection.Guid, ...)
    };
    p.sproto.OnBinary = [&](TsgcWSConnection &c, const TBytes &data) { c.WriteData(data); };
    p.sproto.OnDisconnect = [&](TsgcWSConnection &, int) { ++sDisconnects; };
    p.cproto.OnConnect = [&](TsgcWSConnection &) { ++cConnects; };
    p.cproto.OnMessage = [&](TsgcWSConnection &, const std::string &text) { cLog.add(text); };
    p.cproto.OnBinary = [&](TsgcWSConnection &, const TBytes &data) { binaryBack = data == payload; };
    p.cproto.OnDisconnect = [&](TsgcWSConnection &, int) { ++cDisconnects; };

    REQUIRE(p.sproto.Server() == p.server.Handle() && p.cproto.Client() == p.client.Handle());
    p.client.setActive(true);
    REQUIRE(p.waitFor([&] { return sConnects == 1 && cConnects == 1 && serverConnects == 1; }));
    REQUIRE(p.client.Protocol() == kProto);

    const int N = 50;
    for (int i = 0; i < N; ++i) p.cproto.WriteData("m" + std::to_string(i));
    p.client.WriteData(payload);  // binary on the protocol's connection: the protocol's OnBinary
    REQUIRE(p.waitFor([&] { return (int)cLog.size() == N && binaryBack; }));
    auto got = cLog.copy();
    for (int i = 0; i < N; ++i) REQUIRE_MSG(got[(size_t)i] == "echo:m" + std::to_string(i), got[(size_t)i]);
    REQUIRE((int)sLog.size() == N);

    p.sproto.Broadcast("to all");
    p.sproto.Broadcast("to nobody", "", "no-such-guid");  // Include names no connection
    REQUIRE(p.waitFor([&] { return cLog.size() == (size_t)N + 1; }));
    th::sleepMs(50);
    p.pump();
    REQUIRE(cLog.copy().back() == "to all" && cLog.size() == (size_t)N + 1);

    p.client.setActive(false);
    REQUIRE(p.waitFor([&] { return sDisconnects == 1 && cDisconnects == 1; }));
    REQUIRE(serverOwnMessages == 0);  // the protocol's connection: the server's own OnMessage is silent
}

// A protocol handler that destroys its own protocol object: that handler is the last, nothing crashes,
// the transport goes on.
void destroyFromHandler(TwsNotifyEvent mode) {
    ProtocolPair p(mode);
    auto owned = std::make_unique<TsgcWSProtocol_Client_Base>();
    owned->setNotifyEvents(mode);
    std::atomic<int> calls{0}, connects{0};
    p.sproto.OnConnect = [&](TsgcWSConnection &) { ++connects; };
    p.sproto.OnMessage = [&](TsgcWSConnection &c, const std::string &) {
        p.sproto.WriteData(c.Guid(), "one");
        p.sproto.WriteData(c.Guid(), "two");
    };
    // the pair's client protocol steps aside for one we own
    p.cproto.setClient(nullptr);
    owned->setProtocol(kProto);
    owned->setClient(p.client);
    TsgcWSProtocol_Client_Base *raw = owned.get();
    owned->OnMessage = [&](TsgcWSConnection &, const std::string &) {
        ++calls;
        owned.reset();  // destroys the object whose handler is running
    };
    p.client.setActive(true);
    REQUIRE(p.waitFor([&] { return connects == 1; }));
    raw->WriteData("go");
    REQUIRE(th::waitFor([&] { return calls == 1; }, 10000, [&] {
        p.pump();
        if (mode != neNoSync && owned) owned->ProcessEvents(2);
    }));
    th::sleepMs(100);
    p.pump();
    REQUIRE(calls == 1 && !owned);
    p.client.setActive(false);
}

// A protocol object moved after it was attached keeps its handlers and its events.
void movedProtocol() {
    TsgcWebSocketServer server;
    server.setNotifyEvents(neNoSync);
    TsgcWSProtocol_Server_Base first;
    first.setNotifyEvents(neNoSync);
    first.setProtocol(kProto);
    first.setServer(server);
    std::atomic<int> messages{0};
    first.OnMessage = [&](TsgcWSConnection &, const std::string &) { ++messages; };
    std::vector<TsgcWSProtocol_Server_Base> protos;
    protos.push_back(std::move(first));
    th::expectError(SGCWS_E_HANDLE, [&] { first.Broadcast("x"); });
    REQUIRE(!first.OnMessage && protos[0].OnMessage);

    int port = th::startOnLoopback(server);
    TsgcWebSocketClient client;
    client.setNotifyEvents(neNoSync);
    TsgcWSProtocol_Client_Base cp;
    cp.setNotifyEvents(neNoSync);
    cp.setProtocol(kProto);
    cp.setClient(&client);
    client.setURL(th::wsURL(port));
    client.Connect(5000);
    TsgcWSProtocol_Client_Base cp2(std::move(cp));
    REQUIRE(th::waitFor([&] {
        try {
            cp2.WriteData("hi");  // fails with SGCWS_E_STATE until the protocol saw its connection
            return true;
        } catch (const Error &) {
            return false;
        }
    }, 5000));
    REQUIRE(th::waitFor([&] { return messages == 1; }, 5000));
    client.Disconnect(5000);
}

void checkDescription() {
    CheckComponents();
    // The check itself: a class described otherwise than generated is named with its differences.
    const detail::GeneratedClass wrong[] = {
        {16, "TsgcWSProtocol_Server_Base", "P Protocol String\nP Server Integer\nM Extra() None\n"},
        {250, "TNoSuchComponent", ""},
    };
    std::string m = th::expectError(SGCWS_E_UNSUPPORTED, [&] { detail::checkComponents(wrong); });
    REQUIRE_MSG(m.find("only in the library:") != std::string::npos && m.find("M WriteData(") != std::string::npos, m);
    REQUIRE_MSG(m.find("only in this header:\n    M Extra() None") != std::string::npos, m);
    REQUIRE_MSG(m.find("TNoSuchComponent (kind 250): not in the library") != std::string::npos, m);
    // The whole registry parses, and every generated class is in it.
    detail::Json all = detail::JsonReader(Describe()).document();
    REQUIRE(all.kind == detail::Json::Array);
    for (const auto &g : detail::generatedClasses) {
        bool found = false;
        for (const auto &c : all.items) found = found || c.str("name") == g.name;
        REQUIRE_MSG(found, g.name);
    }
    TsgcWSProtocol_Client_Base p;
    REQUIRE(p.Describe().find("\"TsgcWSProtocol_Client_Base\"") != std::string::npos);
}

void badInput() {
    REQUIRE(std::string(CodeName(SGCWS_E_METHOD)) == "SGCWS_E_METHOD");
    TsgcWebSocketServer server;
    TsgcWebSocketClient client;
    TsgcWSProtocol_Server_Base proto;
    proto.setProtocol("bad");
    auto text = [](const char *s) {
        sgcws_value v{};
        v.type = SGCWS_T_STRING;
        v.data = s;
        v.len = (int64_t)std::strlen(s);
        return v;
    };
    sgcws_value number{};
    number.type = SGCWS_T_INT;
    std::string m = th::expectError(SGCWS_E_METHOD, [&] { proto.Invoke("NoSuchMethod", {text("x")}); });
    REQUIRE_MSG(m.find("NoSuchMethod") != std::string::npos && m.find("[SGCWS_E_METHOD]") != std::string::npos, m);
    th::expectError(SGCWS_E_METHOD, [&] { server.Invoke("WriteData", {text("g"), text("t")}); });  // typed calls only
    th::expectError(SGCWS_E_TYPE, [&] { proto.Invoke("WriteData", {number, text("t")}); });
    th::expectError(SGCWS_E_ARG, [&] { proto.Invoke("WriteData", {text("g")}); });
    th::expectError(SGCWS_E_ARG, [&] { proto.Invoke("WriteData", {text("g"), text("t"), text("x")}); });
    REQUIRE(proto.Invoke("broadcast", {text("nobody listens")}).type == SGCWS_T_NONE);  // any case
    m = th::expectError(SGCWS_E_VALUE, [&] { proto.WriteData("no-such-guid", "x"); });
    REQUIRE_MSG(m.find("no-such-guid") != std::string::npos, m);
    // a Server that is not a server, a moved-from one, a stale handle
    th::expectError(SGCWS_E_VALUE, [&] { proto.SetInt("Server", (int64_t)client.Handle()); });
    TsgcWebSocketServer taken(std::move(server));
    m = th::expectError(SGCWS_E_HANDLE, [&] { proto.setServer(server); });
    REQUIRE_MSG(m.find("moved") != std::string::npos, m);
    th::expectError(SGCWS_E_HANDLE, [&] { proto.SetInt("Server", 0x7fffffff); });
    proto.setServer(taken);
    proto.setServer(nullptr);
    REQUIRE(proto.Server() == 0);
    // a protocol of the same name twice on one server
    proto.setServer(taken);
    TsgcWSProtocol_Server_Base twin;
    twin.setProtocol("BAD");
    th::expectError(SGCWS_E_STATE, [&] { twin.setServer(taken); });
    // a destroyed (moved-from) protocol object
    TsgcWSProtocol_Server_Base alive(std::move(proto));
    th::expectError(SGCWS_E_HANDLE, [&] { proto.Broadcast("x"); });
    th::expectError(SGCWS_E_HANDLE, [&] { proto.Invoke("Broadcast", {text("x")}); });
    th::expectError(SGCWS_E_HANDLE, [&] { (void)proto.Protocol(); });
    th::expectError(SGCWS_E_HANDLE, [&] { proto.OnMessage = [](TsgcWSConnection &, const std::string &) {}; });
    REQUIRE(alive.Protocol() == "bad");
}

// A decision event's switch follows its handler: on after the handler is set, off before it goes.
void optInOrder() {
    std::vector<std::string> order;
    auto slot = std::make_shared<detail::Slot<void(bool &)>>();
    EventProperty<void(bool &)> ev(slot, [&](bool on) { order.push_back(std::string(on ? "on" : "off") + (slot->get() ? "+h" : "-h")); });
    ev = [](bool &accept) { accept = true; };
    ev = nullptr;
    ev = std::function<void(bool &)>();
    REQUIRE(order.size() == 3 && order[0] == "on+h" && order[1] == "off+h" && order[2] == "off-h");
}

}  // namespace

// The manual's RegisterProtocol: a name joins Protocols (once), a protocol component is attached as
// its Server/Client property would attach it, and the pair then talks.
void registerProtocol() {
    TsgcWebSocketServer server;
    TsgcWSProtocol_Server_Base sproto;
    TsgcWebSocketClient client;
    TsgcWSProtocol_Client_Base cproto;
    for (TsgcWSComponent *c : std::initializer_list<TsgcWSComponent *>{&server, &sproto, &client, &cproto})
        c->setNotifyEvents(neNoSync);
    client.RegisterProtocol("extra.one");
    client.RegisterProtocol("extra.one");
    REQUIRE(client.Protocols() == TStrings{"extra.one"});
    sproto.setProtocol(kProto);
    cproto.setProtocol(kProto);
    server.RegisterProtocol(sproto);
    client.RegisterProtocol(cproto);
    REQUIRE(sproto.Server() == server.Handle() && cproto.Client() == client.Handle());
    th::Log got;
    sproto.OnMessage = [&](TsgcWSConnection &c, const std::string &text) { sproto.WriteData(c.Guid(), "re:" + text); };
    cproto.OnMessage = [&](TsgcWSConnection &, const std::string &text) { got.add(text); };
    client.setURL(th::wsURL(th::startOnLoopback(server)));
    client.setActive(true);
    REQUIRE(th::waitFor([&] { return client.Connected(); }, 10000, [] { th::sleepMs(2); }));
    REQUIRE(client.Protocol() == kProto);
    cproto.WriteData("hi");
    REQUIRE(th::waitFor([&] { return got.size() == 1; }, 10000, [] { th::sleepMs(2); }));
    REQUIRE(got.copy()[0] == "re:hi");
}

int main() {
    th::init("t_components", 150);
    th::run("cpp RegisterProtocol: by name, and a protocol component on the server and the client", registerProtocol);
    th::run("cpp generated classes match sgcws_describe (CheckComponents)", checkDescription);
    th::run("cpp custom sub-protocol neNoSync: messages both ways, server's OnMessage silent", [] { protocolBothWays(neNoSync); });
    th::run("cpp custom sub-protocol neAsynchronous", [] { protocolBothWays(neAsynchronous); });
    th::run("cpp custom sub-protocol neSynchronous", [] { protocolBothWays(neSynchronous); });
    th::run("cpp protocol handler destroys its own object (neNoSync)", [] { destroyFromHandler(neNoSync); });
    th::run("cpp protocol handler destroys its own object (neAsynchronous)", [] { destroyFromHandler(neAsynchronous); });
    th::run("cpp protocol handler destroys its own object (neSynchronous)", [] { destroyFromHandler(neSynchronous); });
    th::run("cpp moved protocol objects keep their events", movedProtocol);
    th::run("cpp protocol bad input: unknown method, wrong types, destroyed objects", badInput);
    th::run("cpp decision switch follows the handler", optInOrder);
    return th::finish();
}
